/// Kind `attachment-required`: something calls for an attachment that is not there. Options:
/// `whenFlags` (fires when one of these flags is given, at the flag), or `phrases` and `exclude`
/// in `field` (fires at the first phrase); `nameContains` (only attachments whose name contains
/// one of these texts count, e.g. 情况说明; empty = any attachment counts).
struct AttachmentRequiredRule: Rule {
    let metadata: RuleMetadata
    let whenFlags: [CanonicalField]
    let field: CanonicalField
    let phrases: [String]
    let excluded: [String]
    let nameContains: [String]

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
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: phrases), PhraseList(field: field, phrases: excluded)]
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        let satisfied = reply.attachments.contains { attachment in
            nameContains.isEmpty || nameContains.contains { attachment.name.contains($0) }
        }
        guard !satisfied else { return [] }
        // The first name is the one to ask for; the others are accepted spellings.
        let wanted = nameContains.first ?? ""
        let required = LocalizedText(zh: wanted.isEmpty ? "附件" : "名称含“\(wanted)”的附件",
                                     en: wanted.isEmpty ? "attachment" : "attachment named \(wanted)")
        var findings: [Finding] = []
        for flag in whenFlags where reply.flags[flag] != nil {
            guard let value = reply.values[flag] else { continue }
            findings.append(Finding(field: flag, location: ValueLocation(value: value),
                                    message: metadata.message.filling(["required": required]).filling([
                                        "field": reply.name(of: flag), "text": value.text.trimmingWhitespace(),
                                    ])))
        }
        if !phrases.isEmpty, let value = reply.values[field],
           let hit = context.hits(0).maximal(excluding: context.hits(1)).first {
            findings.append(Finding(field: field, location: ValueLocation(value: value, range: hit.range),
                                    message: metadata.message.filling(["required": required]).filling([
                                        "field": reply.name(of: field), "text": hit.text,
                                    ])))
        }
        return findings
    }
}
