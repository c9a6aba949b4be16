/// Counting text as SG186 and as people do.
public enum TextMeasure {
    /// Characters as a person counts them (extended grapheme clusters): every Han character,
    /// letter, digit, punctuation mark and space is 1.
    public static func characters(_ text: String) -> Int {
        var count = 0
        for scalar in text.unicodeScalars {
            guard isOwnCharacter(scalar.value) else { return text.count }
            count += 1
        }
        return count
    }

    /// True when every scalar of a text is a character of its own, so that its characters are
    /// counted and cut by scalar offset (see `isOwnCharacter`).
    public static func isOneCharacterPerScalar(_ scalars: [UInt32]) -> Bool {
        for scalar in scalars where !isOwnCharacter(scalar) { return false }
        return true
    }

    /// True for scalars that never join a neighbour into one character.
    @inline(__always)
    private static func isOwnCharacter(_ value: UInt32) -> Bool {
        // Grapheme breaking costs hundreds of instructions per character. Between two scalars of
        // the ranges below there is always a break (they are all Grapheme_Cluster_Break=Other),
        // so for texts made only of them — nearly every reply — the scalar count is the answer.
        // Tested most common first (a `switch` over the ranges compiled to a long chain).
        if (0x4E00...0x9FFF).contains(value) { return true }
        if value < 0x80 { return value >= 0x20 && value != 0x7F }
        return (0xFF01...0xFF5E).contains(value) || (0x3000...0x3029).contains(value) || (0x3030...0x303F).contains(value)
            || (0x2010...0x2027).contains(value) || (0x3400...0x4DBF).contains(value)
    }

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
