/// File paths as CI tools want them: `/`-separated, relative to the repository root, and as
/// RFC 3986 URI references for SARIF.
enum ReportPath {
    /// `path` with `\` turned into `/` and a leading `./` dropped (CI tools match paths literally).
    static func normalized(_ path: String) -> String {
        var result = String(String.UnicodeScalarView(path.unicodeScalars.map { $0 == "\\" ? "/" : $0 }))
        while result.hasPrefix("./") { result.removeFirst(2) }
        return result
    }

    /// The drive prefix (`C:`) of a Windows absolute path, if `path` has one.
    static func drive(_ path: String) -> String? {
        let scalars = Array(path.unicodeScalars.prefix(3))
        guard scalars.count == 3, scalars[1] == ":", scalars[2] == "/", scalars[0].isASCII,
              Character(scalars[0]).isLetter else { return nil }
        return String(String.UnicodeScalarView(scalars[0...1]))
    }

    /// A URI reference for `path`: each segment percent-encoded as UTF-8 except RFC 3986's
    /// unreserved characters, so spaces, `<`, `&`, `#`, `%` and Chinese names survive every URI parser.
    /// Absolute paths become `file://` URIs; relative ones stay relative (SARIF pairs them with `uriBaseId`).
    static func uri(_ path: String) -> String {
        let normalized = normalized(path)
        func encode(_ path: Substring) -> String {
            path.split(separator: "/", omittingEmptySubsequences: false)
                .map { percentEncode(String($0)) }.joined(separator: "/")
        }
        if let drive = drive(normalized) { return "file:///" + drive + encode(normalized.dropFirst(2)) }
        if normalized.hasPrefix("/") { return "file://" + encode(normalized[...]) }
        return encode(normalized[...])
    }

    /// Percent-encodes everything but `A–Z a–z 0–9 - . _ ~`; `:` is encoded too, so a relative
    /// path like `a:b.json` is not read as a URI scheme.
    private static func percentEncode(_ segment: String) -> String {
        var out = ""
        for byte in segment.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
