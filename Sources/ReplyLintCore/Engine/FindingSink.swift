/// Where the rules checking one reply put their findings: one list for the reply, each finding
/// tagged with the index of the rule that made it. A `[Finding]` returned by every rule call and
/// copied into the runner's list cost a release per call and the loop over it (25 calls per
/// reply); appending here costs nothing when a rule finds nothing, which is nearly every call.
public struct FindingSink {
    /// The findings so far, each with the index (in `Runner.rules`) of the rule that made it.
    public private(set) var found: [(finding: Finding, rule: Int)] = []
    /// The rule whose findings `append` tags (the runner sets it before calling each rule).
    public var rule: Int

    /// Creates an empty sink whose findings are tagged `rule`.
    public init(rule: Int = 0) {
        self.rule = rule
    }

    /// Adds `finding`, made by rule `rule` (consumed: borrowed, it was copied into the list and
    /// then destroyed by the caller).
    public mutating func append(_ finding: consuming Finding) {
        // Room for the findings of most replies at the first one: growing one at a time
        // reallocated the list up to three times (3.3 M instructions per 10,000 replies).
        if found.capacity == 0 { found.reserveCapacity(4) }
        found.append((finding, rule))
    }

    /// The findings alone, in the order they were added.
    public var findings: [Finding] {
        found.map(\.finding)
    }
}
