import Foundation
@testable import replylint
import ReplyLintCore
import ReplyLintReaders
import Testing

/// XML parsed on the workers in chunks of whole records (`BatchPipeline.runChunks`): every input,
/// clean or broken, gives exactly the events, positions and diagnostics of one thread.
@Suite struct ParallelXMLTests {
    /// Records with attributes (references and `>` in values), CDATA, comments, `&amp;`, Chinese
    /// text and multi-line fields; `insert` is put in place of record `at`.
    static func export(records: Int, newline: String = "\n", declaration: String = #"<?xml version="1.0" encoding="UTF-8"?>"#,
                       insert: String? = nil, at: Int = -1) -> String {
        var parts = [declaration, "<!-- 导出 <not a tag> -->", #"<工单列表 xmlns:x="urn:x" note="a &amp; b > c">"#]
        for index in 0..<records {
            if index == at, let insert { parts.append(insert); continue }
            switch index % 5 {
            case 0:
                parts.append(#"  <工单 x:seq="\#(index)" note="客户 &lt;张三&gt; &amp; 李四"><id>X\#(index)</id><type>投诉</type>"#)
                parts.append("    <handling>经沟通，客户已撤诉。</handling><isTrue>否</isTrue><companyResponsible>否</companyResponsible></工单>")
            case 1:
                parts.append("  <工单><!-- 备注 --><id>X\(index)</id><type>咨询</type>")
                parts.append("    <handling><![CDATA[已答复客户<电价>标准，]]>客户表示认可 &amp; 满意。</handling></工单>")
            case 2:
                parts.append("  <工单><id>X\(index)</id><type>报修</type><handling>已到达现场修复。\n第二行</handling><handledAt>下周一</handledAt></工单>")
            case 3:
                parts.append("  <工单 empty=''><id>X\(index)</id><type>意见</type><handling>\(String(repeating: "一二三四五六七八九十", count: 8))</handling><attachments/></工单>")
            default:
                parts.append("  <工单><id>X\(index)</id><type>投拆</type><handling>经核实情况属实。</handling></工单>")
            }
        }
        parts.append("</工单列表>")
        return parts.joined(separator: newline) + newline
    }

    /// The pipeline's outcomes and diagnostics for `bytes` (see `JobsTests.collect`).
    static func collect(_ bytes: [UInt8], jobs: Int, chunkBytes: Int, reader: any RecordReader = XMLReader()) -> [String] {
        var pipeline = BatchPipeline(runner: runner, jobs: jobs)
        pipeline.batchSize = 3
        pipeline.chunkBytes = chunkBytes
        pipeline.collectRecords = true
        var outcomes: [String] = []
        var diagnostics: [String] = []
        pipeline.run(reader: reader, source: ByteSource(bytes: bytes), file: "f") { emitted, found in
            for outcome in emitted {
                switch outcome {
                case .record(let reference): outcomes.append("record \(reference.map { "\($0.index) \($0.id ?? "-")" } ?? "?")")
                case .failure: outcomes.append("failure")
                }
            }
            diagnostics += found.map {
                "  \($0.rule) \($0.record.map(String.init) ?? "-") \($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column) \($0.message.en)"
            }
        }
        return outcomes + diagnostics
    }

    static let runner = Runner(packs: [try! RulePack.builtIn()], now: 1_722_441_600)

    /// Every chunk size and job count gives what one thread gives.
    static func expectSame(_ bytes: [UInt8], _ label: String, reader: any RecordReader = XMLReader(),
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let sequential = collect(bytes, jobs: 1, chunkBytes: 256 * 1024, reader: reader)
        #expect(!sequential.isEmpty, "\(label): nothing read", sourceLocation: sourceLocation)
        for (jobs, chunkBytes) in [(2, 64), (2, 300), (3, 1_000), (2, 100_000)] {
            let parallel = collect(bytes, jobs: jobs, chunkBytes: chunkBytes, reader: reader)
            #expect(parallel == sequential, "\(label): --jobs \(jobs), chunks of \(chunkBytes) bytes",
                    sourceLocation: sourceLocation)
        }
    }

    /// A file of several chunks with a parse error: `check --jobs 2` reports exactly what
    /// `--jobs 1` does (the parallel read starts over from the file's start after the error).
    static func expectSameReportWithError(_ text: String, fileExtension: String,
                                          sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("replylint-jobs-\(getpid()).\(fileExtension)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(text.utf8.count > 3 * 256 * 1024 / 2, sourceLocation: sourceLocation)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let arguments = ["check", path, "--format", "jsonl", "--now", "2024-08-01"]
        let single = try CLITests.run(arguments + ["--jobs", "1"])
        #expect(single.stdout.contains("parse-error"), sourceLocation: sourceLocation)
        let parallel = try CLITests.run(arguments + ["--jobs", "2"])
        #expect(parallel.status == single.status, sourceLocation: sourceLocation)
        #expect(parallel.stdout == single.stdout, sourceLocation: sourceLocation)
    }

    @Test func cleanExportsInManyChunks() {
        let clean = Self.export(records: 60)
        let sequential = Self.collect(Array(clean.utf8), jobs: 1, chunkBytes: 256 * 1024)
        #expect(sequential.filter { $0.hasPrefix("record") }.count == 60)
        #expect(!sequential.contains("failure"))
        Self.expectSame(Array(clean.utf8), "clean")
        Self.expectSame(Array(Self.export(records: 40, newline: "\r\n").utf8), "CRLF")
        Self.expectSame([0xEF, 0xBB, 0xBF] + Array(clean.utf8), "byte-order mark")
        Self.expectSame(Array(Self.export(records: 40, declaration: "").utf8), "no declaration")
        Self.expectSame(Array(Self.export(records: 40, declaration: #"<?xml version="1.0"?>"#).utf8), "no encoding")
        Self.expectSame(Array(clean.utf8), "forced UTF-8", reader: XMLReader(encoding: .utf8))
        Self.expectSame(Array(Self.export(records: 40).utf8) + Array("<!-- 结束 -->\n".utf8), "comment after the root")
    }

    @Test func brokenExportsStartOverAndStayExact() {
        let broken = [
            "undeclared entity": "  <工单><id>E</id><handling>见&附件;说明</handling></工单>",
            "fatal error": "  <工单><id>E</id><handling>未闭合</handle></工单>",
            "nested record end": "  <工单><id>E</id><工单><id>inner</id></工单><handling>嵌套</handling></工单>",
            "record end in CDATA": "  <工单><id>E</id><handling><![CDATA[</工单>]]>文字</handling></工单>",
            "record end in a comment": "  <工单><id>E</id><!-- </工单> --><handling>文字</handling></工单>",
            "text at the root": "  文字 <工单><id>E</id></工单>",
            "bad UTF-8": "  <工单><id>E</id><handling>坏\u{FFFD}字</handling></工单>",
        ]
        for (label, insert) in broken.sorted(by: { $0.key < $1.key }) {
            var bytes = Array(Self.export(records: 40, insert: insert, at: 23).utf8)
            if label == "bad UTF-8", let at = bytes.firstIndex(of: 0xEF) {
                bytes.replaceSubrange(at..<at + 3, with: [0xC3, 0x28])
            }
            Self.expectSame(bytes, label)
        }
        var truncated = Array(Self.export(records: 40).utf8)
        truncated.removeLast(40)
        Self.expectSame(truncated, "truncated")
        let doctype = Self.export(records: 40, declaration: "<?xml version=\"1.0\"?>\n<!DOCTYPE 工单列表 [<!ENTITY 附件 \"附件一\">]>")
        Self.expectSame(Array(doctype.utf8), "DOCTYPE")
        let gb = Self.export(records: 40, declaration: #"<?xml version="1.0" encoding="GB18030"?>"#)
        Self.expectSame(Array(gb.utf8), "declared GB18030")
        // No declaration, and the first non-ASCII bytes are not UTF-8: the decoder picks GB18030.
        Self.expectSame(Array("<r>\n".utf8) + Array(repeating: Array("  <x><id>A</id></x>\n".utf8), count: 30).joined()
                        + [0xB2, 0xE2, 0xCA, 0xD4] + Array("\n  <x><id>B</id></x>\n</r>\n".utf8), "sniffed GB18030")
    }

    /// `bytes` with one seeded random edit: a byte replaced by markup, deleted, or a run doubled.
    static func mutated(_ bytes: [UInt8], seed: UInt64, alphabet: [UInt8]) -> [UInt8] {
        var state = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var result = bytes
        let at = next(result.count)
        switch next(3) {
        case 0: result[at] = alphabet[next(alphabet.count)]
        case 1: result.remove(at: at)
        default: result.insert(contentsOf: result[at..<min(result.count, at + 1 + next(40))], at: at)
        }
        return result
    }

    /// Seeded random damage anywhere in an export: parallel reading still gives one thread's result.
    /// Seed 938 puts a bad byte just after a record's end, at the start of the next chunk: one
    /// thread reports it before that record and drops the record (libxml2 parsed ahead).
    @Test func randomlyDamagedExportsAreTheSame() {
        let clean = Array(Self.export(records: 30).utf8)
        for seed in [938] + Array(0..<60 as Range<UInt64>) {
            let bytes = Self.mutated(clean, seed: seed, alphabet: Array("<>&/\"'=!?[]\n\r x".utf8) + [0xE5, 0x80])
            #expect(Self.collect(bytes, jobs: 2, chunkBytes: 200) == Self.collect(bytes, jobs: 1, chunkBytes: 256 * 1024), "seed \(seed)")
        }
    }

    @Test func fixturesAreTheSameInParallel() throws {
        let folder = CLITests.root.appendingPathComponent("Fixtures/xml")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".xml") }.sorted()
        #expect(names.count >= 5)
        for name in names {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            for chunkBytes in [16, 64, 200] {
                #expect(Self.collect(bytes, jobs: 2, chunkBytes: chunkBytes) == Self.collect(bytes, jobs: 1, chunkBytes: 256 * 1024),
                        "\(name), chunks of \(chunkBytes) bytes")
            }
        }
    }

    /// A real file (read again from its start after the error) through the command line.
    @Test func fileWithAnErrorInTheMiddle() throws {
        let text = Self.export(records: 3_000, insert: "  <工单><id>E</id><handling>坏</hand></工单>", at: 2_500)
        try Self.expectSameReportWithError(text, fileExtension: "xml")
    }
}
