import ReplyLintCore

/// Stable identities of findings, shared by SARIF (`partialFingerprints`) and GitLab
/// (`fingerprint`), so that a finding keeps its identity when lines move above it.
///
/// Hand-written FNV-1a (64-bit) because the package takes no crypto dependency and the hash only
/// has to be stable and well spread, not secure.
public enum Fingerprint {
    /// FNV-1a 64-bit hash of the UTF-8 bytes of `text`, as 16 lower-case hex digits.
    public static func fnv1a64(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// The identity of a finding without its occurrence number: rule, file, record (id, or
    /// index when it has none), field and offending text (or the English message when there is no
    /// text). Line and column are left out on purpose: they change when other records move.
    public static func key(_ diagnostic: Diagnostic) -> String {
        let record = diagnostic.recordId ?? diagnostic.record.map { "#\($0)" } ?? ""
        let what = diagnostic.excerpt ?? diagnostic.message.en
        // U+001F (unit separator) cannot be confused with text inside any part.
        return [diagnostic.rule, diagnostic.file, record, diagnostic.field?.rawValue ?? "", what]
            .joined(separator: "\u{1F}")
    }

    /// One fingerprint per diagnostic, in order. Identical keys (the same phrase twice in one
    /// field) get an occurrence number, counted in report order, so that every fingerprint in a
    /// report is unique (GitLab shows findings with equal fingerprints once).
    public static func fingerprints(_ diagnostics: [Diagnostic]) -> [String] {
        var seen: [String: Int] = [:]
        return diagnostics.map { diagnostic in
            let key = key(diagnostic)
            let occurrence = seen[key, default: 0]
            seen[key] = occurrence + 1
            return fnv1a64(occurrence == 0 ? key : key + "\u{1F}\(occurrence)")
        }
    }
}
