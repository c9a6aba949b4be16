import ReplyLintCore
import Testing

@Suite struct RulePackLoaderTests {
    @Test func builtInPackLoads() throws {
        let pack = try RulePack.builtIn()
        #expect(pack.name == "sgcc-95598")
        #expect(pack.rules.map(\.metadata.id).contains("banned-phrase"))
    }

    @Test func mistakesArePositioned() {
        let yaml = """
        pack: custom
        rules:
          - id: my-rule
            kind: phrase
            severity: error
            description: {zh: 说明, en: text}
            rationale: {zh: 依据, en: why}
            message: {zh: 信息, en: message}
            optoins: {}
        """
        #expect(throws: ReplyLintIssue.self) { try RulePack.load(yaml: yaml, file: "custom.yml") }
        do {
            _ = try RulePack.load(yaml: yaml, file: "custom.yml")
        } catch let issue as ReplyLintIssue {
            #expect(issue.message.en.contains("custom.yml:9"))
            #expect(issue.message.en.contains("options"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unknownKindIsReported() {
        let yaml = """
        rules:
          - id: x
            kind: magic
            description: {zh: 说明, en: text}
            rationale: {zh: 依据, en: why}
            message: {zh: 信息, en: message}
        """
        #expect(throws: ReplyLintIssue.unknownKind(kind: "magic", rule: "x", file: "p.yml", line: 3)) {
            try RulePack.load(yaml: yaml, file: "p.yml")
        }
    }

    @Test func customPackDefinesANewPhraseRule() throws {
        let yaml = """
        pack: local
        rules:
          - id: no-slang
            kind: phrase
            severity: warning
            types: [N]
            description: {zh: 禁止口语, en: no slang}
            rationale: {zh: 规范用语, en: formal wording}
            message: {zh: "“{text}”是口语", en: "\\"{text}\\" is slang"}
            options: {phrases: [搞定]}
        """
        let pack = try RulePack.load(yaml: yaml, file: "local.yml")
        let runner = Runner(packs: [pack], now: 0)
        let record = RawRecord(index: 0, start: .start, fields: [
            RawField(name: "type", value: FieldValue(text: "咨询", source: SourceText(start: .start))),
            RawField(name: "handling", value: FieldValue(text: "已经搞定", source: SourceText(start: SourcePosition(line: 3, column: 10)))),
        ])
        let diagnostics = runner.diagnostics(for: record, file: "a.json")
        #expect(diagnostics.count == 1)
        #expect(diagnostics.first?.severity == .warning)
        #expect(diagnostics.first?.span == SourceSpan(start: SourcePosition(line: 3, column: 12), end: SourcePosition(line: 3, column: 14)))
        #expect(diagnostics.first?.message.en == "\"搞定\" is slang")
    }

    @Test func unknownRuleGetsASuggestion() {
        #expect(throws: ReplyLintIssue.unknownRule(id: "banned-phrases", suggestion: "banned-phrase", file: nil, line: nil)) {
            try RuleSelection(disabled: ["banned-phrases"]).validate(against: ["banned-phrase", "length-limit"])
        }
    }
}

@Suite struct ManyFindingsTests {
    /// Thousands of findings in one long field are placed exactly (one walk per value, not one
    /// per finding — the quadratic version took over a minute here).
    @Test(arguments: [EscapeDialect.json, .verbatim])
    func everyOccurrenceIsPlaced(_ dialect: EscapeDialect) throws {
        let pack = try RulePack.builtIn()
        let ids = pack.rules.map(\.metadata.id)
        let runner = Runner(packs: [pack], selection: RuleSelection(disabled: Set(ids).subtracting(["customer-unreached"])), now: 0)
        let text = String(repeating: "关机，", count: 5_000)
        let record = RawRecord(index: 0, start: .start, fields: [
            RawField(name: "type", value: FieldValue(text: "咨询", source: SourceText(start: .start))),
            RawField(name: "handling", value: FieldValue(text: text, source: SourceText(start: SourcePosition(line: 2, column: 5), dialect: dialect))),
        ])
        let diagnostics = runner.diagnostics(for: record, file: "x.jsonl")
        #expect(diagnostics.count == 5_000)
        #expect(diagnostics.last?.span == SourceSpan(start: SourcePosition(line: 2, column: 5 + 3 * 4_999),
                                                     end: SourcePosition(line: 2, column: 5 + 3 * 4_999 + 2)))
        #expect(diagnostics.last?.excerpt == "关机")
        #expect(diagnostics.last?.message.zh.contains("关机") == true)
    }
}
