import Foundation
import ReplyLintCore
import ReplyLintReaders
import Testing

/// Runs the built-in pack over the committed sample files: the seed's §3.3 example 1 must be
/// caught, and the sample export must exercise every rule while its `-OK` records stay clean.
@Suite struct SampleExportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every diagnostic of the built-in pack for a JSON Lines file, with the records' ids.
    static func check(_ relativePath: String) throws -> [Diagnostic] {
        let pack = try RulePack.builtIn()
        let now = try #require(TimestampParser().parse("2024-08-01T00:00:00+08:00"))
        let runner = Runner(packs: [pack], now: now)
        let bytes = try Data(contentsOf: root.appendingPathComponent(relativePath))
        var diagnostics: [Diagnostic] = []
        JSONLinesReader().read(from: ByteSource(bytes: Array(bytes))) { event in
            switch event {
            case .record(let record): diagnostics += runner.diagnostics(for: record, file: relativePath)
            case .failure(let failure): diagnostics.append(runner.diagnostic(for: failure, file: relativePath))
            }
        }
        return diagnostics
    }

    @Test func seedExampleOneIsCaughtByTruthFlagEvidence() throws {
        let diagnostics = try Self.check("Fixtures/seed-example-1.jsonl")
        let evidence = diagnostics.filter { $0.rule == "truth-flag-evidence" }
        #expect(evidence.count == 1)
        #expect(evidence.first?.fieldName == "是否属实")
        #expect(evidence.first?.excerpt == "否")
        #expect(!diagnostics.contains { $0.rule == "parse-error" })
    }

    @Test func sampleExportExercisesEveryRule() throws {
        let diagnostics = try Self.check("Examples/replies.jsonl")
        #expect(!diagnostics.contains { $0.rule == "parse-error" }, "the sample export should parse")
        let fired = Set(diagnostics.map(\.rule))
        for id in try RulePack.builtIn().rules.map(\.metadata.id) where id != "parse-error" {
            #expect(fired.contains(id), "no record of Examples/replies.jsonl triggers \(id)")
        }
        let dirty = diagnostics.filter { ($0.recordId ?? "").hasSuffix("-OK") && $0.severity == .error }
        #expect(dirty.isEmpty, "-OK records with errors: \(dirty.map { "\($0.recordId ?? "?") \($0.rule): \($0.message.en)" })")
        let okRecords = Set(diagnostics.compactMap(\.recordId)).count
        #expect(okRecords > 0)
    }

    @Test func brokenSampleReportsParseErrorsPerLine() throws {
        let diagnostics = try Self.check("Examples/replies-broken.jsonl")
        #expect(diagnostics.filter { $0.rule == "parse-error" }.map(\.span.start.line) == [2, 4])
        #expect(diagnostics.allSatisfy { $0.rule == "parse-error" }, "the readable records are clean")
    }
}
