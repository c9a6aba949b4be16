/// The offsets of the scalars of a text that are not basic Han ideographs (U+4E00–U+9FFF):
/// punctuation, digits, Latin letters, spaces and line breaks. A handling text is four-fifths Han,
/// and the rules that look for marks or cut sentences care only about the other fifth: listed
/// once per field and shared through `ScalarCache`, each rule visits those offsets instead of
/// testing every scalar (the punctuation rule and the sentence cutting of `duplicate-paste`
/// tested all of them, 14 M instructions per 10,000 replies). The runner's phrase pass lists
/// them as it decodes a field (`PhraseAutomaton.flagsNonHan`); `of` finds them for the rest.
enum NonHanOffsets {
    /// The offsets, in increasing order, of the scalars of `scalars` that are not basic Han.
    /// Offsets are kept as `UInt32` (half the memory of `Int`): no field has 2³² scalars.
    static func of(_ scalars: UnsafeBufferPointer<UInt32>) -> [UInt32] {
        precondition(scalars.count <= Int(UInt32.max), "offsets are kept as UInt32")
        guard let base = scalars.baseAddress else { return [] }
        // Written to the stack first and copied into an array of the exact size: an array grown
        // one append at a time cost a call and a capacity check per offset.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: scalars.count) { found in
            var count = 0
            @inline(__always)
            func visit(_ offset: Int) {
                if !ScalarClass.isBasicHan(scalars[offset]) {
                    found[count] = UInt32(truncatingIfNeeded: offset)
                    count &+= 1
                }
            }
            // Four scalars at a time passed over when all are basic Han (two pair tests).
            let raw = UnsafeRawPointer(base)
            var index = 0
            while scalars.count &- index >= 4 {
                let han = ScalarClass.basicHanLanes(raw.loadUnaligned(fromByteOffset: index &* 4, as: UInt64.self))
                    & ScalarClass.basicHanLanes(raw.loadUnaligned(fromByteOffset: index &* 4 &+ 8, as: UInt64.self))
                if han != ScalarClass.bothLanes {
                    visit(index)
                    visit(index &+ 1)
                    visit(index &+ 2)
                    visit(index &+ 3)
                }
                index &+= 4
            }
            while index < scalars.count {
                visit(index)
                index &+= 1
            }
            return Array(UnsafeBufferPointer(rebasing: found[..<count]))
        }
    }

    /// `of(_:)` for an array.
    static func of(_ scalars: [UInt32]) -> [UInt32] {
        scalars.withUnsafeBufferPointer { of($0) }
    }
}
