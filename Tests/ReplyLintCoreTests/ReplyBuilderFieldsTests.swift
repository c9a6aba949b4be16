@testable import ReplyLintCore
import Testing

@Suite struct ReplyBuilderFieldsTests {
    private func field(_ name: String, _ text: String, line: Int) -> RawField {
        RawField(name: name, value: FieldValue(text: text, source: SourceText(start: SourcePosition(line: line, column: 1))))
    }

    @Test func firstOccurrenceWinsAndTheRestAreExtrasInFileOrder() {
        let raw = RawRecord(index: 3, start: .start, fields: [
            field("处理情况", "已答复。", line: 1), field("备注", "x", line: 2), field("handling", "重复", line: 3),
            field("业务类型", "咨询", line: 4), field("备注2", "y", line: 5),
        ])
        let reply = ReplyBuilder().build(raw)
        #expect(reply.index == 3)
        #expect(reply.text(.handling) == "已答复。")
        #expect(reply.name(of: .handling) == "处理情况")
        #expect(reply.values[.handling]?.source.start.line == 1)
        #expect(reply.type == .consultation)
        #expect(reply.extras.map(\.name) == ["备注", "handling", "备注2"])
        #expect(reply.extras.map(\.value.text) == ["x", "重复", "y"])
        #expect(reply.extras.map(\.value.source.start.line) == [2, 3, 5])
    }

    /// Blank values of parsed fields (empty, white space, null, an empty list) are absent, not
    /// problems, whether the builder skips them before parsing or finds them blank after a parse
    /// fails; other values that do not parse (an object included) are problems, in field order.
    @Test func blankParsedValuesAreAbsentAndOthersThatDoNotParseAreProblems() {
        let blanks = ["", " ", "\u{3000}\t", "\n"]
        for blank in blanks {
            let raw = RawRecord(index: 0, start: .start, fields: [
                field("业务类型", blank, line: 1), field("受理时间", blank, line: 2), field("供电区域", blank, line: 3),
                field("是否属实", blank, line: 4), field("附件", blank, line: 5), field("处理时间", blank, line: 6),
            ])
            let reply = ReplyBuilder().build(raw)
            #expect(reply.problems.isEmpty, "\(blank.debugDescription)")
            #expect(reply.type == nil && reply.area == nil && reply.timestamps.isEmpty && reply.flags.isEmpty && reply.attachments.isEmpty)
        }
        let start = SourceText(start: .start)
        let raw = RawRecord(index: 0, start: .start, fields: [
            RawField(name: "业务类型", value: FieldValue(text: "", source: start, shape: .null)),
            RawField(name: "受理时间", value: FieldValue(text: "", source: start, shape: .object)),
            RawField(name: "处理时间", value: FieldValue(text: "", source: start, shape: .list([]))),
            field("供电区域", "火星", line: 4), field("是否属实", " 也许 ", line: 5), field("回复时间", "2024-01-01 12:28", line: 6),
        ])
        let reply = ReplyBuilder().build(raw)
        #expect(reply.problems.map(\.field) == [.acceptedAt, .isTrue, .area])
        #expect(reply.problems.map(\.expected) == [.timestamp, .flag, .area])
        #expect(reply.problems.map(\.text) == ["", " 也许 ", "火星"])
        #expect(reply.timestamps[.sentAt] != nil && reply.timestamps.count == 1)
    }
}
