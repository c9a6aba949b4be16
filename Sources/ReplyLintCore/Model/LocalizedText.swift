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

    /// The value for placeholder `name` (UTF-8). A scan rather than a lookup: the tables hold a
    /// handful of entries, and making a `String` of the name and hashing it cost more than
    /// comparing bytes; keys of another length are skipped without touching their bytes.
    /// Byte-equal means equal; a non-ASCII name that matches no key byte for byte is looked up as a
    /// string too, so canonically equivalent spellings still match.
    @inline(__always)
    private static func value<Value>(named name: UnsafeBufferPointer<UInt8>, in values: [String: Value]) -> Value? {
        for (key, value) in values where key.utf8.count == name.count {
            var key = key
            if name.isEmpty || key.withUTF8({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }) { return value }
        }
        guard name.contains(where: { $0 >= 0x80 }) else { return nil }
        return values[String(decoding: name, as: UTF8.self)]
    }

    /// `template` with every `{name}` that `lookup` knows replaced (see `TemplateReplacement.find`).
    private static func fill(_ template: String, _ lookup: (UnsafeBufferPointer<UInt8>) -> String?) -> String {
        var bytesOwner = template
        let filled: String? = bytesOwner.withUTF8 { bytes in
            let replacements = TemplateReplacement.find(in: bytes, lookup)
            return replacements.isEmpty ? nil : TemplateReplacement.apply(replacements, to: bytes)
        }
        return filled ?? template
    }

    /// Replaces `{name}` placeholders with the same value in both languages.
    public func filling(_ values: [String: String]) -> LocalizedText {
        LocalizedText(zh: Self.fill(zh) { Self.value(named: $0, in: values) },
                      en: Self.fill(en) { Self.value(named: $0, in: values) })
    }
}

