/// Kind `attachment-required`: something calls for an attachment that is not there. Options:
/// `whenFlags` (fires when one of these flags is given, at the flag), or `phrases` and `exclude`
/// in `field` (fires at the first phrase); `nameContains` (only attachments whose name contains
/// one of these texts count, e.g. 情况说明; empty = any attachment counts).
struct AttachmentRequiredRule: SinkRule {
    let metadata: RuleMetadata
    let whenFlags: [CanonicalField]
    let field: CanonicalField
    let phrases: [String]
    let excluded: [String]
    let nameContains: [String]
    /// The rule's message with `{required}` filled in: it depends only on `nameContains`.
    let message: LocalizedText

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        whenFlags = try options.fields("whenFlags")
        for flag in whenFlags where !flag.isFlag {
            throw options.error("whenFlags", "\(flag.rawValue) 不是标志字段", "\(flag.rawValue) is not a flag field")
        }
        field = try options.field("field") ?? .handling
        phrases = try options.strings("phrases")
        excluded = try options.strings("exclude")
        guard !whenFlags.isEmpty || !phrases.isEmpty else {
            throw options.error("phrases", "需要 whenFlags 或 phrases", "needs whenFlags or phrases")
        }
        nameContains = try options.strings("nameContains")
        // The first name is the one to ask for; the others are accepted spellings.
        let wanted = nameContains.first ?? ""
        let required = LocalizedText(zh: wanted.isEmpty ? "附件" : "名称含“\(wanted)”的附件",
                                     en: wanted.isEmpty ? "attachment" : "attachment named \(wanted)")
        message = metadata.message.filling(["required": required])
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: phrases), PhraseList(field: field, phrases: excluded)]
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        let flagged = whenFlags.contains { reply.flags[$0] != nil }
        let hit = phrases.isEmpty ? nil : context.firstMaximalHit(0, excluding: 1)
        // Most replies give no reason to ask: answer that before reading attachment names.
        guard flagged || hit != nil else { return }
        let satisfied = reply.attachments.contains { attachment in
            nameContains.isEmpty || nameContains.contains { PlainSubstring.contains(attachment.name, $0) }
        }
        guard !satisfied else { return }
        for flag in whenFlags where reply.flags[flag] != nil {
            guard let value = reply.values[flag] else { continue }
            sink.append(Finding(field: flag, location: ValueLocation(value: value),
                                message: message.filling([
                                    "field": reply.name(of: flag), "text": value.text.trimmingWhitespace(),
                                ])))
        }
        if let hit, let value = reply.values[field] {
            sink.append(Finding(field: field, location: ValueLocation(value: value, range: hit.range),
                                message: message.filling([
                                    "field": reply.name(of: field), "text": context.text(of: hit, in: value),
                                ])))
        }
    }
}
