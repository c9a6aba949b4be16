/// Kind `length`: a field longer than `max` characters (or GBK bytes with `unit: gbk-bytes`);
/// the span runs from the first character past the limit to the end.
struct LengthRule: SinkRule {
    enum Unit: String { case characters, gbkBytes = "gbk-bytes" }

    let metadata: RuleMetadata
    let field: CanonicalField
    let max: Int
    let unit: Unit
    /// The rule's message, split at load time: placeholders `unit`, `field`, `length`, `max`,
    /// `over` (two fills through dictionaries of names cost about 15,000 instructions more per
    /// finding; the unit's words hold no placeholder, so one fill gives the same text).
    let message: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        guard let max = try options.int("max"), max > 0 else {
            throw options.error("max", "应为正整数", "expected a positive whole number")
        }
        self.max = max
        let unitName = try options.string("unit") ?? "characters"
        guard let unit = Unit(rawValue: unitName) else {
            throw options.error("unit", "应为 characters 或 gbk-bytes", "expected characters or gbk-bytes")
        }
        self.unit = unit
        message = MessageTemplate(metadata.message, names: ["unit", "field", "length", "max", "over"])
    }

    /// The field measured.
    var scalarFields: [CanonicalField] { [field] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The value is copied out of the reply only past the quick test below.
        guard !reply.values.isBlank(field) else { return }
        let length: Int
        let cut: Int
        // A text has no more characters than scalars: most replies are settled here, without
        // testing every scalar (5 M instructions per 10,000 replies), and without an array of
        // the scalars (the runner keeps them in storage of its own).
        if unit == .characters, context.withScalars(of: field, in: reply, \.count) <= max { return }
        let scalars = context.scalars(of: field, in: reply)
        guard let value = reply.values[field] else { return }
        let text = value.text
        switch unit {
        case .characters where TextMeasure.isOneCharacterPerScalar(scalars):
            // Each scalar is a character: count and cut on the decoded scalars instead of
            // walking the string's characters (1.6% of all instructions).
            length = scalars.count
            guard length > max else { return }
            cut = max
        case .characters:
            length = TextMeasure.characters(text)
            guard length > max else { return }
            cut = TextMeasure.scalarOffset(afterCharacters: max, in: text)
        case .gbkBytes:
            length = TextMeasure.gbkBytes(text)
            guard length > max else { return }
            cut = TextMeasure.scalarOffset(afterGBKBytes: max, in: text)
        }
        let unitText = unit == .characters ? LocalizedText(zh: "字", en: "characters") : LocalizedText(zh: "字节（GBK）", en: "GBK bytes")
        func same(_ text: String) -> LocalizedText { LocalizedText(zh: text, en: text) }
        let filled = message.filling([unitText, same(reply.name(of: field)), same("\(length)"), same("\(max)"), same("\(length - max)")])
        sink.append(Finding(field: field, location: ValueLocation(value: value, range: cut..<scalars.count), message: filled))
    }
}
