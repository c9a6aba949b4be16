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
    /// comparing bytes. Byte-equal means equal; a non-ASCII name that matches no key byte for
    /// byte is compared as a string too, so canonically equivalent spellings still match.
    @inline(__always)
    private static func value<Value>(named name: UnsafeBufferPointer<UInt8>, in values: [String: Value]) -> Value? {
        for (key, value) in values {
            var key = key
            if key.withUTF8({ $0.elementsEqual(name) }) { return value }
        }
        guard name.contains(where: { $0 >= 0x80 }) else { return nil }
        let text = String(decoding: name, as: UTF8.self)
        for (key, value) in values where key == text { return value }
        return nil
    }

    /// One pass over the template's bytes; `{name}` is replaced when `lookup` knows the name,
    /// and a `{` inside braces restarts the placeholder there (`{{field}` keeps the first `{`).
    private static func fill(_ template: String, _ lookup: (UnsafeBufferPointer<UInt8>) -> String?) -> String {
        var template = template
        let filled: [UInt8]? = template.withUTF8 { bytes in
            let open = UInt8(ascii: "{")
            let close = UInt8(ascii: "}")
            guard bytes.contains(open) else { return nil }
            var result: [UInt8] = []
            result.reserveCapacity(bytes.count + 64)
            var copied = 0  // start of the text not yet copied
            var cursor = 0
            while let start = bytes[cursor...].firstIndex(of: open) {
                guard let end = bytes[(start + 1)...].firstIndex(where: { $0 == close || $0 == open }) else { break }
                if bytes[end] == open { cursor = end; continue }
                if let value = lookup(UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end])) {
                    result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<start]))
                    result.append(contentsOf: value.utf8)
                    copied = end + 1
                }
                cursor = end + 1
            }
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return result
        }
        guard let filled else { return template }
        return String(decoding: filled, as: UTF8.self)
    }

    /// Replaces `{name}` placeholders with the same value in both languages.
    public func filling(_ values: [String: String]) -> LocalizedText {
        LocalizedText(zh: Self.fill(zh) { Self.value(named: $0, in: values) },
                      en: Self.fill(en) { Self.value(named: $0, in: values) })
    }
}

