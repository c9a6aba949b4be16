/// Kind `phrase-presence`: a field says something that belongs elsewhere. Options: `checks`, a
/// list of `{field, phrases, exclude, whenBlank, message}`: the check fires (once, at the first
/// phrase) when `field` contains one of `phrases` outside the `exclude` words and every field in
/// `whenBlank` is blank. Used for `field-placement`: the customer's opinion written in 处理情况
/// while 客户意见 is empty, and the handling narrative written in 客户意见.
struct PhrasePresenceRule: SinkRule {
    struct Check {
        var field: CanonicalField
        var phrases: [String]
        var exclude: [String]
        var whenBlank: [CanonicalField]
        /// The message, split at load time: placeholders `field`, `text`, `customerOpinion`,
        /// `handling`, then the `whenBlank` fields' names (the order `check` gives values in).
        var message: MessageTemplate
    }

    let metadata: RuleMetadata
    let checks: [Check]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        var checks: [Check] = []
        for item in try options.list("checks") {
            let phrases = try item.strings("phrases")
            guard !phrases.isEmpty else { throw item.error("phrases", "至少需要一个词语", "needs at least one phrase") }
            let whenBlank = try item.fields("whenBlank")
            let message = MessageTemplate(try item.localized("message") ?? metadata.message,
                                          names: ["field", "text", "customerOpinion", "handling"] + whenBlank.map(\.rawValue))
            checks.append(Check(field: try item.field("field") ?? .handling, phrases: phrases, exclude: try item.strings("exclude"),
                                whenBlank: whenBlank, message: message))
        }
        guard !checks.isEmpty else { throw options.error("checks", "至少需要一项检查", "needs at least one check") }
        self.checks = checks
    }

    var phraseLists: [PhraseList] {
        checks.flatMap { [PhraseList(field: $0.field, phrases: $0.phrases), PhraseList(field: $0.field, phrases: $0.exclude)] }
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The hit test first: it is one comparison, while `isBlank` reads the fields' text. By
        // index, and each check read in place: a copy of it retained its arrays and message
        // (seven retains per finding; the rule is shared by both workers with `--jobs 2`).
        for index in checks.indices where context.hasHits(index * 2) {
            let field = checks[index].field
            guard checks[index].whenBlank.allSatisfy({ reply.values.isBlank($0) }), let value = reply.values[field],
                  let hit = context.firstMaximalHit(index * 2, excluding: index * 2 + 1) else { continue }
            // A template split at load time and values in its order: the dictionary of names
            // built per finding and the fill looking each placeholder up in it cost 20,000
            // instructions a finding (2,130 findings per 10,000 replies). A blank field that is
            // also a default names itself alike, so the later value changes nothing. Sized at
            // once: the literal's array grew for the `whenBlank` names.
            var values: [LocalizedText] = []
            values.reserveCapacity(4 + checks[index].whenBlank.count)
            values.append(Self.same(reply.name(of: field)))
            values.append(Self.same(context.text(of: hit, in: value)))
            values.append(Self.same(reply.name(of: .customerOpinion)))
            values.append(Self.same(reply.name(of: .handling)))
            for other in checks[index].whenBlank { values.append(Self.same(reply.name(of: other))) }
            sink.append(Finding(field: field, location: ValueLocation(value: value, range: hit.range),
                                message: checks[index].message.filling(values)))
        }
    }

    /// `text` in both languages.
    private static func same(_ text: String) -> LocalizedText {
        LocalizedText(zh: text, en: text)
    }
}
