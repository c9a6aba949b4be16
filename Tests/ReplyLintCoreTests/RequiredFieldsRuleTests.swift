@testable import ReplyLintCore
import Testing

@Suite struct RequiredFieldsRuleTests {
    /// A pack with one `required` rule: `fields` always, and `byType` lists (one repeating a field).
    let rule: any Rule = {
        let yaml = """
        rules:
          - id: required
            kind: required
            description: {zh: 说明, en: text}
            rationale: {zh: 依据, en: why}
            message: {zh: "缺少{field}", en: "missing {field}"}
            options:
              fields: [id, handling]
              byType: {投诉: [isTrue, handling], 报修: [arrivedAt]}
        """
        return try! RulePack.load(yaml: yaml, file: "p.yml").rules[0]
    }()

    func fields(_ pairs: [(String, String)]) -> Reply {
        let raw = RawRecord(index: 0, start: .start, fields: pairs.map { name, text in
            RawField(name: name, value: FieldValue(text: text, source: SourceText(start: .start)))
        })
        return ReplyBuilder().build(raw)
    }

    func missing(_ reply: Reply) -> [CanonicalField] {
        rule.check(reply, context: RuleContext(now: 0)).compactMap(\.field)
    }

    @Test func checksTheAlwaysFieldsThenTheTypesInOrderWithRepeats() {
        #expect(missing(fields([("id", "1"), ("handling", "x")])).isEmpty)
        #expect(missing(fields([("type", "投诉"), ("id", "1"), ("handling", "x"), ("isTrue", "是")])).isEmpty)
        #expect(missing(fields([("type", "投诉"), ("id", " ")])) == [.id, .handling, .isTrue, .handling])
        #expect(missing(fields([("type", "投诉"), ("id", "1"), ("handling", "x")])) == [.isTrue])
        #expect(missing(fields([("type", "报修"), ("id", "1"), ("handling", "x")])) == [.arrivedAt])
        #expect(missing(fields([("type", "咨询")])) == [.id, .handling])
        #expect(missing(fields([("type", "不明"), ("handling", "")])) == [.id, .handling])
    }
}
