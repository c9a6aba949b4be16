/// The bytes of a member name as written (`"name"`, maybe with its `:`), held in three words so
/// that `ByteSource.consume(ifNext:)` compares them with the input in a dozen instructions and
/// no call: a `memcmp` call, with the bounds checks around it, cost about 70 instructions a name.
struct NamePattern {
    /// The most bytes a pattern holds.
    static let capacity = 24
    /// The bytes in memory order, zero past `length`.
    let words: (UInt64, UInt64, UInt64)
    /// Which bits of `words` are pattern bytes.
    let masks: (UInt64, UInt64, UInt64)
    /// How many bytes the pattern holds.
    let length: Int
    /// Code points in the pattern (the columns it spans).
    let columns: Int

    /// A pattern of `bytes` (no line feed) spanning `columns` columns; `nil` when longer than
    /// `capacity`.
    init?(_ bytes: [UInt8], columns: Int) {
        guard bytes.count <= Self.capacity else { return nil }
        length = bytes.count
        self.columns = columns
        // Laid out by copying bytes, so the words compare with loads from the input whatever
        // the byte order.
        var words: [UInt64] = [0, 0, 0], masks: [UInt64] = [0, 0, 0]
        words.withUnsafeMutableBytes { $0.copyBytes(from: bytes) }
        masks.withUnsafeMutableBytes { $0.copyBytes(from: [UInt8](repeating: 0xFF, count: bytes.count)) }
        self.words = (words[0], words[1], words[2])
        self.masks = (masks[0], masks[1], masks[2])
    }
}
