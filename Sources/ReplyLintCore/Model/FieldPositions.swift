/// For each canonical field, a position from 1 to 255 or 0 for none, one byte each, packed in
/// three words: a field table then finds a field's value without hashing (SipHash plus
/// dictionary growth was the largest part of building a reply) and without an allocation.
struct FieldPositions: Sendable {
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    /// The largest position a field can have.
    static let limit = 255

    /// No field has a position.
    init() {}

    /// The position of field `ordinal` (0 for none); set only to 0...`limit`. Byte `ordinal` of
    /// the words: read by choosing the word and shifting (the words usually sit in registers
    /// when read), written as one byte (choosing and masking took about ten instructions).
    subscript(ordinal: Int) -> Int {
        @inline(__always) get {
            let word = ordinal < 8 ? words.0 : ordinal < 16 ? words.1 : words.2
            return Int(truncatingIfNeeded: word >> UInt64((ordinal & 7) << 3)) & 0xFF
        }
        @inline(__always) set {
            precondition(UInt(bitPattern: ordinal) < Self.capacity)
            withUnsafeMutableBytes(of: &words) { $0[ordinal] = UInt8(truncatingIfNeeded: newValue) }
        }
    }

    /// The number of fields the words have a byte for.
    static var capacity: UInt { 24 }
}
