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

    /// Sorts `found` (matches tagged with their list's slot, in match order) by slot, keeping
    /// the match order within each list; `slotCount` lists in all.
    init(found: [(slot: Int32, span: PhraseSpan)], slotCount: Int, values: FieldTable<FieldValue>,
         fields: [CanonicalField], quotes: [Bool]) {
        // A counting sort: count per slot, turn counts into starts, place each match at its
        // slot's cursor; the cursors end at the next slot's start, one shift restores the starts.
        var bounds = [Int32](repeating: 0, count: slotCount + 1)
        for match in found { bounds[Int(match.slot) + 1] += 1 }
        for slot in 0..<slotCount { bounds[slot + 1] += bounds[slot] }
        spans = [PhraseSpan](unsafeUninitializedCapacity: found.count) { buffer, count in
            for match in found {
                let at = Int(bounds[Int(match.slot)])
                (buffer.baseAddress! + at).initialize(to: match.span)
                bounds[Int(match.slot)] += 1
            }
            count = found.count
        }
        for slot in stride(from: slotCount, to: 0, by: -1) { bounds[slot] = bounds[slot - 1] }
        bounds[0] = 0
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
