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
///
/// A filled text keeps its template and values (`PendingFill`) and fills a language only when
/// that language is read or written out: a report prints one language, and filling both when a
/// rule made its finding (and decoding each into a `String`) cost about 7,000 instructions per
/// finding, most of it for the language nobody reads.
public struct LocalizedText: Sendable, Hashable, Codable {
    /// The Chinese text, or its template while `pending` is set.
    @usableFromInline var zhSource: String
    /// The English text, or its template while `pending` is set.
    @usableFromInline var enSource: String
    /// The fills still to be applied to the templates, if any.
    @usableFromInline var pending: PendingFill?

    /// The Chinese text.
    public var zh: String {
        get { text(.zh) }
        set { self = LocalizedText(zh: newValue, en: en) }
    }

    /// The English text.
    public var en: String {
        get { text(.en) }
        set { self = LocalizedText(zh: zh, en: newValue) }
    }

    /// Creates a bilingual text.
    public init(zh: String, en: String) {
        zhSource = zh
        enSource = en
        pending = nil
    }

    /// A text whose templates `zh` and `en` are filled by `pending` when read.
    init(zh: String, en: String, pending: PendingFill) {
        zhSource = zh
        enSource = en
        self.pending = pending
    }

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        guard pending != nil else { return language == .zh ? zhSource : enSource }
        var bytes: [UInt8] = []
        append(language, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the text in `language` to `bytes` as UTF-8, filling it straight into them.
    /// Inlinable, so that callers read the one string they need where the text is stored:
    /// calling across the module copied the whole text (three references retained and
    /// released) first.
    @inlinable
    public func append(_ language: Language, to bytes: inout [UInt8]) {
        if let pending { return appendFilled(pending, language, to: &bytes) }
        Self.append(language == .zh ? zhSource : enSource, to: &bytes)
    }

    /// `append` for a filled text (not inlined: it recurses through the fill's values).
    @usableFromInline
    func appendFilled(_ pending: PendingFill, _ language: Language, to bytes: inout [UInt8]) {
        pending.append(language == .zh ? zhSource : enSource, language, to: &bytes)
    }

    /// Appends `text`'s UTF-8, read in place (`withUTF8` needs a mutable copy: a retain and a
    /// release per call).
    @inlinable
    static func append(_ text: String, to bytes: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ bytes.append(contentsOf: $0) }) == nil {
            bytes.append(contentsOf: text.utf8)
        }
    }

    /// Writes `text`'s UTF-8 at `out` (which has room for `text.utf8.count` bytes) and answers
    /// how many bytes that is.
    static func write(_ text: String, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let written = text.utf8.withContiguousStorageIfAvailable { utf8 -> Int in
            if let base = utf8.baseAddress { out.initialize(from: base, count: utf8.count) }
            return utf8.count
        }
        if let written { return written }
        var count = 0
        for byte in text.utf8 {
            out[count] = byte
            count += 1
        }
        return count
    }

    /// Replaces `{name}` placeholders in both languages; `values` may give per-language values.
    /// One pass over the template: text inserted for a placeholder is never scanned again, so a
    /// reply that happens to contain `{field}` stays as written. A later `filling` scans the
    /// result of this one, as if this one had been applied at once.
    ///
    /// A literal table (`filling(["field": …])`, what rules write per finding) is taken as
    /// `KeyValuePairs`, an array: a `Dictionary` hashed every key when built and was walked
    /// bucket by bucket to find a name anyway. Tables built as dictionaries take the
    /// (disfavoured, so never chosen for a literal) `Dictionary` overloads.
    public func filling(_ values: KeyValuePairs<String, LocalizedText>) -> LocalizedText {
        LocalizedText(zh: zhSource, en: enSource, pending: PendingFill(.localized(values), after: pending))
    }

    /// Replaces `{name}` placeholders with the same value in both languages.
    public func filling(_ values: KeyValuePairs<String, String>) -> LocalizedText {
        LocalizedText(zh: zhSource, en: enSource, pending: PendingFill(.same(values), after: pending))
    }

    /// Replaces `{name}` placeholders in both languages, from a table built as a dictionary.
    @_disfavoredOverload
    public func filling(_ values: [String: LocalizedText]) -> LocalizedText {
        LocalizedText(zh: zhSource, en: enSource, pending: PendingFill(.localizedTable(values), after: pending))
    }

    /// Replaces `{name}` placeholders with the same value in both languages, from a table built
    /// as a dictionary.
    @_disfavoredOverload
    public func filling(_ values: [String: String]) -> LocalizedText {
        LocalizedText(zh: zhSource, en: enSource, pending: PendingFill(.sameTable(values), after: pending))
    }

    /// Equal when both languages read the same, however each was made.
    public static func == (lhs: LocalizedText, rhs: LocalizedText) -> Bool {
        lhs.zh == rhs.zh && lhs.en == rhs.en
    }

    /// Hashes both languages as read.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(zh)
        hasher.combine(en)
    }

    private enum CodingKeys: String, CodingKey {
        case zh, en
    }

    /// Decodes `zh` and `en`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(zh: try container.decode(String.self, forKey: .zh), en: try container.decode(String.self, forKey: .en))
    }

    /// Encodes `zh` and `en` as read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(zh, forKey: .zh)
        try container.encode(en, forKey: .en)
    }
}
