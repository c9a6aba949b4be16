/// Counting text as SG186 and as people do.
public enum TextMeasure {
    /// Characters as a person counts them (extended grapheme clusters): every Han character,
    /// letter, digit, punctuation mark and space is 1.
    public static func characters(_ text: String) -> Int { text.count }

    /// Bytes in GBK: 1 for ASCII, 2 for everything else (4 for scalars outside the BMP, as GB18030).
    public static func gbkBytes(_ text: String) -> Int {
        var total = 0
        for scalar in text.unicodeScalars {
            total += scalar.value < 0x80 ? 1 : (scalar.value > 0xFFFF ? 4 : 2)
        }
        return total
    }

    /// The scalar offset at which the first `count` characters end.
    public static func scalarOffset(afterCharacters count: Int, in text: String) -> Int {
        var offset = 0
        for (index, character) in text.enumerated() {
            if index == count { break }
            offset += character.unicodeScalars.count
        }
        return offset
    }

    /// The scalar offset at which the GBK byte count first exceeds `limit`.
    public static func scalarOffset(afterGBKBytes limit: Int, in text: String) -> Int {
        var total = 0
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            total += scalar.value < 0x80 ? 1 : (scalar.value > 0xFFFF ? 4 : 2)
            if total > limit { return offset }
        }
        return text.unicodeScalars.count
    }
}
