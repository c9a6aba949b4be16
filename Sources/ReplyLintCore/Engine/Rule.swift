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
        scalarCache?.scalars(value, of: field) ?? ScalarCache.decode(value.text)
    }

    /// The matches of phrase list `list`, ordered by position.
    public func hits(_ list: Int) -> [PhraseHit] {
        list < phraseHits.count ? phraseHits[list] : []
    }
}
