/// A bilingual message whose `{name}` placeholders were found once, when its rule was loaded:
/// filling it copies bytes, with no scan of the template, no lookup by name and no dictionary
/// built per finding (which made `LocalizedText.filling` about a seventh of all instructions).
/// Fills exactly as `LocalizedText.filling` with a table of the same names.
public struct MessageTemplate: Sendable {
    /// The template as written.
    public let text: LocalizedText
    /// Placeholders of each language; `value` is the index into the names given at creation.
    private let zh: [TemplateReplacement<Int>]
    private let en: [TemplateReplacement<Int>]

    /// Creates a template of `text` whose placeholders are `names` (values are then given in
    /// this order); any other `{…}` stays as written.
    public init(_ text: LocalizedText, names: [String]) {
        // Plain texts: the placeholders' offsets are offsets in exactly these strings.
        self.text = LocalizedText(zh: text.zh, en: text.en)
        func placeholders(_ template: String) -> [TemplateReplacement<Int>] {
            var template = template
            return template.withUTF8 { bytes in
                TemplateReplacement.find(in: bytes) { names.firstIndex(of: String(decoding: $0, as: UTF8.self)) }
            }
        }
        zh = placeholders(self.text.zh)
        en = placeholders(self.text.en)
    }

    /// The message with `values[i]` in place of placeholder `names[i]`, in each language (filled
    /// when a language is read, see `LocalizedText`).
    public func filling(_ values: [LocalizedText]) -> LocalizedText {
        LocalizedText(zh: text.zh, en: text.en, pending: PendingFill(.positional(zh: zh, en: en, values: values), after: nil))
    }
}
