/// Kind `flag-consistency`: flags that contradict each other or the text. Options: `checks`, a
/// list of either `{flags: {FIELD: 是|否, …}, at: FIELD, message}` (the flags must not take these
/// values together) or `{flag: FIELD, equals: 是|否, field: handling, phrases, exclude, message}`
/// (when the flag has that value, the text must not contain the phrases; an occurrence inside an
/// `exclude` word, e.g. 属实 inside 不属实, does not count).
struct FlagConsistencyRule: SinkRule {
    struct Combination {
        var flags: [(CanonicalField, Bool)]
        var at: CanonicalField
        var message: LocalizedText
    }
    struct TextCheck {
        var flag: CanonicalField
        var equals: Bool
        var field: CanonicalField
        var phrases: [String]
        var exclude: [String]
        var message: LocalizedText
    }

    let metadata: RuleMetadata
    let combinations: [Combination]
    let textChecks: [TextCheck]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        var combinations: [Combination] = []
        var textChecks: [TextCheck] = []
        for check in try options.list("checks") {
            let message = try check.localized("message") ?? metadata.message
            if check.has("flags") {
                var flags: [(CanonicalField, Bool)] = []
                for (name, sub) in try check.mapping("flags") {
                    guard let field = CanonicalField(rawValue: name), field.isFlag else {
                        throw check.error("flags", "\(name) 不是标志字段", "\(name) is not a flag field")
                    }
                    guard let text = try sub.selfStrings().first,
                          let value = ReplyBuilder.flag(FieldValue(text: text, source: SourceText(start: .start))) else {
                        throw check.error("flags", "\(name) 的值应为 是 或 否", "\(name) must be 是 or 否")
                    }
                    flags.append((field, value))
                }
                let at = try check.field("at") ?? flags.first?.0 ?? .isTrue
                combinations.append(Combination(flags: flags, at: at, message: message))
            } else {
                guard let flag = try check.field("flag"), flag.isFlag else {
                    throw check.error("flag", "应为 isTrue 或 companyResponsible", "expected isTrue or companyResponsible")
                }
                guard let text = try check.string("equals"),
                      let equals = ReplyBuilder.flag(FieldValue(text: text, source: SourceText(start: .start))) else {
                    throw check.error("equals", "应为 是 或 否", "expected 是 or 否")
                }
                let phrases = try check.strings("phrases")
                guard !phrases.isEmpty else { throw check.error("phrases", "至少需要一个词语", "needs at least one phrase") }
                textChecks.append(TextCheck(flag: flag, equals: equals, field: try check.field("field") ?? .handling,
                                            phrases: phrases, exclude: try check.strings("exclude"), message: message))
            }
        }
        guard !combinations.isEmpty || !textChecks.isEmpty else {
            throw options.error("checks", "至少需要一项检查", "needs at least one check")
        }
        self.combinations = combinations
        self.textChecks = textChecks
    }

    var phraseLists: [PhraseList] {
        textChecks.flatMap { [PhraseList(field: $0.field, phrases: $0.phrases), PhraseList(field: $0.field, phrases: $0.exclude)] }
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        for combination in combinations where combination.flags.allSatisfy({ reply.flags[$0.0] == $0.1 }) {
            let values = Dictionary(uniqueKeysWithValues: combination.flags.map { ($0.0.rawValue, reply.name(of: $0.0)) })
            sink.append(Finding(field: combination.at, location: reply.values[combination.at].map { ValueLocation(value: $0) },
                                message: combination.message.filling(values)))
        }
        for (index, check) in textChecks.enumerated() where reply.flags[check.flag] == check.equals {
            guard let value = reply.values[check.field] else { continue }
            for hit in context.maximalHits(index * 2, excluding: index * 2 + 1) {
                let message = check.message.filling([
                    "field": reply.name(of: check.field), "flag": reply.name(of: check.flag),
                    "text": context.text(of: hit, in: value),
                ])
                sink.append(Finding(field: check.field, location: ValueLocation(value: value, range: hit.range), message: message))
            }
        }
    }
}
