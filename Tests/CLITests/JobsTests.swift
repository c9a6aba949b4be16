import Foundation
@testable import replylint
import ReplyLintCore
import ReplyLintReaders
import Testing

/// `--jobs`: the parallel pipeline must give the same report as a single thread (SPEC §7).
@Suite struct JobsTests {
    /// More records than one batch (1,024), so that workers really run, with every kind of fault
    /// and a bad line in the middle.
    static func corpus(records: Int) -> String {
        var lines: [String] = []
        for index in 0..<records {
            let id = "J\(index)"
            switch index % 7 {
            case 0: lines.append(#"{"id": "\#(id)", "type": "投诉", "handling": "经沟通，客户已撤诉。", "isTrue": "否", "companyResponsible": "否"}"#)
            case 1: lines.append(#"{"id": "\#(id)", "type": "咨询", "handling": "已答复客户电价标准，\u5ba2\u6237表示认可。"}"#)
            case 2: lines.append(#"{"id": "\#(id)", "type": "举报", "handling": "经核实，客戶​要求撤訴，详见附件。", "isTrue": "是", "companyResponsible": "是"}"#)
            case 3: lines.append(#"{"id": "\#(id)", "type": "意见", "handling": "\#(String(repeating: "一二三四五六七八九十", count: 14))", "attachments": [{"name": "照片.zip", "size": "8MB"}]}"#)
            case 4: lines.append(#"{"id": "\#(id)", "type": "报修", "handling": "已到达现场修复。", "handledAt": "下周一"}"#)
            case 5: lines.append(index == 1_503 ? #"{"id": "\#(id)", "handling": "未闭合"# : #"{"id": "\#(id)", "type": "投拆"}"#)
            default: lines.append(#"{"id": "\#(id)", "type": "投诉", "handling": "经核实情况属实。", "isTrue": "否", "companyResponsible": "否"}"#)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func reportIsIdenticalForEveryJobCount() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-jobs-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.corpus(records: 2_600).utf8).write(to: URL(fileURLWithPath: path))
        let arguments = ["check", path, "--format", "jsonl", "--now", "2024-08-01"]
        let single = try CLITests.run(arguments + ["--jobs", "1"])
        #expect(single.status == 2)  // the bad line is an input failure
        #expect(single.stdout.contains("parse-error"))
        #expect(single.stdout.split(separator: "\n").count > 2_600)
        for jobs in ["2", "3"] {
            let parallel = try CLITests.run(arguments + ["--jobs", jobs])
            #expect(parallel.status == single.status)
            #expect(parallel.stdout == single.stdout, "--jobs \(jobs) changed the report")
        }
        let byDefault = try CLITests.run(arguments)
        #expect(byDefault.stdout == single.stdout)
    }

    @Test func standardInputIsTheSameInParallel() throws {
        let input = Self.corpus(records: 1_200)
        let arguments = ["check", "-", "--input-format", "jsonl", "--format", "compact", "--now", "2024-08-01"]
        let single = try CLITests.run(arguments + ["--jobs", "1"], stdin: input)
        let parallel = try CLITests.run(arguments + ["--jobs", "2"], stdin: input)
        #expect(!single.stdout.isEmpty)
        #expect(parallel.stdout == single.stdout)
    }

    @Test func jobsMustBePositive() throws {
        let run = try CLITests.run(["check", "-", "--input-format", "jsonl", "--jobs", "0"], stdin: "{}")
        #expect(run.status == 2)
        #expect(run.stderr.contains("--jobs"))
    }

    /// Every outcome the pipeline emits (record index and id, or a failure), then every diagnostic
    /// with its span: the same lists, in the same order, whatever `jobs` and the batch sizes are.
    static func collect(_ pipeline: BatchPipeline, _ text: String, reader: any RecordReader) -> [String] {
        var outcomes: [String] = []
        var diagnostics: [String] = []
        pipeline.run(reader: reader, source: ByteSource(bytes: Array(text.utf8)), file: "f") { emitted, found in
            for outcome in emitted {
                switch outcome {
                case .record(let reference): outcomes.append("record \(reference.map { "\($0.index) \($0.id ?? "-")" } ?? "?")")
                case .failure: outcomes.append("failure")
                }
            }
            diagnostics += found.map { "  \($0.rule) \($0.span.start.line):\($0.span.start.column)-\($0.span.end.line):\($0.span.end.column) \($0.message.en)" }
        }
        return outcomes + diagnostics
    }

    /// The pipeline itself, with tiny batches so that every path runs: JSON Lines cut into raw
    /// chunks (a BOM, blank and white-space lines, CRLF, a line longer than a chunk, bad lines)
    /// and records read on the calling thread (a JSON array). Same events, same diagnostics, same
    /// order as reading on one thread.
    @Test func pipelineKeepsInputOrderOnEveryPath() throws {
        let runner = Runner(packs: [try RulePack.builtIn()], now: 1_722_441_600)
        func run(_ text: String, reader: any RecordReader, jobs: Int) -> [String] {
            var pipeline = BatchPipeline(runner: runner, jobs: jobs)
            pipeline.batchSize = 3
            pipeline.chunkBytes = 200
            pipeline.collectRecords = true
            return Self.collect(pipeline, text, reader: reader)
        }
        var lines = Self.corpus(records: 60).split(separator: "\n").map(String.init)
        lines.insert("", at: 5)
        lines.insert("   \t ", at: 9)
        lines[12] += "\r"
        lines.insert(#"{"id": "LONG", "type": "意见", "handling": "\#(String(repeating: "很长的处理情况，", count: 60))"}"#, at: 20)
        lines.insert("{\"id\": ", at: 30)
        let text = "\u{FEFF}" + lines.joined(separator: "\n")
        let sequential = run(text, reader: JSONLinesReader(), jobs: 1)
        #expect(sequential.filter { $0.hasPrefix("record") || $0.hasPrefix("failure") }.count == 62)
        #expect(sequential.contains { $0.hasPrefix("failure") })
        #expect(sequential.contains { $0.hasPrefix("record ") && $0.hasSuffix(" LONG") })
        for jobs in [2, 3] {
            #expect(run(text, reader: JSONLinesReader(), jobs: jobs) == sequential, "JSON Lines, jobs \(jobs)")
        }
        // A line longer than the pipeline buffers: the rest is streamed, with the same result.
        var streaming = BatchPipeline(runner: runner, jobs: 2)
        streaming.batchSize = 3
        streaming.chunkBytes = 200
        streaming.longestBufferedLine = 1_000
        streaming.collectRecords = true
        #expect(Self.collect(streaming, text, reader: JSONLinesReader()) == sequential)
        let array = "[" + Self.corpus(records: 40).split(separator: "\n").joined(separator: ",\n") + "]"
        let arraySequential = run(array, reader: JSONReader(), jobs: 1)
        #expect(arraySequential.count > 40)
        #expect(run(array, reader: JSONReader(), jobs: 2) == arraySequential)
    }
}
