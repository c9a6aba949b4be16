/// Parses attachment sizes: a byte count (`20480`) or a number with a unit B, KB/K, MB/M, GB/G
/// (1024-based; `KiB`-style and lower case accepted, spaces allowed): `4.8MB`, `300 KB`.
public enum SizeParser {
    /// The size in bytes, or `nil` when the text is not a size.
    public static func bytes(_ text: String) -> Int64? {
        // A plain byte count (what JSON exports hold) without building strings; up to 15 digits
        // the result is exactly what the Double path below gives.
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
