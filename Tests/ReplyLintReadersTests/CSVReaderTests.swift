import Foundation
import ReplyLintCore
import ReplyLintReaders
import Testing

@Suite struct CSVReaderTests {
    func read(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> [ReaderEvent] {
        ReaderTestSupport.events(CSVReader(delimiter: delimiter), Array(text.utf8))
    }

    @Test func headerMapsColumnsAndRowsAreIndexed() {
        let events = read("工单编号,业务类型,处理情况\nA1,咨询,已答复\n\nA2,投诉\n")
        let records = events.records
        #expect(events.failures.isEmpty)
        #expect(records.map(\.index) == [0, 1])
        #expect(records[0].fields.map(\.name) == ["工单编号", "业务类型", "处理情况"])
        #expect(records[0].value("处理情况")?.text == "已答复")
        #expect(records[0].value("处理情况")?.source == SourceText(start: at(2, 7)))
        #expect(records[1].start == at(4, 1))
        // A short row is fine: the missing column is a missing field.
        #expect(records[1].value("处理情况") == nil)
    }

    @Test func quotedFieldsWithDoubledQuotesAndLineBreaksMapToExactPositions() throws {
        let events = ReaderTestSupport.events(CSVReader(), try ReaderTestSupport.fixture("csv/quoted.csv"))
        #expect(events.failures.isEmpty)
        let records = events.records
        #expect(records.map(\.index) == [0, 1, 2])
        #expect(records.map(\.start) == [at(2, 1), at(4, 1), at(6, 1)])

        let q1 = try #require(records[0].value("处理情况"))
        #expect(q1.text == "他说\"客户已撤诉\"，\n第二行客户已撤诉")
        #expect(q1.source.start == at(2, 8))
        #expect(q1.source.dialect == .csvQuoted)
        // The first 客户已撤诉 follows a doubled quote; the second is on the next line.
        #expect(q1.span(of: 3..<8) == SourceSpan(start: at(2, 12), end: at(2, 17)))
        #expect(q1.span(of: 14..<19) == SourceSpan(start: at(3, 4), end: at(3, 9)))
        #expect(records[0].value("客户意见")?.source.start == at(3, 11))

        let q2 = try #require(records[1].value("处理情况"))
        #expect(q2.text == "逗号,也在里面\r\n第二行")
        #expect(q2.source == SourceText(start: at(4, 8)))
        #expect(q2.span(of: 9..<12) == SourceSpan(start: at(5, 1), end: at(5, 4)))
        #expect(records[1].value("客户意见")?.text == "")
        #expect(records[1].value("客户意见")?.source.start == at(5, 6))

        let q3 = try #require(records[2].value("客户意见"))
        #expect(q3.text == "\"引号开头")
        #expect(q3.source.start == at(6, 13))
        #expect(q3.span(of: 1..<3) == SourceSpan(start: at(6, 15), end: at(6, 17)))
    }

    @Test func runnerPointsIntoQuotedFields() throws {
        let runner = Runner(packs: [try RulePack.builtIn()], now: 1_722_441_600)
        var spans: [SourceSpan] = []
        CSVReader().read(from: ByteSource(bytes: try ReaderTestSupport.fixture("csv/quoted.csv"))) { event in
            guard case .record(let record) = event else { return }
            spans += runner.diagnostics(for: record, file: "quoted.csv").filter { $0.rule == "banned-phrase" }.map(\.span)
        }
        #expect(spans == [SourceSpan(start: at(2, 12), end: at(2, 17)), SourceSpan(start: at(3, 4), end: at(3, 9))])
    }

    @Test func lineEndingsAndTrailingEmptyColumns() {
        let events = read("id,handling,,\r\nA,一,,\r\nB,\"二\r\n行\",,\r\n")
        #expect(events.failures.isEmpty)
        #expect(events.records.map { $0.value("handling")?.text } == ["一", "二\r\n行"])
        // Columns without a header name carry no field.
        #expect(events.records[0].fields.map(\.name) == ["id", "handling"])
    }

    @Test func tabSeparatedForTSV() {
        let reader = CSVReader(path: "x.TSV")
        #expect(reader.delimiter == 0x09)
        let events = ReaderTestSupport.events(reader, Array("id\thandling\nA\t逗号,不分隔\n".utf8))
        #expect(events.records.first?.value("handling")?.text == "逗号,不分隔")
    }

    @Test func tooManyColumnsIsAFailureAtTheFirstExtraColumn() throws {
        let events = ReaderTestSupport.events(CSVReader(), try ReaderTestSupport.fixture("csv/too-many-columns.csv"))
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["M1", "M3", "M4"])
        #expect(events.records.map(\.index) == [0, 2, 3])
        #expect(events.failures.count == 1)
        #expect(events.failures[0].position == at(3, 15))
        #expect(events.failures[0].recordIndex == 1)
        #expect(events.failures[0].message.en.contains("6 columns"))
        #expect(events.failures[0].message.zh.contains("6 列"))
    }

