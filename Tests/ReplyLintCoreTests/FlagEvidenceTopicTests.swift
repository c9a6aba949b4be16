import ReplyLintCore
import Testing

/// `truth-flag-evidence` through the runner: which topics of the request the handling text must
/// name for its event to contradict the flag.
@Suite struct FlagEvidenceTopicTests {
    static let runner: Runner = {
        let pack = (try? RulePack.builtIn()) ?? RulePack(name: "empty", rules: [])
        let others = Set(pack.rules.map(\.metadata.id)).subtracting(["truth-flag-evidence"])
        return Runner(packs: [pack], selection: RuleSelection(disabled: others), now: 0)
    }()

    func rules(request: String?, handling: String) -> [String] {
        var record = RawRecord(index: 0, start: SourcePosition(line: 1, column: 1))
        let start = SourceText(start: SourcePosition(line: 1, column: 1))
        record.fields.append(RawField(name: "type", value: FieldValue(text: "投诉", source: start)))
        record.fields.append(RawField(name: "isTrue", value: FieldValue(text: "否", source: start)))
        record.fields.append(RawField(name: "companyResponsible", value: FieldValue(text: "否", source: start)))
        if let request { record.fields.append(RawField(name: "request", value: FieldValue(text: request, source: start))) }
        record.fields.append(RawField(name: "handling", value: FieldValue(text: handling, source: start)))
        return Self.runner.diagnostics(for: record, file: "t.json").map(\.rule)
    }

    @Test func theRequestsTopicsDecideWhichEventsCount() {
        let handling = "经查系客户表后开关跳闸导致停电，已协助恢复供电。"
        // The request names the topic the text confirms.
        #expect(rules(request: "家中突然断电。", handling: handling) == ["truth-flag-evidence"])
        // No request: any topic of the text stands for the event.
        #expect(rules(request: nil, handling: handling) == ["truth-flag-evidence"])
        // A request that names no known topic gives nothing to confirm.
        #expect(rules(request: "请尽快回复。", handling: handling).isEmpty)
        // A request about another topic is not confirmed by this text.
        #expect(rules(request: "电费太高。", handling: handling).isEmpty)
    }
}
