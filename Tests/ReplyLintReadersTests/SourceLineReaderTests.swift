import Foundation
import ReplyLintReaders
import Testing

/// The lines the `text` report quotes: read forward in chunks, decoded like the readers decode.
@Suite struct SourceLineReaderTests {
    @Test func linesInOrderBackwardsAndPastTheEnd() {
        let reader = SourceLineReader(bytes: Array("一\r\n二\n\n四".utf8), format: .jsonl)
        #expect(reader.line(1) == "一\r")
        #expect(reader.line(1) == "一\r")
        #expect(reader.line(4) == "四")
        #expect(reader.line(2) == "二")  // earlier than the last line: read again from the top
        #expect(reader.line(3) == "")
        #expect(reader.line(5) == nil)
        #expect(SourceLineReader(bytes: Array("a\n".utf8), format: .jsonl).line(2) == "")
        #expect(SourceLineReader(bytes: [], format: .json).line(2) == nil)
    }

    @Test func linesLongerThanAChunk() {
        let long = String(repeating: "工单", count: 200_000)  // 1.2 MB, several chunks
        let reader = SourceLineReader(bytes: Array("x\n\(long)\ny".utf8), format: .jsonl)
        #expect(reader.line(2) == long)
        #expect(reader.line(3) == "y")
    }

    /// Every line of `bytes` decoded whole, for comparison.
    private func decodedLines(_ bytes: [UInt8], xml: Bool = false) -> [String] {
        TextDecoding.utf8(bytes, xmlProlog: xml).split(separator: 0x0A, omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }

    @Test(arguments: [("csv/gbk.csv", InputFormat.csv), ("csv/utf16le.tsv", .csv), ("xml/gb18030.xml", .xml)])
    func csvAndXMLAreDecodedAsTheirReadersDecodeThem(_ fixture: String, _ format: InputFormat) throws {
        let bytes = try ReaderTestSupport.fixture(fixture)
        let expected = decodedLines(bytes, xml: format == .xml)
        #expect(expected.count > 2)
        #expect(expected.contains { $0.unicodeScalars.contains { $0.value >= 0x4E00 } })
        let reader = SourceLineReader(bytes: bytes, format: format)
        for (index, line) in expected.enumerated() { #expect(reader.line(index + 1) == line) }
        #expect(reader.line(expected.count + 1) == nil)
    }

    @Test func readsFilesAndAnswersNilForMissingOnes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-lines-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("{\"id\":1}\n{\"id\":2}\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(SourceLineReader(path: path, format: .jsonl).line(2) == "{\"id\":2}")
        #expect(SourceLineReader(path: path + ".missing", format: .jsonl).line(1) == nil)
    }
}
