import ReplyLintCore

/// `compact`: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`, one line per finding (gcc style, for
/// editors' problem matchers). Line breaks inside messages are folded to spaces.
public struct CompactReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        diagnostics.map { diagnostic in
            let message = diagnostic.message.text(context.language)
                .split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            return "\(diagnostic.file):\(diagnostic.span.start.line):\(diagnostic.span.start.column): "
                + "\(diagnostic.severity.rawValue): \(message) [\(diagnostic.rule)]\n"
        }.joined()
    }
}
