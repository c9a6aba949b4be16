/// One occurrence of a phrase in a field's text.
public struct PhraseHit: Sendable, Hashable {
    /// Index of the phrase in its list.
    public var phrase: Int
    /// Decoded-scalar range in the field's text (from the first to the last matched character).
    public var range: Range<Int>
    /// The matched text as written in the field (original script, spaces and widths kept).
    public var text: String

    /// Creates a hit.
    public init(phrase: Int, range: Range<Int>, text: String = "") {
        self.phrase = phrase
        self.range = range
        self.text = text
    }
}

extension Array where Element == PhraseHit {
    /// The hits that are not inside an `excluded` range nor inside a longer hit: 属实 within 不属实
    /// is excluded, and 附件 within 详见附件 is the same occurrence as the longer phrase. Two hits
    /// on the same range (詳見附件 and 详见附件 fold alike) count once. O(h log h): one sweep in
    /// start order, so a field full of hits cannot make it quadratic.
    public func maximal(excluding excluded: [PhraseHit] = []) -> [PhraseHit] {
        let blockers = excluded.map(\.range).sorted { $0.lowerBound < $1.lowerBound }
        // Start ascending, longest first: anything containing a hit comes before it.
        let ordered = sorted { ($0.range.lowerBound, $1.range.upperBound) < ($1.range.lowerBound, $0.range.upperBound) }
        var result: [PhraseHit] = []
        var nextBlocker = 0
        var blockedUpTo = Int.min
        var keptUpTo = Int.min
        for hit in ordered {
            while nextBlocker < blockers.count, blockers[nextBlocker].lowerBound <= hit.range.lowerBound {
                blockedUpTo = Swift.max(blockedUpTo, blockers[nextBlocker].upperBound)
                nextBlocker += 1
            }
            if hit.range.upperBound <= blockedUpTo || hit.range.upperBound <= keptUpTo { continue }
            result.append(hit)
            keptUpTo = hit.range.upperBound
        }
        return result
    }
}
