@testable import ReplyLintCore
import Testing

@Suite struct FieldValueTableTests {
    private func value(_ text: String) -> FieldValue {
        FieldValue(text: text, source: SourceText(start: .start))
    }

    @Test func sharedFieldsAreReadInPlace() {
        let fields = [RawField(name: "备注", value: value("x")), RawField(name: "处理情况", value: value("已处理")),
                      RawField(name: "工单编号", value: value(" "))]
        var table = FieldValueTable(sharing: fields)
        table.add(fieldAt: 1, for: .handling)
        table.add(fieldAt: 2, for: .id)
        #expect(table.count == 2 && !table.isEmpty)
        #expect(table[.handling] == value("已处理") && table[.type] == nil)
        #expect(table.text(of: .handling) == "已处理" && table.text(of: .type) == nil)
        #expect(table.name(of: .handling) == "处理情况" && table.name(of: .type) == nil)
        #expect(table.isBlank(.id) && table.isBlank(.type) && !table.isBlank(.handling))
        #expect(table.contains(.id) && !table.contains(.request))
        #expect(table.map(\.key) == [.id, .handling])
    }

    @Test func assignmentAddsReplacesAndRemoves() {
        var table = FieldValueTable()
        table[.handling] = value("a")
        table[.id] = value("b")
        table[.handling] = value("c")
        #expect(table[.handling] == value("c") && table.name(of: .handling) == "handling" && table.count == 2)
        table[.id] = nil
        #expect(table[.id] == nil && table.count == 1 && table.map(\.value) == [value("c")])
    }

    @Test func assigningToAFullSharedTableKeepsOnlyPlacedFields() {
        let fields = (0..<FieldValueTable.shareLimit).map { RawField(name: "f\($0)", value: value("v\($0)")) }
        var table = FieldValueTable(sharing: fields)
        table.add(fieldAt: 200, for: .request)
        table[.handling] = value("new")
        #expect(table[.request] == value("v200") && table.name(of: .request) == "f200")
        #expect(table[.handling] == value("new") && table.count == 2)
    }

    @Test func positionsKeepEachFieldApart() {
        var positions = FieldPositions()
        for ordinal in 0..<CanonicalField.count { positions[ordinal] = (ordinal * 37) % 256 }
        positions[9] = FieldPositions.limit
        for ordinal in 0..<CanonicalField.count where ordinal != 9 { #expect(positions[ordinal] == (ordinal * 37) % 256) }
        #expect(positions[9] == 255)
        positions[9] = 0
        #expect(positions[9] == 0 && positions[8] == (8 * 37) % 256 && positions[10] == (10 * 37) % 256)
    }

    @Test func aRecordTooBigToShareHasItsValuesCopied() {
        var fields = (0..<300).map { RawField(name: "extra\($0)", value: value("v\($0)")) }
        fields.append(RawField(name: "处理情况", value: value("已处理")))
        fields.append(RawField(name: "处理情况", value: value("again")))
        let reply = ReplyBuilder().build(RawRecord(index: 0, start: .start, fields: fields))
        #expect(reply.values[.handling] == value("已处理") && reply.name(of: .handling) == "处理情况")
        #expect(reply.values.count == 1 && reply.extras.count == 301)
    }
}
