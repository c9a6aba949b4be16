import Foundation
import ReplyLintCore
import ReplyLintReaders
import Testing

/// The same replies as JSON Lines, GB18030 CSV, UTF-8-BOM CSV and XML (written by
/// `Fixtures/equivalence/make.py`) must give the same findings, whatever rules the pack has.
@Suite struct EquivalenceTests {
    struct Finding: Hashable, Comparable, CustomStringConvertible {
        var record: String
        var rule: String
        static func < (a: Finding, b: Finding) -> Bool { (a.record, a.rule) < (b.record, b.rule) }
        var description: String { "\(record) \(rule)" }
    }

    /// Sorted (record id, rule) pairs, one per diagnostic, and the parse failures.
    func findings(_ file: String, _ reader: any RecordReader) throws -> (findings: [Finding], records: Int, failures: [ParseFailure]) {
        let runner = Runner(packs: [try RulePack.builtIn()], now: 1_722_441_600)  // 2024-08-01 00:00 +08:00
        var found: [Finding] = []
        var records = 0
        let events = ReaderTestSupport.events(reader, try ReaderTestSupport.fixture("equivalence/" + file))
        for record in events.records {
            records += 1
            found += runner.diagnostics(for: record, file: file).map { Finding(record: $0.recordId ?? "#\(record.index)", rule: $0.rule) }
        }
        return (found.sorted(), records, events.failures)
    }

    @Test func everyFormatGivesTheSameFindings() throws {
        let reference = try findings("replies.jsonl", JSONLinesReader())
        #expect(reference.failures.isEmpty)
        #expect(reference.records == 10)
        // The fixture is meant to trigger at least these; other rules may fire too.
        let rules = Set(reference.findings.map(\.rule))
        for rule in ["banned-phrase", "length-limit", "attachment-size", "attachment-reference",
                     "truth-flag-consistency", "required-fields", "invalid-value"] {
            #expect(rules.contains(rule), "the fixture does not trigger \(rule)")
        }
        for (file, reader) in [("replies-gb18030.csv", CSVReader() as any RecordReader),
                               ("replies-bom.csv", CSVReader()),
                               ("replies.xml", XMLReader())] {
            let other = try findings(file, reader)
            #expect(other.failures.isEmpty, "\(file): \(other.failures)")
            #expect(other.records == reference.records, "\(file)")
            #expect(other.findings == reference.findings, """
                \(file) differs from replies.jsonl:
                only in \(file): \(Set(other.findings).subtracting(reference.findings).sorted())
                only in replies.jsonl: \(Set(reference.findings).subtracting(other.findings).sorted())
                """)
        }
    }
}
