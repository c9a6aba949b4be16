/// The phrase matches of one reply for every list of every rule, built by the runner: one flat
/// buffer in which each list's matches are contiguous and in match order. Replaces a nested
/// `[[[PhraseHit]]]` whose arrays grew one append at a time (a tenth of all instructions went
/// into matching and those arrays).
///
/// The buffers are temporary storage that lives only while `build` runs its body (the runner
/// checks every rule of a reply inside it): a table object and two arrays per reply cost an
/// allocation, filling and freeing each (26 M instructions per 10,000 replies). Hence
/// `@unchecked Sendable`: a table never leaves the thread and the call that made it.
struct PhraseHitTable: @unchecked Sendable {
    /// The matches of every list, list after list.
    private let spans: UnsafeBufferPointer<PhraseSpan>
    /// `spans[bounds[slot]..<bounds[slot + 1]]` are the matches of list `slot`.
    private let bounds: UnsafeBufferPointer<Int32>
    /// The reply's values, for quoting hits.
    let values: FieldValueTable
    /// The field each list searches, by slot (the runner's buffer: an array was retained per reply).
    let fields: UnsafeBufferPointer<CanonicalField>
    /// Whether each list's `PhraseHit`s carry their text, by slot.
    let quotes: UnsafeBufferPointer<Bool>

    /// Calls `body` with `argument` and the table of `matches` (in match order; `owners[pattern]`
    /// gives each pattern's list slot and phrase index), sorted by slot with the match order kept
    /// within each list; `slotCount` lists in all. The table is valid only during `body`.
    /// (`argument` is handed through rather than captured: a reply captured by the runner's
    /// closure was copied and destroyed once more per reply, 18 M instructions per 10,000.)
    @inline(__always)
    static func build<Argument, R>(matches: [PhraseAutomaton.Match], owners: UnsafeBufferPointer<(slot: Int32, phrase: Int)>,
                                   slotCount: Int, values: FieldValueTable, fields: UnsafeBufferPointer<CanonicalField>,
                                   quotes: UnsafeBufferPointer<Bool>,
                                   passing argument: Argument, _ body: (Argument, PhraseHitTable) -> R) -> R {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: slotCount + 1) { bounds in
            withUnsafeTemporaryAllocation(of: PhraseSpan.self, capacity: matches.count) { spans in
                // A counting sort: count per slot, sum the counts up to each slot (its end), then
                // place the matches from the last, each one before its slot's end; the ends move
                // down to the starts, and the order within a slot is kept.
                bounds.initialize(repeating: 0)
                matches.withUnsafeBufferPointer { matches in
                    for match in matches { bounds[Int(owners[match.pattern].slot)] &+= 1 }
                    for slot in 1..<slotCount { bounds[slot] &+= bounds[slot &- 1] }
                    bounds[slotCount] = Int32(matches.count)
                    for match in matches.reversed() {
                        let owner = owners[match.pattern]
                        bounds[Int(owner.slot)] &-= 1
                        (spans.baseAddress! + Int(bounds[Int(owner.slot)]))
                            .initialize(to: PhraseSpan(phrase: owner.phrase, range: match.start..<match.end))
                    }
                }
                // `PhraseSpan` is trivial: the spans need no deinitialising when the storage goes.
                return body(argument, PhraseHitTable(spans: UnsafeBufferPointer(spans), bounds: UnsafeBufferPointer(bounds),
                                           values: values, fields: fields, quotes: quotes))
            }
        }
    }

    private init(spans: UnsafeBufferPointer<PhraseSpan>, bounds: UnsafeBufferPointer<Int32>, values: FieldValueTable,
                 fields: UnsafeBufferPointer<CanonicalField>, quotes: UnsafeBufferPointer<Bool>) {
        self.spans = spans
        self.bounds = bounds
        self.values = values
        self.fields = fields
        self.quotes = quotes
    }

    /// Calls `body` with the matches of list `slot`.
    @inline(__always)
    func withHits<R>(_ slot: Int, _ body: (UnsafeBufferPointer<PhraseSpan>) -> R) -> R {
        body(UnsafeBufferPointer(rebasing: spans[Int(bounds[slot])..<Int(bounds[slot + 1])]))
    }

    /// The first of the matches of every list, list after list (`withHits` reads them from here).
    var spanBase: UnsafePointer<PhraseSpan>? { spans.baseAddress }
    /// The bounds of the lists in the matches: list `slot` is `spanBase[boundBase[slot]..<boundBase[slot + 1]]`.
    var boundBase: UnsafePointer<Int32>? { bounds.baseAddress }

    /// Whether list `slot` has a match.
    @inline(__always)
    func hasHits(_ slot: Int) -> Bool {
        bounds[slot] != bounds[slot + 1]
    }
}
