/// Parses attachment sizes: a byte count (`20480`) or a number with a unit B, KB/K, MB/M, GB/G
/// (1024-based; `KiB`-style and lower case accepted, spaces allowed): `4.8MB`, `300 KB`.
public enum SizeParser {
    /// The size in bytes, or `nil` when the text is not a size.
    public static func bytes(_ text: String) -> Int64? {
        // ASCII text (nearly every size) is read from its bytes; the general path below built
        // two strings scalar by scalar and lower-cased one (about 4,900 instructions a size in
        // the CSV profile). Text with non-ASCII scalars keeps the general path, whose Unicode
        // white space and lower-casing the byte path does not repeat.
        if let answer = text.utf8.withContiguousStorageIfAvailable(asciiBytes), let answer { return answer.bytes }
        return generalBytes(text)
    }

    /// What the ASCII path found: `bytes` is the result (nil: not a size).
    private struct Answer {
        var bytes: Int64?
    }

    /// The size of ASCII text, as `generalBytes` would find it; `nil` (no answer) when the text
    /// has a non-ASCII byte.
    private static func asciiBytes(_ utf8: UnsafeBufferPointer<UInt8>) -> Answer? {
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }
        func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }
        // A plain byte count (what JSON exports hold); up to 15 digits the result is exactly
        // what the Double path gives.
        if !utf8.isEmpty, utf8.count <= 15, utf8.allSatisfy(isDigit) {
            return Answer(bytes: utf8.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) })
        }
        // Digits and dots up to the first other non-space byte, the rest (spaces left out) is
        // the unit; at most 15 + 1 digits or 5 unit bytes can still be a size worth answering
        // here (longer ones go the general way).
        var digits: (UInt64, UInt64) = (0, 0)
        var digitCount = 0, dots = 0
        var unit: UInt64 = 0
        var unitCount = 0
        for byte in utf8 {
            guard byte < 0x80 else { return nil }
            if unitCount == 0, isDigit(byte) || byte == 0x2E {
                guard digitCount < 16 else { return nil }
                if byte == 0x2E { dots += 1 }
                let shift = UInt64(digitCount & 7) << 3
                if digitCount < 8 { digits.0 |= UInt64(byte) << shift } else { digits.1 |= UInt64(byte) << shift }
                digitCount += 1
            } else if !isSpace(byte) {
                guard unitCount < 5 else { return Answer(bytes: nil) }  // no unit is longer
                let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                unit |= UInt64(lower) << (UInt64(unitCount) << 3)
                unitCount += 1
            }
        }
        guard digitCount > 0, dots <= 1, !(digitCount == 1 && dots == 1) else { return Answer(bytes: nil) }
        let key = unit | UInt64(unitCount) << 56
        guard let multiplier = units.first(where: { $0.key == key })?.multiplier else { return Answer(bytes: nil) }
        if unitCount == 0, dots > 0 { return Answer(bytes: nil) }
        let number: Double
        if digitCount - dots <= 15 {
            // Up to 15 digits the integer they spell and 10^fraction digits are exact doubles,
            // so one division is correctly rounded: exactly what `Double(String)` answers
            // (Clinger's fast path), without making a string and calling `strtod`.
            var mantissa: UInt64 = 0
            var fraction = 0
            var seenDot = false
            for index in 0..<digitCount {
                let byte = UInt8(truncatingIfNeeded: (index < 8 ? digits.0 : digits.1) >> (UInt64(index & 7) << 3))
                if byte == 0x2E { seenDot = true; continue }
                mantissa = mantissa &* 10 &+ UInt64(byte &- 0x30)
                if seenDot { fraction += 1 }
            }
            number = Double(mantissa) / powersOfTen[fraction]
        } else {
            var packed = (digits.0.littleEndian, digits.1.littleEndian)
            let text = withUnsafeBytes(of: &packed) { String(decoding: $0.prefix(digitCount), as: UTF8.self) }
            guard let parsed = Double(text) else { return Answer(bytes: nil) }
            number = parsed
        }
        return Answer(bytes: Int64((number * multiplier).rounded()))
    }

    /// 10^0 … 10^15, all exact doubles.
    private static let powersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

    /// The ASCII units, lower-cased and packed as `asciiBytes` packs them, with their length in
    /// the top byte (so that an empty unit differs from a NUL byte).
    private static let units: [(key: UInt64, multiplier: Double)] = {
        let kilo: Double = 1024, mega: Double = 1024 * 1024, giga: Double = 1024 * 1024 * 1024
        let table: [(String, Double)] = [("", 1), ("b", 1), ("byte", 1), ("bytes", 1), ("k", kilo), ("kb", kilo), ("kib", kilo),
                                         ("m", mega), ("mb", mega), ("mib", mega), ("g", giga), ("gb", giga), ("gib", giga)]
        return table.map { unit, multiplier in
            var packed = UInt64(unit.utf8.count) << 56
            for (index, byte) in unit.utf8.enumerated() { packed |= UInt64(byte) << (UInt64(index) << 3) }
            return (packed, multiplier)
        }
    }()

    /// The general path, for any text.
    static func generalBytes(_ text: String) -> Int64? {
        let utf8 = text.utf8
        if !utf8.isEmpty, utf8.count <= 15, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return utf8.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
        }
        let trimmed = text.trimmingWhitespace()
        var digits = ""
        var unit = ""
        for scalar in trimmed.unicodeScalars {
            if unit.isEmpty, ("0"..."9").contains(scalar) || scalar == "." {
                digits.unicodeScalars.append(scalar)
            } else if !scalar.isWhiteSpace {
                unit.unicodeScalars.append(scalar)
            }
        }
        guard !digits.isEmpty, digits.filter({ $0 == "." }).count <= 1, digits != ".",
              let number = Double(digits) else { return nil }
        let multiplier: Double
        switch unit.lowercased() {
        case "", "b", "byte", "bytes", "字节": multiplier = 1
        case "k", "kb", "kib": multiplier = 1024
        case "m", "mb", "mib": multiplier = 1024 * 1024
        case "g", "gb", "gib": multiplier = 1024 * 1024 * 1024
        default: return nil
        }
        guard unit.isEmpty ? !digits.contains(".") : true else { return nil }
        return Int64((number * multiplier).rounded())
    }
}
