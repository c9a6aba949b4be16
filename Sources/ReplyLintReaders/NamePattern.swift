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
        // Laid out by copying bytes into the words (a homogeneous tuple is laid out as an
        // array), so they compare with loads from the input whatever the byte order. No
        // temporary arrays: each parallel chunk learns its names again.
        var words: (UInt64, UInt64, UInt64) = (0, 0, 0), masks: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &words) { $0.copyBytes(from: bytes) }
        withUnsafeMutableBytes(of: &masks) { raw in
            for at in bytes.indices { raw[at] = 0xFF }
        }
        self.words = words
        self.masks = masks
    }
}
