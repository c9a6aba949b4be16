/// Kind `phrase-presence`: a field says something that belongs elsewhere. Options: `checks`, a
/// list of `{field, phrases, exclude, whenBlank, message}`: the check fires (once, at the first
/// phrase) when `field` contains one of `phrases` outside the `exclude` words and every field in
/// `whenBlank` is blank. Used for `field-placement`: the customer's opinion written in 处理情况
/// while 客户意见 is empty, and the handling narrative written in 客户意见.
struct PhrasePresenceRule: Rule {
    struct Check {
        var field: CanonicalField
        var phrases: [String]
        var exclude: [String]
        var whenBlank: [CanonicalField]
        var message: LocalizedText
    }

    let metadata: RuleMetadata
    let checks: [Check]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        var checks: [Check] = []
        for item in try options.list("checks") {
            let phrases = try item.strings("phrases")
            guard !phrases.isEmpty else { throw item.error("phrases", "至少需要一个词语", "needs at least one phrase") }
            checks.append(Check(field: try item.field("field") ?? .handling, phrases: phrases, exclude: try item.strings("exclude"),
                                whenBlank: try item.fields("whenBlank"), message: try item.localized("message") ?? metadata.message))
        }
        guard !checks.isEmpty else { throw options.error("checks", "至少需要一项检查", "needs at least one check") }
        self.checks = checks
    }

    var phraseLists: [PhraseList] {
        checks.flatMap { [PhraseList(field: $0.field, phrases: $0.phrases), PhraseList(field: $0.field, phrases: $0.exclude)] }
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        var findings: [Finding] = []
        // The hit test first: it is one comparison, while `isBlank` reads the fields' text.
        for (index, check) in checks.enumerated() where context.hasHits(index * 2) && check.whenBlank.allSatisfy({ reply.isBlank($0) }) {
            guard let value = reply.values[check.field],
                  let hit = context.firstMaximalHit(index * 2, excluding: index * 2 + 1) else { continue }
            // One literal with the defaults, then the blank fields (which name themselves alike):
            // the same table as filling the defaults in afterwards, with fewer string hashes.
            var values = ["field": reply.name(of: check.field), "text": context.text(of: hit, in: value),
                          "customerOpinion": reply.name(of: .customerOpinion), "handling": reply.name(of: .handling)]
            for other in check.whenBlank { values[other.rawValue] = reply.name(of: other) }
            findings.append(Finding(field: check.field, location: ValueLocation(value: value, range: hit.range),
                                    message: check.message.filling(values)))
        }
        return findings
    }
}
