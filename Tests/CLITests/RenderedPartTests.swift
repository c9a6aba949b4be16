import Foundation
@testable import replylint
import ReplyLintCore
import ReplyLintReporters
import Testing

/// Batches rendered where they were checked (`RenderedPart`) must give the bytes and totals the
/// reading thread's rendering gives.
@Suite struct RenderedPartTests {
    static func diagnostic(_ rule: String, _ severity: Severity, line: Int) -> Diagnostic {
        Diagnostic(rule: rule, severity: severity, message: LocalizedText(zh: "问题\(line)", en: "problem \(line)"), file: "a.jsonl",
                   span: SourceSpan(start: SourcePosition(line: line, column: 2), end: SourcePosition(line: line, column: 5)),
                   record: line - 1, recordId: "R\(line)", field: nil, fieldName: nil)
    }

    @Test(arguments: [false, true])
    func partEqualsEachReportersOwnPart(errorsOnly: Bool) {
        let diagnostics = [Self.diagnostic("vague", .warning, line: 1), Self.diagnostic("length", .error, line: 2),
                           Self.diagnostic("topic", .info, line: 3), Self.diagnostic("length", .error, line: 4)]
        let context = ReportContext(language: .zh, toolVersion: "t", summary: ReportSummary())
        let reporters: [any LineOrientedReporter] = [CompactReporter(), JSONLinesReporter(), GitHubReporter()]
        var part = RenderedPart()
        part.render([], targets: reporters.map { ($0, context) }, errorsOnly: errorsOnly)
        #expect(part.bytes.isEmpty)
        // Record by record, as a worker renders them.
        for pair in stride(from: 0, to: diagnostics.count, by: 2) {
            part.render(Array(diagnostics[pair..<pair + 2]), targets: reporters.map { ($0, context) }, errorsOnly: errorsOnly)
        }
        #expect(part.counts == ReportSummary(errors: 2, warnings: 1, infos: 1))
        let shown = errorsOnly ? diagnostics.filter { $0.severity == .error } : diagnostics
        #expect(part.bytes.count == reporters.count)
        for (bytes, reporter) in zip(part.bytes, reporters) {
            #expect(bytes == Array(reporter.render(shown, context: context).utf8))
        }
    }

    /// CSV chunks are numbered only when emitted: compact parts are rendered on the workers all
    /// the same (they show no record index), JSON Lines parts on the reading thread.
    @Test(arguments: ["compact", "jsonl"])
    func parallelCSVReportsMatchOneThread(_ format: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-parts-\(getpid())-\(format).csv").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        var csv = "id,type,handling,isTrue,companyResponsible\n"
        // More than two chunks of 256 KiB, so that the workers really parse and render.
        for index in 0..<6_000 {
            csv += index % 3 == 0 ? "C\(index),投诉,经核实情况属实，已按规定处理完毕并回访客户。,否,否\n"
                : "C\(index),咨询,已答复客户电价标准，客户表示认可，详见附件说明材料。,,\n"
        }
        try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
        for quiet in [[], ["--quiet"]] {
            let arguments = ["check", path, "--format", format, "--now", "2024-08-01"] + quiet
            let single = try CLITests.run(arguments + ["--jobs", "1"])
            let parallel = try CLITests.run(arguments + ["--jobs", "2"])
            #expect(!single.stdout.isEmpty)
            #expect(parallel.stdout == single.stdout)
            #expect(parallel.status == single.status)
        }
    }
}
