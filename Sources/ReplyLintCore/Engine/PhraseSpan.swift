/// One occurrence of a phrase without its text: what the runner records per match. The text is
/// quoted from the field (`RuleContext.text(of:in:)`) only when a finding needs it, so a match
/// costs no string.
public struct PhraseSpan: Sendable, Hashable {
    /// Index of the phrase in its list.
    public var phrase: Int
    /// Decoded-scalar range in the field's text (from the first to the last matched character).
    public var range: Range<Int>

    /// Creates a span.
    public init(phrase: Int, range: Range<Int>) {
        self.phrase = phrase
        self.range = range
    }
}

extension UnsafeBufferPointer where Element == PhraseSpan {
    /// Calls `body` with the spans that are not inside an `excluded` span nor inside a longer
    /// span, in start order: the rules of `[PhraseHit].maximal(excluding:)`. No sort and no
    /// allocation for zero or one span (nearly every list of a reply); otherwise the spans are
    /// sorted in a temporary buffer, so a field full of hits stays O(h log h).
    @inline(__always)
    func withMaximal<R>(excluding excluded: UnsafeBufferPointer<PhraseSpan>, _ body: (UnsafeBufferPointer<PhraseSpan>) -> R) -> R {
        if count <= 1 {
            guard let only = first else { return body(self) }
            let blocked = excluded.contains { $0.range.lowerBound <= only.range.lowerBound && $0.range.upperBound >= only.range.upperBound }
            return body(blocked ? UnsafeBufferPointer(rebasing: self[0..<0]) : self)
        }
        return withUnsafeTemporaryAllocation(of: PhraseSpan.self, capacity: count + excluded.count) { scratch in
            var spans = UnsafeMutableBufferPointer(rebasing: scratch[..<count])
            var blockers = UnsafeMutableBufferPointer(rebasing: scratch[count...])
            _ = spans.initialize(fromContentsOf: self)
            _ = blockers.initialize(fromContentsOf: excluded)
            // Start ascending, longest first: anything containing a span comes before it. The
            // sort is stable, so of two spans on the same range the first found stays. Matches
            // come in end order, which is that order already unless spans overlap: the sorts are
            // skipped when no neighbours are out of order, which leaves the spans as a stable
            // sort would (sorting cost 1.7 M instructions per 10,000 replies in topic-coverage
            // alone).
            let spanOrder = { (a: PhraseSpan, b: PhraseSpan) in
                (a.range.lowerBound, b.range.upperBound) < (b.range.lowerBound, a.range.upperBound)
            }
            if Self.isOutOfOrder(UnsafeBufferPointer(spans), by: spanOrder) { spans.sort(by: spanOrder) }
            let blockerOrder = { (a: PhraseSpan, b: PhraseSpan) in a.range.lowerBound < b.range.lowerBound }
            if Self.isOutOfOrder(UnsafeBufferPointer(blockers), by: blockerOrder) { blockers.sort(by: blockerOrder) }
            var kept = 0
            var nextBlocker = 0
            var blockedUpTo = Int.min
            var keptUpTo = Int.min
            for index in 0..<count {
                let span = spans[index]
                while nextBlocker < blockers.count, blockers[nextBlocker].range.lowerBound <= span.range.lowerBound {
                    blockedUpTo = Swift.max(blockedUpTo, blockers[nextBlocker].range.upperBound)
                    nextBlocker += 1
                }
                if span.range.upperBound <= blockedUpTo || span.range.upperBound <= keptUpTo { continue }
                spans[kept] = span
                kept += 1
                keptUpTo = span.range.upperBound
            }
            return body(UnsafeBufferPointer(rebasing: spans[..<kept]))
        }
    }

    /// True when some span of `spans` comes before its predecessor by `areInIncreasingOrder`.
    @inline(__always)
    private static func isOutOfOrder(_ spans: UnsafeBufferPointer<PhraseSpan>, by areInIncreasingOrder: (PhraseSpan, PhraseSpan) -> Bool) -> Bool {
        guard spans.count > 1 else { return false }
        for index in 1..<spans.count where areInIncreasingOrder(spans[index], spans[index - 1]) { return true }
        return false
    }
}
