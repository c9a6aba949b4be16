/// Kind `attachment-reference`: the text refers to an attachment (详见附件 …) but none is attached
/// (the rule's severity), or one is attached but the reference is not at the end of the text
/// (`notAtEnd.severity`, with `notAtEnd.message`). Options: `field`, `phrases`, `notAtEnd`.
struct AttachmentReferenceRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let phrases: [String]
    /// The messages, split at load time: placeholders `field` and `text` (a dictionary of names
    /// per finding cost about 8,000 instructions more; 244 findings per 10,000 replies).
    let message: MessageTemplate
    let notAtEndMessage: MessageTemplate
    let notAtEndSeverity: Severity

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        phrases = try options.strings("phrases")
        guard !phrases.isEmpty else { throw options.error("phrases", "至少需要一个词语", "needs at least one phrase") }
        let notAtEnd = try options.mapping("notAtEnd")
        guard let sub = notAtEnd.first(where: { $0.key == "message" })?.options,
              let zh = try sub.string("zh"), let en = try sub.string("en") else {
            throw options.error("notAtEnd", "需要 message: {zh, en}", "needs message: {zh, en}")
        }
        message = MessageTemplate(metadata.message, names: ["field", "text"])
        notAtEndMessage = MessageTemplate(LocalizedText(zh: zh, en: en), names: ["field", "text"])
        let severityName = try notAtEnd.first(where: { $0.key == "severity" })?.options.selfStrings().first ?? "warning"
        guard let severity = Severity(rawValue: severityName) else {
            throw options.error("notAtEnd", "严重级别无效", "invalid severity")
        }
        notAtEndSeverity = severity
    }

    var phraseLists: [PhraseList] { [PhraseList(field: field, phrases: phrases)] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        let references = context.maximalHits(0)
        guard !references.isEmpty, let value = reply.values[field] else { return }
        let name = LocalizedText(zh: reply.name(of: field), en: reply.name(of: field))
        func quote(_ hit: PhraseSpan) -> LocalizedText {
            let text = context.text(of: hit, in: value)
            return LocalizedText(zh: text, en: text)
        }
        if reply.attachments.isEmpty {
            for hit in references {
                sink.append(Finding(field: field, location: ValueLocation(value: value, range: hit.range),
                                    message: message.filling([name, quote(hit)])))
            }
            return
        }
        guard let last = references.max(by: { $0.range.upperBound < $1.range.upperBound }) else { return }
        let tail = value.text.unicodeScalars.dropFirst(last.range.upperBound)
        let onlyPunctuation = tail.allSatisfy { ScalarClass.isSpace($0.value) || ScalarClass.isPunctuation($0.value) }
        guard !onlyPunctuation else { return }
        sink.append(Finding(field: field, location: ValueLocation(value: value, range: last.range),
                            message: notAtEndMessage.filling([name, quote(last)]), severity: notAtEndSeverity))
    }
}
