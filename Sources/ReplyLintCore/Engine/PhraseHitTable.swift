/// The phrase matches of one reply for every list of every rule, built by the runner: one flat
/// buffer in which each list's matches are contiguous and in match order. Replaces a nested
/// `[[[PhraseHit]]]` whose arrays grew one append at a time (a tenth of all instructions went
/// into matching and those arrays).
final class PhraseHitTable: Sendable {
    /// The matches of every list, list after list.
    private let spans: [PhraseSpan]
    /// `spans[bounds[slot]..<bounds[slot + 1]]` are the matches of list `slot`.
    private let bounds: [Int32]
    /// The reply's values, for quoting hits.
    let values: FieldTable<FieldValue>
    /// The field each list searches, by slot.
    let fields: [CanonicalField]
    /// Whether each list's `PhraseHit`s carry their text, by slot.
    let quotes: [Bool]

    /// Sorts `matches` (in match order; `owners[pattern]` gives each pattern's list slot and
    /// phrase index) by slot, keeping the match order within each list; `slotCount` lists in all.
    init(matches: [PhraseAutomaton.Match], owners: [(slot: Int32, phrase: Int)], slotCount: Int,
         values: FieldTable<FieldValue>, fields: [CanonicalField], quotes: [Bool]) {
        // A counting sort: count per slot, sum the counts up to each slot (its end), then place
        // the matches from the last, each one before its slot's end; the ends move down to the
        // starts, and the order within a slot is kept.
        // Both arrays are reserved, then filled: `Array(repeating:count:)` and
        // `init(unsafeUninitializedCapacity:)` look the storage type up in the runtime's generic
        // metadata cache on every call (650 and 1,240 instructions per reply), while growing an
        // empty array uses the specialised, cached accessor.
        var bounds: [Int32] = []
        bounds.reserveCapacity(slotCount + 1)
        bounds.append(contentsOf: repeatElement(0, count: slotCount + 1))
        var spans: [PhraseSpan] = []
        spans.reserveCapacity(matches.count)
        spans.append(contentsOf: repeatElement(PhraseSpan(phrase: 0, range: 0..<0), count: matches.count))
        matches.withUnsafeBufferPointer { matches in owners.withUnsafeBufferPointer { owners in
            bounds.withUnsafeMutableBufferPointer { bounds in spans.withUnsafeMutableBufferPointer { spans in
                for match in matches { bounds[Int(owners[match.pattern].slot)] &+= 1 }
                for slot in 1..<slotCount { bounds[slot] &+= bounds[slot &- 1] }
                bounds[slotCount] = Int32(matches.count)
                for match in matches.reversed() {
                    let owner = owners[match.pattern]
                    bounds[Int(owner.slot)] &-= 1
                    spans[Int(bounds[Int(owner.slot)])] = PhraseSpan(phrase: owner.phrase, range: match.start..<match.end)
                }
            } }
        } }
        self.spans = spans
        self.bounds = bounds
        self.values = values
        self.fields = fields
        self.quotes = quotes
    }

    /// Calls `body` with the matches of list `slot`.
    @inline(__always)
    func withHits<R>(_ slot: Int, _ body: (UnsafeBufferPointer<PhraseSpan>) -> R) -> R {
        spans.withUnsafeBufferPointer { all in
            body(UnsafeBufferPointer(rebasing: all[Int(bounds[slot])..<Int(bounds[slot + 1])]))
        }
    }

    /// Whether list `slot` has a match.
    @inline(__always)
    func hasHits(_ slot: Int) -> Bool {
        bounds[slot] != bounds[slot + 1]
    }
}
