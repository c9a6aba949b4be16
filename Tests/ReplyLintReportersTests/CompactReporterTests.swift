import ReplyLintCore
import ReplyLintReporters
import Testing

/// `compact` writes bytes directly; it must match the line built from strings exactly.
@Suite struct CompactReporterTests {
    /// The line as the string-based renderer wrote it.
    func expected(_ diagnostic: Diagnostic, _ language: Language) -> String {
        let text = diagnostic.message.text(language)
        let message = text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D })
            ? text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ") : text
        return "\(diagnostic.file):\(diagnostic.span.start.line):\(diagnostic.span.start.column): "
            + "\(diagnostic.severity.rawValue): \(message) [\(diagnostic.rule)]\n"
    }

    @Test func matchesTheStringRendering() {
        let messages = ["plain", "错别字“按装”😀", "two\nlines", "crlf\r\nend", "\n\nlead and trail\r", "", "e\u{301}\u{301}"]
        let positions = [SourcePosition(line: 1, column: 1), SourcePosition(line: 10, column: 99),
                         SourcePosition(line: 1_234_567, column: 1_000_000_000), SourcePosition(line: 0, column: -3)]
        var diagnostics: [Diagnostic] = []
        for (index, message) in messages.enumerated() {
            var diagnostic = ReportSamples.diagnostic(rule: "rule-\(index)", file: "目录/文件 \(index).jsonl")
            diagnostic.message = LocalizedText(zh: message + "中", en: message)
            diagnostic.span = SourceSpan(start: positions[index % positions.count], end: positions[index % positions.count])
            diagnostic.severity = [Severity.error, .warning, .info][index % 3]
            diagnostics.append(diagnostic)
        }
        for language in Language.allCases {
            let context = ReportContext(language: language, toolVersion: "1", summary: ReportSummary())
            #expect(CompactReporter().render(diagnostics, context: context) == diagnostics.map { expected($0, language) }.joined())
        }
        #expect(CompactReporter().render([], context: ReportContext(language: .en, toolVersion: "1", summary: ReportSummary())) == "")
    }
}
