import ReplyLintCore
import ReplyLintReaders
import Testing

@Suite struct JSONReaderTests {
    func read(_ text: String, lines: Bool = false) -> [ReaderEvent] {
        var events: [ReaderEvent] = []
        let reader: any RecordReader = lines ? JSONLinesReader() : JSONReader()
        reader.read(from: ByteSource(bytes: Array(text.utf8))) { events.append($0) }
        return events
    }

    func records(_ events: [ReaderEvent]) -> [RawRecord] {
        events.compactMap { if case .record(let r) = $0 { return r } else { return nil } }
    }

    func failures(_ events: [ReaderEvent]) -> [ParseFailure] {
        events.compactMap { if case .failure(let f) = $0 { return f } else { return nil } }
    }

    func value(_ record: RawRecord, _ name: String) -> FieldValue? {
        record.fields.first { $0.name == name }?.value
    }

    @Test func arrayAndWrappedArray() {
        let plain = records(read(#"[{"id": "A"}, {"id": "B"}]"#))
        #expect(plain.map(\.index) == [0, 1])
        let wrapped = records(read(#"{"meta": {"n": 2}, "records": [{"id": "A"}, {"id": "B"}], "x": 1}"#))
        #expect(wrapped.compactMap { value($0, "id")?.text } == ["A", "B"])
    }

    @Test func positionsCountCodePointsAcrossLines() {
        let text = "[\n  {\"id\": \"A1\",\n   \"handling\": \"客户已撤诉\"}\n]"
        let record = records(read(text))[0]
        #expect(record.start == SourcePosition(line: 2, column: 3))
        let handling = value(record, "handling")!
        #expect(handling.source.start == SourcePosition(line: 3, column: 17))
        #expect(handling.span(of: 2..<5) == SourceSpan(start: SourcePosition(line: 3, column: 19), end: SourcePosition(line: 3, column: 22)))
    }

    @Test func spansThroughEscapes() {
        // 客户 written as \u5ba2\u6237, then a quote escape, then an emoji as a surrogate pair.
        let line = #"{"handling": "A\u5ba2\u6237\"\ud83d\ude00已撤诉\n"}"#
        let handling = value(records(read(line, lines: true))[0], "handling")!
        #expect(handling.text == "A客户\"😀已撤诉\n")
        let start = 15  // column of the first body character `A`
        #expect(handling.source.start.column == start)
        #expect(handling.span(of: 1..<3) == SourceSpan(start: SourcePosition(line: 1, column: start + 1),
                                                      end: SourcePosition(line: 1, column: start + 13)))
        #expect(handling.span(of: 3..<4).start.column == start + 13)
        #expect(handling.span(of: 4..<5) == SourceSpan(start: SourcePosition(line: 1, column: start + 15),
                                                      end: SourcePosition(line: 1, column: start + 27)))
        #expect(handling.span(of: 5..<8).start.column == start + 27)
        #expect(handling.span(of: 8..<9).end.column == start + 32)
    }

    @Test func literalsListsAndObjects() {
        let record = records(read(#"{"size": 1024, "ok": true, "n": null, "attachments": [{"name": "a.pdf", "size": "1MB"}, "b.jpg"], "o": {"k": [1]}}"#, lines: true))[0]
        #expect(value(record, "size")?.shape == .literal)
        #expect(value(record, "size")?.text == "1024")
        #expect(value(record, "n")?.isBlank == true)
        guard case .list(let items) = value(record, "attachments")?.shape else { Issue.record("not a list"); return }
        #expect(items.count == 2)
        #expect(items[0].members["size"]?.text == "1MB")
        #expect(items[1].value.text == "b.jpg")
        #expect(value(record, "o")?.shape == .object)
    }

    @Test func objectItemMembersKeepTheirOrderAndTheFirstOfEachName() {
        let record = records(read(#"{"attachments": [{"size": "1MB", "name": "a.pdf", "size": "2MB"}]}"#, lines: true))[0]
        guard case .list(let items) = value(record, "attachments")?.shape else { Issue.record("not a list"); return }
        #expect(items[0].memberList.map(\.name) == ["size", "name"])
        #expect(items[0].memberList.map(\.value.text) == ["1MB", "a.pdf"])
        #expect(items[0].members.mapValues(\.text) == ["size": "1MB", "name": "a.pdf"])
    }

    @Test func badLineIsAFailureAndTheNextLineIsRead() {
        let text = "{\"id\": \"A\"}\n{\"id\": \"B\", \"handling\": \"未闭合\n{\"id\": \"C\"}\n\n{\"id\" \"D\"}\n{\"id\": \"E\"} x\n{\"id\": \"F\"}"
        let events = read(text, lines: true)
        #expect(records(events).compactMap { value($0, "id")?.text } == ["A", "C", "F"])
        #expect(failures(events).map(\.position.line) == [2, 5, 6])
        #expect(failures(events)[0].position == SourcePosition(line: 2, column: 25))
        #expect(records(events).map(\.index) == [0, 2, 5])
    }

    @Test func truncatedJSONIsOneFailureAfterTheGoodRecords() {
        let events = read("[{\"id\": \"A\"}, {\"id\": \"B\", \"handling\": ")
        #expect(records(events).count == 1)
        #expect(failures(events).count == 1)
        #expect(failures(events)[0].message.en.contains("end of input"))
    }

    @Test func hostileInputNeverCrashes() {
        let deep = String(repeating: "[", count: 100_000)
        #expect(failures(read(#"{"a": "# + deep + "}", lines: true)).count == 1)
        #expect(failures(read("\u{0}\u{1}binary", lines: true)).count == 1)
        #expect(failures(read(#"{"a": "\ud800"}"#, lines: true)).count == 1)
        #expect(failures(read(#"{"a": "\q"}"#, lines: true)).count == 1)
        #expect(failures(read("{\"a\": \"\u{1}\"}", lines: true)).count == 1)
        let invalidUTF8: [UInt8] = Array(#"{"a": ""#.utf8) + [0xFF, 0xFE] + Array(#""}"#.utf8)
        var events: [ReaderEvent] = []
        JSONLinesReader().read(from: ByteSource(bytes: invalidUTF8)) { events.append($0) }
        #expect(failures(events).first?.message.en.contains("UTF-8") == true)
    }

    @Test func byteOrderMarkIsSkipped() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"id": "A"}"#.utf8)
        var events: [ReaderEvent] = []
        JSONLinesReader().read(from: ByteSource(bytes: bytes)) { events.append($0) }
        #expect(records(events).count == 1)
        #expect(records(events)[0].start == SourcePosition(line: 1, column: 1))  // the BOM is not a column
    }
}
