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
    public func filling(_ values: [String: LocalizedText]) -> LocalizedText {
        var result = self
        for (key, value) in values {
            result.zh = result.zh.replacingOccurrences(of: "{\(key)}", with: value.zh)
            result.en = result.en.replacingOccurrences(of: "{\(key)}", with: value.en)
        }
        return result
    }

    /// Replaces `{name}` placeholders with the same value in both languages.
    public func filling(_ values: [String: String]) -> LocalizedText {
        filling(values.mapValues { LocalizedText(zh: $0, en: $0) })
    }
}

