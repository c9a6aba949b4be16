/// For each canonical field, a position from 1 to 255 or 0 for none, one byte each, packed in
/// three words: a field table then finds a field's value without hashing (SipHash plus
/// dictionary growth was the largest part of building a reply) and without an allocation.
struct FieldPositions: Sendable {
    private var words: (UInt64, UInt64, UInt64) = (0, 0, 0)

    /// The largest position a field can have.
    static let limit = 255

    /// No field has a position.
    init() {}

    /// The position of field `ordinal` (0 for none); set only to 0...`limit`.
    subscript(ordinal: Int) -> Int {
        @inline(__always) get {
            let word = ordinal < 8 ? words.0 : ordinal < 16 ? words.1 : words.2
            return Int(truncatingIfNeeded: word >> UInt64((ordinal & 7) << 3)) & 0xFF
        }
        @inline(__always) set {
            let shift = UInt64((ordinal & 7) << 3)
            let keep = ~((0xFF as UInt64) << shift)
            let bits = UInt64(newValue) << shift
            switch ordinal >> 3 {
            case 0: words.0 = words.0 & keep | bits
            case 1: words.1 = words.1 & keep | bits
            default: words.2 = words.2 & keep | bits
            }
        }
    }
}
