/// Kind `invalid-value`: values that do not parse (type, flag, timestamp, size, area).
/// Options: `expected` — per value kind, a `{zh, en}` description of what is accepted.
struct InvalidValueRule: SinkRule {
    let metadata: RuleMetadata
    let expected: [ValueProblem.Expected: LocalizedText]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        var table: [ValueProblem.Expected: LocalizedText] = [:]
        for (key, sub) in try options.mapping("expected") {
            guard let kind = ValueProblem.Expected(rawValue: key) else {
                throw options.error("expected", "未知的值类型 \(key)", "unknown value kind \(key)")
            }
            guard let zh = try sub.string("zh"), let en = try sub.string("en") else {
                throw options.error("expected", "\(key) 需要 zh 和 en", "\(key) needs zh and en")
            }
            table[kind] = LocalizedText(zh: zh, en: en)
        }
        expected = table
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        for problem in reply.problems {
            let hint = expected[problem.expected] ?? LocalizedText(zh: problem.expected.rawValue, en: problem.expected.rawValue)
            let message = metadata.message.filling(["expected": hint])
                .filling(["field": reply.name(of: problem.field), "text": problem.text])
            sink.append(Finding(field: problem.field, location: problem.location, message: message))
        }
    }
}
