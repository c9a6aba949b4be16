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
}
