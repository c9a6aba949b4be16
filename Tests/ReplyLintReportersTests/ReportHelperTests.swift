import ReplyLintCore
@testable import ReplyLintReporters
import Testing

/// Paths as URIs, fingerprints, and the format list.
@Suite struct ReportHelperTests {
    @Test(arguments: [
        ("a.jsonl", "a.jsonl"),
        ("./exports/a b.jsonl", "exports/a%20b.jsonl"),
        ("exports\\a&b <1>.jsonl", "exports/a%26b%20%3C1%3E.jsonl"),
        ("报告#1%.json", "%E6%8A%A5%E5%91%8A%231%25.json"),
        ("a:b.json", "a%3Ab.json"),
        ("/tmp/x y.json", "file:///tmp/x%20y.json"),
        ("C:\\data\\x.json", "file:///C:/data/x.json"),
        ("<stdin>", "%3Cstdin%3E"),
    ])
    func uris(_ path: String, _ expected: String) {
        #expect(ReportPath.uri(path) == expected)
    }

    @Test func fnvKnownVectors() {
        #expect(Fingerprint.fnv1a64("") == "cbf29ce484222325")
        #expect(Fingerprint.fnv1a64("a") == "af63dc4c8601ec8c")
        #expect(Fingerprint.fnv1a64("foobar") == "85944171f73967e8")
    }

    @Test func fingerprintLeavesOutPositionsButNotRecordOrText() {
        let base = ReportSamples.diagnostic()
        var moved = base
        moved.span = SourceSpan(start: .init(line: 40, column: 1), end: .init(line: 40, column: 9))
        #expect(Fingerprint.key(base) == Fingerprint.key(moved))
        var other = base
        other.excerpt = "客户要求撤诉"
        #expect(Fingerprint.key(base) != Fingerprint.key(other))
        var unnamed = base
        unnamed.recordId = nil
        #expect(Fingerprint.key(unnamed).contains("#0"))
    }

    @Test func everyFormatSPECListsIsOffered() {
        let spec = ["text", "compact", "json", "jsonl", "sarif", "junit", "checkstyle", "github", "gitlab", "csv"]
        #expect(spec.allSatisfy { ReportFormat(rawValue: $0) != nil })
    }
}
