/// A check over one reply. Rule kinds implement it; packs configure instances of them.
public protocol Rule: Sendable {
    /// The rule's id, documentation, default severity, scope and examples.
    var metadata: RuleMetadata { get }
    /// Phrase lists to be matched for this rule in the runner's single pass over each field.
    var phraseLists: [PhraseList] { get }
    /// Fields whose decoded scalars `check` reads (`RuleContext.scalars`): the runner's phrase
    /// pass keeps them as it decodes those fields.
    var scalarFields: [CanonicalField] { get }
    /// The findings for `reply`; `context.hits(list)` gives the matches of `phraseLists[list]`.
    func check(_ reply: Reply, context: RuleContext) -> [Finding]
    /// Appends the findings for `reply` to `sink`; the runner calls this one (built-in kinds
    /// implement it, see `SinkRule`).
    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink)
}

extension Rule {
    /// Most kinds match no phrases.
    public var phraseLists: [PhraseList] { [] }
    /// Most kinds read no scalars.
    public var scalarFields: [CanonicalField] { [] }
    /// Kinds that only return arrays: their findings, appended.
    public func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        for finding in check(reply, context: context) { sink.append(finding) }
    }
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
///
/// `@unchecked Sendable`: the runner's table is held by a pointer valid only while the runner
/// checks one reply on one thread; a context the public initialiser makes has none.
public struct RuleContext: @unchecked Sendable {
    /// "Now", in seconds since the Unix epoch.
    public var now: Int64
    /// Matches of the rule's phrase lists, by list index.
    public var phraseHits: [[PhraseHit]] {
        get { table == nil ? givenHits : (0..<listCount).map(hits) }
        set { givenHits = newValue; table = nil; spans = nil; bounds = nil }
    }
    /// Hits given to `init(now:phraseHits:)` (or set); used when there is no table.
    private var givenHits: [[PhraseHit]]
    /// The runner's matches for the reply, with this rule's lists at `firstSlot..<firstSlot + listCount`.
    /// A pointer to the runner's table rather than the table itself: that made the context 144
    /// bytes, copied (a call of `memcpy`) for each rule call; with `spans` and `bounds` below,
    /// the rules and their calls cost 11.7 M instructions fewer per 10,000 replies.
    private var table: UnsafePointer<PhraseHitTable>?
    /// The table's matches and list bounds (`PhraseHitTable.spanBase`, `boundBase`), read by
    /// `hasHits` and `withHits` without going through `table`: calling the table's methods
    /// through the pointer copied the table, retaining and releasing its values.
    private var spans: UnsafePointer<PhraseSpan>?
    private var bounds: UnsafePointer<Int32>?
    private var firstSlot = 0
    private var listCount = 0

    /// Creates a context.
    public init(now: Int64, phraseHits: [[PhraseHit]] = []) {
        self.now = now
        self.givenHits = phraseHits
    }

    /// A context reading the rule's hits from the runner's table (nil: the reply matched nothing),
    /// which must stay valid while the context is used.
    init(now: Int64, table: UnsafePointer<PhraseHitTable>?, firstSlot: Int, listCount: Int) {
        self.now = now
        self.givenHits = []
        self.table = table
        self.spans = table?.pointee.spanBase
        self.bounds = table?.pointee.boundBase
        self.firstSlot = firstSlot
        self.listCount = listCount
    }

    /// Points the context at the lists `firstSlot..<firstSlot + listCount` of the table (the
    /// runner moves one context from rule to rule).
    mutating func select(firstSlot: Int, listCount: Int) {
        self.firstSlot = firstSlot
        self.listCount = listCount
    }

    /// Decoded scalars shared by the rules checking one reply (set by the runner).
    var scalarCache: ScalarCache?

    /// The scalar values of `field`'s value in `reply`, the reply being checked (none when it has
    /// no value); decoded once per reply however many rules scan the field (five kinds scan the
    /// handling text), and without copying the value.
    func scalars(of field: CanonicalField, in reply: Reply) -> [UInt32] {
        scalarCache?.scalars(of: field, in: reply.values) ?? ScalarCache.decode(reply.text(field))
    }

