/// A check over one reply. Rule kinds implement it; packs configure instances of them.
public protocol Rule: Sendable {
    /// The rule's id, documentation, default severity, scope and examples.
    var metadata: RuleMetadata { get }
    /// Phrase lists to be matched for this rule in the runner's single pass over each field.
    var phraseLists: [PhraseList] { get }
    /// The findings for `reply`; `context.hits(list)` gives the matches of `phraseLists[list]`.
    func check(_ reply: Reply, context: RuleContext) -> [Finding]
}

extension Rule {
    /// Most kinds match no phrases.
    public var phraseLists: [PhraseList] { [] }
}

/// Phrases a rule wants found in a field (after folding script, width and invisible characters).
public struct PhraseList: Sendable {
    /// The field searched.
    public var field: CanonicalField
    /// The phrases as the pack writes them.
    public var phrases: [String]
    /// Whether the rule reads `PhraseHit.text`. Lists that only test for presence or coverage
    /// (required elements, topics, stock phrases) say no, and their hits carry "" instead of a
    /// new string per hit — most hits of the full pack are of that kind.
    public var quotesHits: Bool

    /// Creates a phrase list.
    public init(field: CanonicalField, phrases: [String], quotesHits: Bool = true) {
        self.field = field
        self.phrases = phrases
        self.quotesHits = quotesHits
    }
}

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

/// What a rule sees besides the reply: the clock, and the matches of its phrase lists.
public struct RuleContext: Sendable {
    /// "Now", in seconds since the Unix epoch.
    public var now: Int64
    /// Matches of the rule's phrase lists, by list index.
    public var phraseHits: [[PhraseHit]]

    /// Creates a context.
    public init(now: Int64, phraseHits: [[PhraseHit]] = []) {
        self.now = now
        self.phraseHits = phraseHits
    }

    /// Decoded scalars shared by the rules checking one reply (set by the runner).
    var scalarCache: ScalarCache?

    /// The scalar values of `value`, which is `field`'s value in the reply being checked; decoded
    /// once per reply however many rules scan the field (four kinds scan the handling text).
    func scalars(_ value: FieldValue, of field: CanonicalField) -> [UInt32] {
        scalarCache?.scalars(value, of: field) ?? value.text.unicodeScalars.map(\.value)
    }

    /// The matches of phrase list `list`, ordered by position.
    public func hits(_ list: Int) -> [PhraseHit] {
        list < phraseHits.count ? phraseHits[list] : []
    }
}

/// Scalars of a reply's fields by field, filled on first use. Lives for one reply on one thread.
final class ScalarCache: @unchecked Sendable {
    private var table = FieldTable<[UInt32]>()

    func scalars(_ value: FieldValue, of field: CanonicalField) -> [UInt32] {
        if let cached = table[field] { return cached }
        let scalars = value.text.unicodeScalars.map(\.value)
        table[field] = scalars
        return scalars
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
