import ReplyLintCore
import Foundation
import Testing

/// The new rule kinds as a pack author meets them: bad options are positioned configuration
/// errors, and a custom pack can build working rules from them without Swift.
@Suite struct RuleKindOptionsTests {
    func pack(kind: String, options: String) throws -> RulePack {
        let yaml = """
        pack: custom
        rules:
          - id: custom-rule
            kind: \(kind)
            severity: warning
            description: {zh: 说明, en: text}
            rationale: {zh: 依据, en: why}
            message: {zh: "“{field}”：{text}", en: "{field}: {text}"}
            options:
        \(options.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
        """
        return try RulePack.load(yaml: yaml, file: "custom.yml")
    }

    @Test(arguments: [
        ("substitution", "pairs: [按装]"),
        ("substitution", "field: nowhere\npairs: {按装: 安装}"),
        ("punctuation", "marks: {',,': '，'}"),
        ("duplicate-paste", "minRun: 1"),
        ("timestamp-order", "chain: [handling, sentAt]"),
        ("timestamp-order", "pairs: [{before: acceptedAt}]"),
        ("timestamp-gap", "gaps: [{from: receivedAt, to: arrivedAt}]"),
        ("timestamp-gap", "gaps: [{from: receivedAt, to: arrivedAt, byArea: {城区: soon}}]"),
        ("timestamp-gap", "gaps: [{from: receivedAt, to: arrivedAt, max: 5, defaultArea: 山区}]"),
        ("required-elements", "elements: [{name: {zh: 时间, en: time}, patterns: [weekday]}]"),
        ("required-elements", "elements: [{phrases: [根据]}]"),
        ("phrase-presence", "checks: [{field: handling}]"),
        ("attachment-required", "whenFlags: [handling]"),
        ("topic-coverage", "topics: {}"),
        ("flag-evidence", "flag: isTrue\nequals: maybe\nevents: [故障]\ntopics: {停电: [断电]}"),
        ("vague", "minLength: many"),
    ])
    func badOptionsArePositionedErrors(kind: String, options: String) {
        do {
            _ = try pack(kind: kind, options: options)
            Issue.record("\(kind) accepted bad options: \(options)")
        } catch let issue as ReplyLintIssue {
            #expect(issue.message.en.range(of: #"custom\.yml:\d+:"#, options: .regularExpression) != nil, "\(issue.message.en)")
            #expect(issue.message.en.contains("custom-rule"), "\(issue.message.en)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func customPackUsesSubstitutionAndTimestampGap() throws {
        let substitution = try pack(kind: "substitution", options: "field: customerOpinion\npairs: {满以: 满意}")
        let gap = try pack(kind: "timestamp-gap", options: "gaps: [{from: acceptedAt, to: sentAt, max: 60}]")
        var record = RawRecord(index: 0, start: SourcePosition(line: 1, column: 1))
        for (name, text) in [("id", "C1"), ("type", "咨询"), ("handling", "已答复。"), ("customerOpinion", "很满以"),
                             ("acceptedAt", "2024-07-01 10:00"), ("sentAt", "2024-07-01 11:01")] {
            record.fields.append(RawField(name: name, value: FieldValue(text: text, source: SourceText(start: SourcePosition(line: 1, column: 1)))))
        }
        let runner = Runner(packs: [substitution], now: 0)
        let found = runner.diagnostics(for: record, file: "t.json")
        #expect(found.map(\.fix?.replacement) == ["满意"])
        let late = Runner(packs: [gap], now: 0).diagnostics(for: record, file: "t.json")
        #expect(late.map(\.field) == [.sentAt])
        #expect(late.first?.message.en == "sentAt: 2024-07-01 11:01")
    }
}