    /// Calls `body` with `scalars(of:in:)`, read in place (the runner decodes the handling text
    /// into storage of its own, which `scalars(of:in:)` copies into an array).
    func withScalars<R>(of field: CanonicalField, in reply: Reply, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        if let scalarCache { return scalarCache.withScalars(of: field, in: reply.values, body) }
        return ScalarCache.decode(reply.text(field)).withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the offsets of the scalars of `field`'s value in `reply` (as
    /// `scalars(of:in:)` gives them) that are not basic Han ideographs, in increasing order
    /// (`NonHanOffsets`); listed once per reply for the handling text however many rules ask.
    func withNonHanOffsets<R>(of field: CanonicalField, in reply: Reply, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        if let scalarCache { return scalarCache.withNonHanOffsets(of: field, in: reply.values, body) }
        return NonHanOffsets.of(ScalarCache.decode(reply.text(field))).withUnsafeBufferPointer(body)
    }

    /// The matches of phrase list `list`, ordered by position.
    public func hits(_ list: Int) -> [PhraseHit] {
        guard let table else { return list < givenHits.count ? givenHits[list] : [] }
        guard list < listCount else { return [] }
        let slot = firstSlot + list
        let value = table.pointee.quotes[slot] ? table.pointee.values[table.pointee.fields[slot]] : nil
        return withHits(list) { spans in
            spans.map { PhraseHit(phrase: $0.phrase, range: $0.range, text: value?.text.scalarSlice($0.range) ?? "") }
        }
    }

    /// Whether phrase list `list` has a match (cheaper than `hits(list).isEmpty`).
    public func hasHits(_ list: Int) -> Bool {
        guard let bounds else { return list < givenHits.count && !givenHits[list].isEmpty }
        return list < listCount && bounds[firstSlot &+ list] != bounds[firstSlot &+ list &+ 1]
    }

    /// The matches of list `list` that are not inside a match of list `excluded` nor inside a
    /// longer match, in start order (`[PhraseHit].maximal(excluding:)`); allocates only when
    /// there is one.
    public func maximalHits(_ list: Int, excluding excluded: Int? = nil) -> [PhraseSpan] {
        guard hasHits(list) else { return [] }
        return withMaximalHits(list, excluding: excluded) { $0.isEmpty ? [] : Array($0) }
    }

    /// The first of `maximalHits(list, excluding: excluded)`, without building the list.
    public func firstMaximalHit(_ list: Int, excluding excluded: Int? = nil) -> PhraseSpan? {
        guard hasHits(list) else { return nil }
        return withMaximalHits(list, excluding: excluded) { $0.first }
    }

    /// Whether list `list` has a match outside every span of `spans`: the same as
    /// `!hits(list).maximal(excluding: …).isEmpty`, without building lists.
    public func hasMaximalHit(_ list: Int, outside spans: [PhraseSpan]) -> Bool {
        spans.withUnsafeBufferPointer { blockers in withHits(list) { $0.withMaximal(excluding: blockers) { !$0.isEmpty } } }
    }

    /// The text of `span` as written in `value`, the field its list searches.
    public func text(of span: PhraseSpan, in value: FieldValue) -> String {
        if table == nil {
            for hit in givenHits.joined() where hit.phrase == span.phrase && hit.range == span.range { return hit.text }
        }
        return value.text.scalarSlice(span.range)
    }

    /// Calls `body` with the matches of list `list`, in match order.
    @inline(__always)
    func withHits<R>(_ list: Int, _ body: (UnsafeBufferPointer<PhraseSpan>) -> R) -> R {
        if let bounds {
            guard list < listCount else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            let lower = Int(bounds[firstSlot &+ list])
            return body(UnsafeBufferPointer(start: spans.map { $0 + lower }, count: Int(bounds[firstSlot &+ list &+ 1]) &- lower))
        }
        let given = list < givenHits.count ? givenHits[list] : []
        return given.map { PhraseSpan(phrase: $0.phrase, range: $0.range) }.withUnsafeBufferPointer(body)
    }

    /// Calls `body` with `maximalHits(list, excluding: excluded)`, without allocating.
    @inline(__always)
    func withMaximalHits<R>(_ list: Int, excluding excluded: Int?, _ body: (UnsafeBufferPointer<PhraseSpan>) -> R) -> R {
        guard let excluded else { return withHits(list) { $0.withMaximal(excluding: UnsafeBufferPointer(start: nil, count: 0), body) } }
        return withHits(excluded) { blockers in withHits(list) { $0.withMaximal(excluding: blockers, body) } }
    }
}