    @Test func unterminatedQuoteResynchronisesAtTheNextPlausibleRow() throws {
        let events = ReaderTestSupport.events(CSVReader(), try ReaderTestSupport.fixture("csv/resync.csv"))
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["R1", "R3", "R4"])
        #expect(events.records.map(\.start.line) == [2, 5, 6])
        #expect(events.failures.map(\.position) == [at(3, 7)])
        #expect(events.failures[0].message.en.contains("unterminated"))
        // Positions after the resynchronisation are still exact.
        #expect(events.records[1].value("处理情况")?.source.start == at(5, 7))
    }

    @Test func resynchronisingNeedsOnlyTheNamedColumns() {
        let events = read("id,handling,,\nA,\"broken\nB,ok\n")
        #expect(events.failures.map(\.position) == [at(2, 3)])
        #expect(events.records.compactMap { $0.value("id")?.text } == ["B"])
    }

    @Test func truncatedFileKeepsTheRecordsBeforeTheCut() throws {
        let events = ReaderTestSupport.events(CSVReader(), try ReaderTestSupport.fixture("csv/truncated.csv"))
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["T1", "T2"])
        #expect(events.failures.map(\.position) == [at(4, 7)])
    }

    @Test func junkAfterAClosingQuoteIsAFailureAndTheNextRowIsRead() {
        let events = read("id,handling\nA,\"x\"y,z\nB,ok\n")
        #expect(events.failures.map(\.position) == [at(2, 6)])
        #expect(events.records.compactMap { $0.value("id")?.text } == ["B"])
        #expect(events.records[0].index == 1)
    }

    @Test func runawayQuoteIsBoundedAndReadingGoesOn() {
        let text = "id,handling\nR1,\"" + String(repeating: "abc\n", count: 300_000) + "R2,ok\n"
        let events = read(text)
        #expect(events.failures.map(\.position) == [at(2, 4)])
        #expect(events.records.compactMap { $0.value("id")?.text } == ["R2"])
        #expect(events.records[0].start == at(300_002, 1))
    }

    // MARK: - Encodings

    @Test func gbkIsDetectedAndForcedUTF8IsAParseError() throws {
        let bytes = try ReaderTestSupport.fixture("csv/gbk.csv")
        for reader in [CSVReader(), CSVReader(encoding: .gb18030)] {
            let events = ReaderTestSupport.events(reader, bytes)
            #expect(events.failures.isEmpty)
            #expect(events.records.first?.value("处理情况")?.text == "经核实，客户已撤诉。")
            #expect(events.records.first?.value("处理情况")?.source.start == at(2, 7))
        }
        let forced = ReaderTestSupport.events(CSVReader(encoding: .utf8), bytes)
        // One failure per line at most, at the first bad byte (投 = CD B6 happens to be valid
        // UTF-8, so line 2 fails at 诉); the rows are still read.
        #expect(forced.failures.map(\.position) == [at(1, 1), at(2, 5), at(3, 4)])
        #expect(forced.failures[0].message.en.contains("utf-8"))
        #expect(forced.records.count == 2)
    }

    @Test func byteOrderMarksAndUTF16() throws {
        let utf8BOM: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,handling\nA,客户已撤诉\n".utf8)
        let bom = ReaderTestSupport.events(CSVReader(), utf8BOM)
        #expect(bom.records.first?.fields.map(\.name) == ["id", "handling"])
        #expect(bom.records.first?.value("handling")?.source.start == at(2, 3))

        let tsv = ReaderTestSupport.events(CSVReader(path: "utf16le.tsv"), try ReaderTestSupport.fixture("csv/utf16le.tsv"))
        #expect(tsv.failures.isEmpty)
        #expect(tsv.records.first?.value("处理情况")?.text == "经核实，客户已撤诉。")
        #expect(tsv.records.first?.value("处理情况")?.source.start == at(2, 7))

        var big: [UInt8] = [0xFE, 0xFF]
        for unit in "id,handling\r\nB,已答复😀\r\n".utf16 { big += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let be = ReaderTestSupport.events(CSVReader(), big)
        #expect(be.records.first?.value("handling")?.text == "已答复😀")
        let forced = ReaderTestSupport.events(CSVReader(encoding: .utf16), Array(big.dropFirst(2)))
        #expect(forced.records.first?.value("handling")?.text == "已答复😀")
    }

    @Test func invalidUTF8IsAPositionedFailureAndReadingGoesOn() {
        let bytes = Array("工单编号,处理情况\nA,好".utf8) + [0xFF] + Array("的\nB,行\n".utf8)
        let events = ReaderTestSupport.events(CSVReader(), bytes)
        #expect(events.failures.map(\.position) == [at(2, 4)])
        #expect(events.failures[0].recordIndex == 0)
        #expect(events.records.compactMap { $0.value("处理情况")?.text } == ["好\u{FFFD}的", "行"])
    }

    @Test func longFieldsKeepPositionsAndFaultsAcrossRuns() {
        // Field bodies are read in runs (eight bytes at a time, across the decoder's 64 KiB
        // chunks): a bad byte deep inside a long field, and the quoted field after it, must keep
        // their exact positions.
        let long = String(repeating: "经核实已处理", count: 5_000)  // 30,000 characters
        let bytes = Array("工单编号,处理情况,备注\nA,\(long)".utf8) + [0xFF] + Array("尾,\"引\"\"号\"\nB,短,x\n".utf8)
        let events = ReaderTestSupport.events(CSVReader(), bytes)
        #expect(events.failures.map(\.position) == [at(2, 30_003)])
        #expect(events.records.first?.value("处理情况")?.text == long + "\u{FFFD}尾")
        #expect(events.records.first?.value("备注")?.text == "引\"号")
        #expect(events.records.first?.value("备注")?.source.start == at(2, 30_007))
        #expect(events.records.last?.value("处理情况")?.source.start == at(3, 3))
    }

    @Test func multiByteCharactersAcrossChunkBoundaries() throws {
        var text = "工单编号,处理情况\r\n"
        var expected: [String] = []
        for i in 0..<20_000 {
            let handling = "第\(i)条：经核实，已为客户更换电能表。"
            expected.append(handling)
            text += "W\(i),\(handling)\r\n"
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, bytes) in [("gb.csv", encode(text, as: "GB18030")), ("u8.csv", Array(text.utf8)),
                              ("u16.csv", [0xFF, 0xFE] + encode(text, as: "UTF-16LE"))] {
            let data = Data(bytes)
            let file = directory.appendingPathComponent(name)
            try data.write(to: file)
            let events = ReaderTestSupport.events(CSVReader(), file: file, chunkSize: 4093)
            #expect(events.failures.isEmpty, "\(name)")
            #expect(events.records.compactMap { $0.value("处理情况")?.text } == expected, "\(name)")
            #expect(events.records.last?.start == at(20_001, 1), "\(name)")
        }
    }

    @Test func wholeBufferDecodingForExcerpts() throws {
        let decoded = TextDecoding.utf8(try ReaderTestSupport.fixture("csv/gbk.csv"))
        #expect(String(decoding: decoded, as: UTF8.self).hasPrefix("工单编号,业务类型"))
        #expect(TextDecoding.utf8([0xEF, 0xBB, 0xBF, 0x41]) == [0x41])
        #expect(TextDecoding.utf8([]) == [])
    }

    @Test func everyTruncationKeepsTheCompleteRows() throws {
        let bytes = try ReaderTestSupport.fixture("equivalence/replies-gb18030.csv")
        let full = ReaderTestSupport.events(CSVReader(), bytes).records
        #expect(full.count == 10)
        for cut in 0..<bytes.count {
            let records = ReaderTestSupport.events(CSVReader(), Array(bytes.prefix(cut))).records
            // All rows but the last one read are complete and unchanged.
            for (got, expected) in zip(records.dropLast(), full) {
                #expect(got.fields.map(\.value.text) == expected.fields.map(\.value.text), "cut at \(cut)")
            }
        }
    }

    @Test func mutatedInputNeverCrashes() throws {
        for bytes in mutations(of: try ReaderTestSupport.fixture("equivalence/replies-gb18030.csv"), count: 400) {
            let events = ReaderTestSupport.events(CSVReader(), bytes)
            #expect(events.records.count <= 20)
        }
    }

    @Test func hostileInputNeverCrashes() {
        #expect(read("").isEmpty)
        #expect(read("id,handling\n").records.isEmpty)
        var garbage: [UInt8] = []
        var seed: UInt32 = 12345
        for _ in 0..<100_000 {
            seed = seed &* 1_103_515_245 &+ 12345
            garbage.append(UInt8(truncatingIfNeeded: seed >> 16))
        }
        for encoding in [nil, TextEncoding.utf8, .gb18030, .utf16] {
            _ = ReaderTestSupport.events(CSVReader(encoding: encoding), garbage)
            _ = ReaderTestSupport.events(CSVReader(encoding: encoding), Array(garbage.prefix(3)))
        }
        let header = read("\"unterminated header\n")
        #expect(header.failures.count == 1)
    }
}
