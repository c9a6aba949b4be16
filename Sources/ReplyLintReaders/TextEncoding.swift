/// A text encoding a CSV or XML export may be written in (SPEC §2: `--encoding`).
public enum TextEncoding: String, Sendable, Hashable, CaseIterable {
    /// UTF-8, with or without a byte-order mark.
    case utf8 = "utf-8"
    /// GB18030, which includes GBK and GB2312 (what Excel writes on Chinese Windows).
    case gb18030
    /// UTF-16, little- or big-endian (from the byte-order mark; little-endian without one).
    case utf16 = "utf-16"

    /// Reads a name as users and XML prologs write it (`UTF8`, `gbk`, `GB2312`, `utf-16le`, …).
    public init?(name: String) {
        var key = ""
        for scalar in name.unicodeScalars where scalar != "-" && scalar != "_" && scalar != " " {
            key.unicodeScalars.append(("A"..."Z").contains(scalar) ? Unicode.Scalar(scalar.value + 32) ?? scalar : scalar)
        }
        switch key {
        case "utf8": self = .utf8
        case "gb18030", "gbk", "gb2312", "cp936", "936", "euccn", "windows936": self = .gb18030
        case "utf16", "utf16le", "utf16be", "ucs2", "unicode": self = .utf16
        default: return nil
        }
    }
}
