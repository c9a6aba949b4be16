import Foundation
import ReplyLintCore
import ReplyLintReporters
import Testing

/// Every reporter against its golden file in Fixtures/expected/. After an intended change,
/// re-record with `RECORD_GOLDEN=1 swift test --filter GoldenReportTests` and review the diff.
@Suite struct GoldenReportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/expected")

    static let diagnostics: [Diagnostic] = [
        Diagnostic(rule: "banned-phrase", severity: .error,
                   message: LocalizedText(zh: "“处理情况”使用了禁用的简单结论“客户已撤诉”", en: "\"handling\" uses the forbidden shortcut \"客户已撤诉\""),
                   file: "exports/a&b <1>.jsonl", span: SourceSpan(start: .init(line: 2, column: 30), end: .init(line: 2, column: 35)),
                   record: 1, recordId: "GD-001", field: .handling, fieldName: "处理情况", excerpt: "客户已撤诉"),
        Diagnostic(rule: "typo", severity: .warning,
                   message: LocalizedText(zh: "错别字“按装”，应为“安装”😀", en: "typo \"按装\": write \"安装\" 😀\nnext line"),
                   file: "exports/a&b <1>.jsonl", span: SourceSpan(start: .init(line: 3, column: 20), end: .init(line: 3, column: 22)),
                   record: 2, recordId: nil, field: .handling, fieldName: "HANDLE_OPINION",
                   fix: DiagnosticFix(replacement: "安装", span: SourceSpan(start: .init(line: 3, column: 20), end: .init(line: 3, column: 22)))),
        Diagnostic(rule: "parse-error", severity: .error, message: LocalizedText(zh: "字符串没有结束引号", en: "unterminated string"),
                   file: "z.json", span: SourceSpan(start: .init(line: 4, column: 1), end: .init(line: 4, column: 1)),
                   record: nil, recordId: nil, field: nil, fieldName: nil),
    ]

    static let lines: [String: [Int: String]] = [
        "exports/a&b <1>.jsonl": [
            2: #"{"工单编号": "GD-001", "处理情况": "经沟通，客户已撤诉。"}"#,
            3: #"{"HANDLE_OPINION": "已为客户按装电表"}"#,
        ],
    ]

    /// Metadata of two of the rules; `parse-error` is left out on purpose, so that the reports
    /// that describe rules show how they cope with a finding whose rule has no metadata.
    static let rules: [RuleMetadata] = [
        RuleMetadata(id: "banned-phrase", kind: "phrase", severity: .error, scope: .all,
                     description: LocalizedText(zh: "处理情况使用禁用的简单结论", en: "The reply uses a forbidden shortcut"),
                     rationale: LocalizedText(zh: "种子 §3.1：不得只写“客户已撤诉”", en: "Seed §3.1: never just write \"客户已撤诉\""),
                     message: LocalizedText(zh: "使用了“{text}”", en: "uses \"{text}\"")),
        RuleMetadata(id: "typo", kind: "substitution", severity: .warning, scope: .all,
                     description: LocalizedText(zh: "错别字", en: "A known wrong word <&>"),
                     rationale: LocalizedText(zh: "", en: ""),
                     message: LocalizedText(zh: "错别字“{text}”", en: "typo \"{text}\""), fixable: true),
    ]

    /// The records read: record 0 of the first file has no findings (a passing JUnit test case).
    static let records: [String: [RecordRef]] = [
        "exports/a&b <1>.jsonl": [RecordRef(index: 0, id: "GD-000"), RecordRef(index: 1, id: "GD-001"), RecordRef(index: 2, id: nil)],
        "z.json": [],
    ]

    func context(_ language: Language) -> ReportContext {
        var summary = ReportSummary(files: 2, records: 3)
        summary.count(Self.diagnostics)
        let lines = Self.lines
        return ReportContext(language: language, toolVersion: "0.0.0-test", summary: summary, rules: Self.rules,
                             sourceLine: { file, line in lines[file]?[line] },
                             records: Self.records, timestamp: 1_722_441_600)
    }

    @Test(arguments: ReportFormat.allCases, Language.allCases)
    func matchesGolden(_ format: ReportFormat, _ language: Language) throws {
        let output = format.reporter.render(Self.diagnostics, context: context(language))
        let url = Self.fixtures.appendingPathComponent("report.\(language.rawValue).\(format.rawValue)")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
            try Data(output.utf8).write(to: url)
        }
        // Decoded by hand: String(contentsOf:) drops a BOM, which the CSV report must keep.
        let expected = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        #expect(output == expected, "\(format) \(language) differs from \(url.lastPathComponent)")
    }

    @Test func jsonReportParsesAndKeepsEveryKey() throws {
        let output = ReportFormat.json.reporter.render(Self.diagnostics, context: context(.en))
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
        let diagnostics = object?["diagnostics"] as? [[String: Any]] ?? []
        #expect(diagnostics.count == 3)
        for key in ["rule", "severity", "message", "file", "line", "column", "endLine", "endColumn", "record", "recordId", "field", "fieldName"] {
            #expect(diagnostics.allSatisfy { $0.keys.contains(key) }, "missing \(key)")
        }
        #expect((diagnostics[1]["fix"] as? [String: Any])?["replacement"] as? String == "安装")
    }

    @Test func colourOnlyWhenAsked() {
        var plain = context(.en)
        #expect(!TextReporter().render(Self.diagnostics, context: plain).contains("\u{1B}["))
        plain.color = true
        #expect(TextReporter().render(Self.diagnostics, context: plain).contains("\u{1B}[31m"))
    }
}
