import ReplyLintCore
import ReplyLintReporters

/// Diagnostics whose texts hold every character that report formats must escape.
enum ReportSamples {
    /// Quotes, `<`, `&`, `'`, line breaks (LF, CR LF), a tab, an escape character, `%`, `,`, `:`,
    /// an emoji, an Extension B character and Chinese.
    static let nasty = "他说\"客户已撤诉\" <b>&amp;</b> 'x'\n第二行\r\n第三行\t制表 \u{1B}[31m 100%, a:b 😀 𠀀"

    static let file = "out dir/报告 a&b <1>.jsonl"

    static func diagnostic(rule: String = "banned-phrase", severity: Severity = .error, message: String = nasty,
                           file: String = file, line: Int = 2, column: Int = 5, endColumn: Int = 10,
                           record: Int? = 0, recordId: String? = "GD-\"1\" <&>", field: CanonicalField? = .handling,
                           excerpt: String? = "客户已撤诉", fix: DiagnosticFix? = nil) -> Diagnostic {
        Diagnostic(rule: rule, severity: severity, message: LocalizedText(zh: message, en: message), file: file,
                   span: SourceSpan(start: .init(line: line, column: column), end: .init(line: line, column: endColumn)),
                   record: record, recordId: recordId, field: field, fieldName: field.map { _ in "处理情况" }, fix: fix,
                   excerpt: excerpt)
    }

    static func context(_ language: Language = .en, records: [String: [RecordRef]]? = nil,
                        diagnostics: [Diagnostic] = []) -> ReportContext {
        var summary = ReportSummary(files: 1, records: 1)
        summary.count(diagnostics)
        return ReportContext(language: language, toolVersion: "1.2.3", summary: summary, records: records)
    }
}
