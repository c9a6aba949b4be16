import ReplyLintCore
import Testing

/// `punctuation` and `typo` through the runner: positions, fixes and the cases they must leave alone.
@Suite struct PunctuationAndSubstitutionTests {
    static let runner: Runner = {
        let pack = (try? RulePack.builtIn()) ?? RulePack(name: "empty", rules: [])
        let others = Set(pack.rules.map(\.metadata.id)).subtracting(["punctuation", "typo"])
        return Runner(packs: [pack], selection: RuleSelection(disabled: others), now: 0)
    }()

    func diagnostics(_ handling: String) -> [Diagnostic] {
        var record = RawRecord(index: 0, start: SourcePosition(line: 1, column: 1))
        record.fields.append(RawField(name: "type", value: FieldValue(text: "咨询", source: SourceText(start: SourcePosition(line: 1, column: 1)))))
        record.fields.append(RawField(name: "handling", value: FieldValue(text: handling, source: SourceText(start: SourcePosition(line: 2, column: 1)))))
        return Self.runner.diagnostics(for: record, file: "t.json")
    }

    @Test func halfWidthMarksBetweenHanAreFixedToFullWidth() {
        let found = diagnostics("已答复客户,电价按阶梯执行.客户满意(无异议)。").filter { $0.rule == "punctuation" }
        #expect(found.map(\.fix?.replacement) == ["，", "。", "（", "）"])
        #expect(found.map(\.span.start.column) == [6, 14, 19, 23])
    }

    @Test func numbersAndAsciiWordsAreNotFaults() {
        #expect(diagnostics("已退还电费1,200.50元，电价3.5角。Meter A-1, ok. 已告知。").isEmpty)
    }

    @Test func longTextWithoutPunctuationIsReportedOnce() {
        let found = diagnostics(String(repeating: "一二三四五六七八九十", count: 4)).filter { $0.rule == "punctuation" }
        #expect(found.count == 1)
        #expect(found.first?.fix == nil)
        #expect(diagnostics(String(repeating: "一二三四五六七八九十", count: 3)).isEmpty)
    }

    @Test func textsWithoutMarksAreSettledLikeTheFullScan() {
        // Settled by the light pass: sentence punctuation and no mark, with or without ASCII.
        #expect(diagnostics("已答复客户，电价按阶梯执行。").isEmpty)
        #expect(diagnostics("2024年01月02日01时已答复客户ABC；" + String(repeating: "一二三四五六七八九十", count: 4)).isEmpty)
        // Long with only a number's separators: the full scan decides, and the text has no sentence punctuation.
        let long = diagnostics("电价3.5角" + String(repeating: "一二三四五六七八九十", count: 4)).filter { $0.rule == "punctuation" }
        #expect(long.count == 1 && long.first?.fix == nil)
        // A mark anywhere sends the text to the full scan.
        #expect(diagnostics("已答复客户。Meter A-1, ok").isEmpty)
        #expect(diagnostics("已答复客户。客户满意!").filter { $0.rule == "punctuation" }.map(\.fix?.replacement) == ["！"])
    }

    @Test func longTextsBeyondTheRunnersRoomAreCheckedAlike() {
        // The runner keeps up to 256 scalars of the handling text on the stack and the rest in
        // an array: the same marks are found either way, at the same offsets.
        let head = "已答复客户,电价按阶梯执行.客户满意(无异议)。"
        let short = diagnostics(head).filter { $0.rule == "punctuation" }
        let long = diagnostics(head + String(repeating: "一二三四五六七八九十，", count: 30)).filter { $0.rule == "punctuation" }
        #expect(short.count == 4)
        #expect(long.map(\.span) == short.map(\.span))
        #expect(long.map(\.fix?.replacement) == short.map(\.fix?.replacement))
    }

    @Test func typoFixReplacesOnlyTheWrongWord() {
        let found = diagnostics("经核实，客户反应的部份电费已退还。").filter { $0.rule == "typo" }
        #expect(found.map(\.fix?.replacement) == ["客户反映", "部分"])
        #expect(found.first?.span.start.column == 5)
        #expect(found.first?.span.end.column == 9)
    }

    @Test func correctLongerWordsAreNotTypos() {
        #expect(diagnostics("客户表扬抢修人员反应迅速。以经营为目的的用电执行商业电价。").isEmpty)
    }
}
