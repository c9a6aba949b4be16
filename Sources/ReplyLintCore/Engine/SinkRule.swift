/// A rule kind that appends its findings to a `FindingSink`, which the runner calls; its
/// `[Finding]`-returning `check` (for callers of the `Rule` protocol) is derived from that.
protocol SinkRule: Rule {
    /// Appends the findings for `reply` to `sink`.
    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink)
}

extension SinkRule {
    /// The findings for `reply`, as `check(_:context:into:)` appends them.
    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        var sink = FindingSink()
        check(reply, context: context, into: &sink)
        return sink.findings
    }
}
