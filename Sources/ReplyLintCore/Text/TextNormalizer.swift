/// Folds text for phrase matching: traditional → simplified script, full-width → half-width forms,
/// ASCII upper → lower case, and drops the characters people insert to dodge a filter (ASCII
/// spaces, U+3000, zero-width characters). Works scalar by scalar; keeps a map back to the
/// original scalar offsets so that every match has an exact span.
public struct TextNormalizer: Sendable {
    /// Simplified form of each scalar in `flatRange` (0 = unchanged): the CJK blocks hold nearly
    /// every pair, and an array read is several times cheaper than hashing in the per-scalar loop.
    private let flat: [UInt32]
    /// One bit per scalar of `flatRange`: set when it has a simplified form. 3.4 KB stay in the L1
    /// cache, while the 110 KB table does not; most text is already simplified, so the table is
    /// only read for the rare traditional character (the profile showed the table misses).
    private let hasSimplified: [UInt64]
    private static let flatRange: Range<UInt32> = 0x3400..<0xA000
    /// Pairs outside `flatRange` (compatibility ideographs, extension B and later).
    private let simplified: [UInt32: UInt32]
    /// Every scalar whose folded form differs from it, with that form (a phrase automaton builds
    /// folding into its symbol table from these instead of folding all 65,536 BMP scalars).
    public private(set) var foldedScalars: [(scalar: UInt32, folded: UInt32)]
    /// The characters `isIgnorable` accepts.
    public static let ignorableScalars: [UInt32] = [0x20, 0x09, 0x3000, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD]

    /// The shared normalizer (tables are built once).
    public static let shared = TextNormalizer()

    private init() {
        var table: [UInt32: UInt32] = [:]
        var flat = [UInt32](repeating: 0, count: Self.flatRange.count)
        var pending: UInt32?
        for scalar in traditionalSimplifiedPairs.unicodeScalars where scalar != "\n" {
            if let traditional = pending {
                if Self.flatRange.contains(traditional) {
                    flat[Int(traditional - Self.flatRange.lowerBound)] = scalar.value
                } else {
                    table[traditional] = scalar.value
                }
                pending = nil
            } else {
                pending = scalar.value
            }
        }
        simplified = table
        self.flat = flat
        var bits = [UInt64](repeating: 0, count: (Self.flatRange.count + 63) / 64)
        for (index, value) in flat.enumerated() where value != 0 { bits[index >> 6] |= 1 << UInt64(index & 63) }
        hasSimplified = bits
        foldedScalars = []
        let candidates = Array(0xFF01...0xFF5E) + Array(0x41...0x5A)
            + flat.indices.filter { flat[$0] != 0 }.map { UInt32($0) + Self.flatRange.lowerBound } + table.keys.sorted()
        foldedScalars = candidates.compactMap { scalar in fold(scalar) == scalar ? nil : (scalar, fold(scalar)) }
    }

    /// True for characters that carry no text and are dropped before matching.
    @inline(__always)
    public static func isIgnorable(_ value: UInt32) -> Bool {
        switch value {
        case 0x20, 0x09, 0x3000, 0xA0, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD:
            return true
        default:
            return false
        }
    }

    /// The folded form of one scalar.
    @inline(__always)
    public func fold(_ value: UInt32) -> UInt32 {
        var v = value
        if v >= 0xFF01 && v <= 0xFF5E { v -= 0xFEE0 }          // full-width ASCII forms
        if v >= 0x41 && v <= 0x5A { return v + 0x20 }            // ASCII upper case
        if v < Self.flatRange.lowerBound { return v }
        if v < Self.flatRange.upperBound {
            let index = Int(v - Self.flatRange.lowerBound)
            guard hasSimplified[index >> 6] & (1 << UInt64(index & 63)) != 0 else { return v }
            return flat[index]
        }
        return simplified[v] ?? v
    }

    /// Normalises the scalars of `text` into `folded` (offset of each in `origin`), reusing the
    /// caller's buffers: the runner calls this once per field per reply, so it must not allocate.
    /// Returns the number of folded scalars written; the buffers hold at least `text.utf8.count`.
    @inline(__always)
    public func normalize(_ text: String, into folded: UnsafeMutableBufferPointer<UInt32>,
                          origin: UnsafeMutableBufferPointer<Int32>) -> Int {
        var count = 0
        var offset: Int32 = 0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if !Self.isIgnorable(value), count < folded.count {
                folded[count] = fold(value)
                origin[count] = offset
                count += 1
            }
            offset += 1
        }
        return count
    }

    /// Normalises `scalars`, returning folded values and, for each, its offset in the input.
    public func normalize(_ scalars: [UInt32]) -> (folded: [UInt32], origin: [Int32]) {
        var folded = [UInt32]()
        var origin = [Int32]()
        folded.reserveCapacity(scalars.count)
        origin.reserveCapacity(scalars.count)
        for (offset, value) in scalars.enumerated() where !Self.isIgnorable(value) {
            folded.append(fold(value))
            origin.append(Int32(offset))
        }
        return (folded, origin)
    }

    /// The folded form of a phrase (as a pack writes it).
    public func normalizePhrase(_ phrase: String) -> [UInt32] {
        phrase.unicodeScalars.compactMap { Self.isIgnorable($0.value) ? nil : fold($0.value) }
    }
}
