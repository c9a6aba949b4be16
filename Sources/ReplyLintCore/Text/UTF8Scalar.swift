/// Decoding one scalar from a `String`'s UTF-8 (always well-formed) by hand: the string's own
/// scalar iterator cost more than the phrase matching that reads the scalars.
enum UTF8Scalar {
    /// The scalar starting at `index` of `bytes`; moves `index` past it. Three-byte sequences
    /// (Han, full-width punctuation) are tested first: they are most of a reply.
    @inline(__always)
    static func next(_ bytes: UnsafeBufferPointer<UInt8>, at index: inout Int) -> UInt32 {
        let lead = UInt32(bytes[index])
        if lead &- 0xE0 < 0x10 {
            defer { index &+= 3 }
            return (lead & 0x0F) << 12 | UInt32(bytes[index &+ 1] & 0x3F) << 6 | UInt32(bytes[index &+ 2] & 0x3F)
        } else if lead < 0x80 {
            index &+= 1
            return lead
        } else if lead < 0xE0 {
            defer { index &+= 2 }
            return (lead & 0x1F) << 6 | UInt32(bytes[index &+ 1] & 0x3F)
        } else {
            defer { index &+= 4 }
            return (lead & 0x07) << 18 | UInt32(bytes[index &+ 1] & 0x3F) << 12
                | UInt32(bytes[index &+ 2] & 0x3F) << 6 | UInt32(bytes[index &+ 3] & 0x3F)
        }
    }
}
