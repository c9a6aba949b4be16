/// Kind `required-elements`: a text must contain each of several named elements; one finding per
/// record lists every missing one. Options: `field` (default handling) and `elements`, a list of
/// `{name: {zh, en}, phrases, patterns (date, clock, book-title), fields}`; an element is present
/// when one of its phrases or patterns occurs in the text, or one of its `fields` is filled in
/// (e.g. the customer's opinion in 客户意见). A blank text is left to `required-fields`.
struct RequiredElementsRule: SinkRule {
    struct Element {
        var name: LocalizedText
        var phrases: [String]
        var patterns: [TextPattern]
        var fields: [CanonicalField]
    }

    let metadata: RuleMetadata
    let field: CanonicalField
    let elements: [Element]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        var elements: [Element] = []
        for item in try options.list("elements") {
            guard let name = try item.localized("name") else {
                throw options.error("elements", "每个要素需要 name: {zh, en}", "each element needs name: {zh, en}")
            }
            let patterns = try item.strings("patterns").map { text -> TextPattern in
                guard let pattern = TextPattern(rawValue: text) else {
                    throw item.error("patterns", "未知模式 \(text)（date、clock、book-title）", "unknown pattern \(text) (date, clock, book-title)")
                }
                return pattern
            }
            let element = Element(name: name, phrases: try item.strings("phrases"), patterns: patterns, fields: try item.fields("fields"))
            guard !element.phrases.isEmpty || !element.patterns.isEmpty || !element.fields.isEmpty else {
                throw item.error("phrases", "要素需要 phrases、patterns 或 fields", "an element needs phrases, patterns or fields")
            }
            elements.append(element)
        }
        guard !elements.isEmpty else { throw options.error("elements", "至少需要一个要素", "needs at least one element") }
        self.elements = elements
    }

    var phraseLists: [PhraseList] { elements.map { PhraseList(field: field, phrases: $0.phrases, quotesHits: false) } }

    /// The field searched for date, clock and title patterns.
    var scalarFields: [CanonicalField] { elements.contains { !$0.patterns.isEmpty } ? [field] : [] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The value is copied out of the reply only for a finding.
        guard !reply.values.isBlank(field) else { return }
        var missing: [LocalizedText] = []
        // By index, reading the element in place: a copy of it retained its four arrays and
        // name (2.4 copies per reply; the rule is shared by both workers with `--jobs 2`).
        for index in elements.indices {
            if context.hasHits(index) { continue }
            if elements[index].fields.contains(where: { !reply.values.isBlank($0) }) { continue }
            if !elements[index].patterns.isEmpty {
                // Read in place (an array of the scalars cost an allocation per reply); the
                // closure captures the patterns alone (capturing `self` copied the rule).
                let patterns = elements[index].patterns
                if context.withScalars(of: field, in: reply, { text in patterns.contains { $0.occurs(in: text) } }) { continue }
            }
            missing.append(elements[index].name)
        }
        guard !missing.isEmpty, let value = reply.values[field] else { return }
        let list = LocalizedText(zh: missing.map(\.zh).joined(separator: "、"), en: missing.map(\.en).joined(separator: ", "))
        sink.append(Finding(field: field, location: ValueLocation(value: value),
                            message: metadata.message.filling(["missing": list]).filling(["field": reply.name(of: field),
                                                                                           "text": value.text.excerpt()])))
    }
}
