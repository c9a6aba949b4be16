import ReplyLintCore

/// `github`: GitHub Actions workflow commands, one line per finding, which the runner turns into
/// annotations on the pull request's diff: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`.
/// Errors are `::error`, warnings `::warning`, infos `::notice`.
public struct GitHubReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        diagnostics.map { line($0, context: context) }.joined()
    }

    /// The workflow command for one finding (with its line feed).
    func line(_ diagnostic: Diagnostic, context: ReportContext) -> String {
        let command: String
        switch diagnostic.severity {
        case .error: command = "error"
        case .warning: command = "warning"
        case .info: command = "notice"
        }
        let span = diagnostic.span
        var properties: [(String, String)] = [("file", ReportPath.normalized(diagnostic.file))]
        properties.append(("line", String(max(span.start.line, 1))))
        properties.append(("col", String(max(span.start.column, 1))))
        // An empty span (a record-level finding) has no end: GitHub then marks the line.
        if span.end != span.start, span.end.line >= span.start.line {
            properties.append(("endLine", String(span.end.line)))
            properties.append(("endColumn", String(max(span.end.column, 1))))
        }
        var title = "replylint(\(diagnostic.rule))"
        if let record = diagnostic.record {
            title += " " + RecordRef.displayName(index: record, id: diagnostic.recordId)
            if let field = diagnostic.fieldName ?? diagnostic.field?.rawValue { title += "/" + field }
        }
        properties.append(("title", title))
        let rendered = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
        return "::\(command) \(rendered)::\(Self.escapeData(diagnostic.message.text(context.language)))\n"
    }

    /// The message after `::`: `%`, CR and LF escaped, as the runner's toolkit does. Walks
    /// scalars because Swift treats CR LF as one `Character`.
    static func escapeData(_ text: String) -> String {
        escape(text, property: false)
    }

    /// A property value: as data, plus `:` and `,`, which would otherwise end the property list.
    static func escapeProperty(_ text: String) -> String {
        escape(text, property: true)
    }

    private static func escape(_ text: String, property: Bool) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            case ":" where property: out += "%3A"
            case "," where property: out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
