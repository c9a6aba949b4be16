import Foundation
@testable import replylint
import ReplyLintCore
import ReplyLintReaders
import Testing

/// CSV parsed on the workers in chunks of whole rows (`BatchPipeline.runChunks`): every input,
/// clean or broken, gives exactly the events, positions and diagnostics of one thread.
@Suite struct ParallelCSVTests {
    /// Rows with quoted fields holding line breaks, delimiters and doubled quotes, literal quotes
    /// inside unquoted fields, empty trailing columns and blank lines; `insert` replaces row `at`.
    static func export(rows: Int, newline: String = "\n", delimiter: String = ",", insert: String? = nil, at: Int = -1) -> String {
        var lines = ["", ["id", "type", "handling", "isTrue", "companyResponsible", ""].joined(separator: delimiter)]
        for index in 0..<rows {
            if index == at, let insert { lines.append(insert); continue }
            let fields: [String]
            switch index % 6 {
            case 0: fields = ["C\(index)", "投诉", "经沟通，客户已撤诉。", "否", "否", ""]
            case 1: fields = ["C\(index)", "咨询", "\"已答复客户\(newline)电价标准\(delimiter)客户表示认可。\"", "", "", ""]
            case 2: fields = ["C\(index)", "举报", "\"他说\"\"客户已撤诉\"\"，详见附件。\"", "是", "是", ""]
            case 3: fields = ["C\(index)", "意见", "尺寸 5\" 的\"表箱\"已更换", "", "", ""]
            case 4: fields = ["C\(index)", "报修", "已到达现场修复。"]
            default: fields = ["C\(index)", "投拆", String(repeating: "一二三四五六七八九十", count: 6), "", "", ""]
            }
            lines.append(fields.joined(separator: delimiter))
            if index % 9 == 4 { lines.append("") }
        }
        return lines.joined(separator: newline) + newline
    }

    static func expectSame(_ bytes: [UInt8], _ label: String, reader: CSVReader = CSVReader(),
                           sourceLocation: SourceLocation = #_sourceLocation) {
        ParallelXMLTests.expectSame(bytes, label, reader: reader, sourceLocation: sourceLocation)
    }

    @Test func cleanExportsInManyChunks() {
        let clean = Self.export(rows: 60)
        let sequential = ParallelXMLTests.collect(Array(clean.utf8), jobs: 1, chunkBytes: 256 * 1024, reader: CSVReader())
        #expect(sequential.filter { $0.hasPrefix("record") }.count == 60)
        #expect(!sequential.contains("failure"))
        Self.expectSame(Array(clean.utf8), "clean")
        Self.expectSame(Array(Self.export(rows: 40, newline: "\r\n").utf8), "CRLF")
        Self.expectSame([0xEF, 0xBB, 0xBF] + Array(clean.utf8), "byte-order mark")
        Self.expectSame(Array(clean.utf8.dropLast()), "no line feed at the end")
        Self.expectSame(Array(Self.export(rows: 40, delimiter: "\t").utf8), "TSV", reader: CSVReader(delimiter: 0x09))
        Self.expectSame(Array(clean.utf8), "forced UTF-8", reader: CSVReader(encoding: .utf8))
    }

    @Test func brokenExportsStartOverAndStayExact() {
        let broken = [
            "unterminated quote": "E1,咨询,\"引号没有闭合,满意",
            "too many columns": "E2,咨询,已答复。,否,否,,多出来的一列",
            "text after a closing quote": "E3,咨询,\"已答复\"客户,否,否,",
            "bad UTF-8": "E4,咨询,坏\u{FFFD}字,否,否,",
        ]
        for (label, insert) in broken.sorted(by: { $0.key < $1.key }) {
            var bytes = Array(Self.export(rows: 40, insert: insert, at: 23).utf8)
            if label == "bad UTF-8", let at = bytes.firstIndex(of: 0xEF) {
                bytes.replaceSubrange(at..<at + 3, with: [0xC3, 0x28])
            }
            Self.expectSame(bytes, label)
        }
        var truncated = Array(Self.export(rows: 40).utf8)
        truncated += Array("E5,咨询,\"没有结束引号\n后面还有一行\n".utf8)
        Self.expectSame(truncated, "ends inside a quote")
        // No byte-order mark, and the first non-ASCII bytes are not UTF-8: the decoder picks GB18030.
        Self.expectSame(Array("id,type,handling\n".utf8) + Array(repeating: Array("A1,x,y\n".utf8), count: 40).joined()
                        + [0xB2, 0xE2, 0xCA, 0xD4] + Array(",x,y\nA2,x,y\n".utf8), "sniffed GB18030")
        let utf16: [UInt8] = [0xFF, 0xFE] + Self.export(rows: 30).utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        Self.expectSame(utf16, "UTF-16")
        Self.expectSame(Array("id,type\n\"unterminated header\n".utf8) + Array(Self.export(rows: 20).utf8), "broken header")
    }

    /// Seeded random damage anywhere in an export: parallel reading still gives one thread's result.
    @Test func randomlyDamagedExportsAreTheSame() {
        let clean = Array(Self.export(rows: 40).utf8)
        for seed in 0..<60 as Range<UInt64> {
            let bytes = ParallelXMLTests.mutated(clean, seed: seed, alphabet: Array("\",\n\r\t x".utf8) + [0xE5, 0x80])
            #expect(ParallelXMLTests.collect(bytes, jobs: 2, chunkBytes: 150, reader: CSVReader())
                    == ParallelXMLTests.collect(bytes, jobs: 1, chunkBytes: 256 * 1024, reader: CSVReader()), "seed \(seed)")
        }
    }

    @Test func fixturesAreTheSameInParallel() throws {
        let folder = CLITests.root.appendingPathComponent("Fixtures/csv")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".csv") || $0.hasSuffix(".tsv") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            let reader = CSVReader(path: name)
            for chunkBytes in [8, 32, 100] {
                #expect(ParallelXMLTests.collect(bytes, jobs: 2, chunkBytes: chunkBytes, reader: reader)
                        == ParallelXMLTests.collect(bytes, jobs: 1, chunkBytes: 256 * 1024, reader: reader),
                        "\(name), chunks of \(chunkBytes) bytes")
            }
        }
    }

    /// A real file (read again from its start after the error) through the command line.
    @Test func fileWithAnErrorInTheMiddle() throws {
        let text = Self.export(rows: 6_000, insert: "E1,咨询,\"引号没有闭合,满意", at: 5_000)
        try ParallelXMLTests.expectSameReportWithError(text, fileExtension: "csv")
    }
}
