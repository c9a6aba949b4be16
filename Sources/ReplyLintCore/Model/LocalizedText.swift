import Foundation

/// The language of messages.
public enum Language: String, Sendable, Hashable, CaseIterable, Codable {
    case zh, en

    /// Chinese when `LC_ALL`, `LC_MESSAGES` or `LANG` starts with `zh`, else English.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}

/// A text in Chinese and English.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Chinese text.
    public var zh: String
    /// The English text.
    public var en: String

    /// Creates a bilingual text.
    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    /// Replaces `{name}` placeholders in both languages; `values` may give per-language values.
    /// One pass over the template: text inserted for a placeholder is never scanned again, so a
    /// reply that happens to contain `{field}` stays as written. (Hand-written rather than
    /// Foundation's `replacingOccurrences`, which was the most expensive step per diagnostic.)
    public func filling(_ values: [String: LocalizedText]) -> LocalizedText {
        LocalizedText(zh: Self.fill(zh) { Self.value(named: $0, in: values)?.zh },
                      en: Self.fill(en) { Self.value(named: $0, in: values)?.en })
    }

    /// The value for placeholder `name`. A scan rather than a lookup: the tables hold a handful
    /// of entries, and hashing the name (after making a `String` of it) cost more than comparing.
    @inline(__always)
    private static func value<Value>(named name: Substring, in values: [String: Value]) -> Value? {
        for (key, value) in values where key == name { return value }
        return nil
    }

    private static func fill(_ template: String, _ lookup: (Substring) -> String?) -> String {
        let bytes = template.utf8
        guard bytes.contains(UInt8(ascii: "{")) else { return template }
        var result = ""
        result.reserveCapacity(bytes.count + 32)
        var copied = bytes.startIndex  // start of the text not yet copied
        var cursor = bytes.startIndex
        while let open = bytes[cursor...].firstIndex(of: UInt8(ascii: "{")) {
            let afterOpen = bytes.index(after: open)
            guard let close = bytes[afterOpen...].firstIndex(where: { $0 == UInt8(ascii: "}") || $0 == UInt8(ascii: "{") }) else { break }
            if bytes[close] == UInt8(ascii: "{") { cursor = close; continue }
            if let value = lookup(template[afterOpen..<close]) {
                result += template[copied..<open]
                result += value
                copied = bytes.index(after: close)
            }
            cursor = bytes.index(after: close)
        }
        result += template[copied...]
        return result
    }

    /// Replaces `{name}` placeholders with the same value in both languages.
    public func filling(_ values: [String: String]) -> LocalizedText {
        LocalizedText(zh: Self.fill(zh) { Self.value(named: $0, in: values) },
                      en: Self.fill(en) { Self.value(named: $0, in: values) })
    }
}

