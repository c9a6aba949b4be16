import ReplyLintCore

/// `compact`: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`, one line per finding (gcc style, for
/// editors' problem matchers). Line breaks inside messages are folded to spaces.
public struct CompactReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        // One growing string rather than a string per diagnostic joined at the end (which held
        // every line twice at the peak and was 8% of a run's instructions).
        var report = ""
        report.reserveCapacity(diagnostics.count * 120)
        for diagnostic in diagnostics {
            let text = diagnostic.message.text(context.language)
            report += diagnostic.file
            report += ":"
            report += String(diagnostic.span.start.line)
            report += ":"
            report += String(diagnostic.span.start.column)
            report += ": "
            report += diagnostic.severity.rawValue
            report += ": "
            if text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) {
                // Rare: fold line breaks exactly as before (Character-wise, so CR LF is one break).
                report += text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            } else {
                report += text
            }
            report += " ["
            report += diagnostic.rule
            report += "]\n"
        }
        return report
    }
}
