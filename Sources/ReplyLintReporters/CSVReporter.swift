import ReplyLintCore

/// `csv`: one row per finding, for spreadsheets (Excel, WPS, LibreOffice). UTF-8 with a BOM (so
/// Excel reads Chinese correctly), RFC 4180 quoting and CRLF row ends, headers in the report
/// language. Cells that a spreadsheet would run as a formula are neutralised with a leading `'`.
///
/// Written by hand: Foundation has no CSV writer, and quoting is a few lines.
public struct CSVReporter: IncrementalReporter {
    /// The UTF-8 byte order mark that starts the report.
    public static let byteOrderMark = "\u{FEFF}"

    /// Creates the reporter.
    public init() {}

    /// Column headers in the report language.
    static func headers(_ language: Language) -> [String] {
        switch language {
        case .zh: return ["文件", "行", "列", "结束行", "结束列", "严重级别", "规则", "记录", "工单编号", "字段", "信息", "原文", "建议修改"]
        case .en: return ["file", "line", "column", "endLine", "endColumn", "severity", "rule", "record", "recordId", "field", "message", "excerpt", "fix"]
        }
    }

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var state = ReportStreamState()
        return renderPart(diagnostics, context: context, state: &state) + renderEnd(context: context, state: state)
    }

    /// The byte order mark and headers (on the first call), then one row per finding: rows stand
    /// alone, so an audit's spreadsheet is written while the input is read.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String {
        var out = ""
        if !state.startedRows {
            out = Self.byteOrderMark + Self.row(Self.headers(context.language))
            state.startedRows = true
        }
        for diagnostic in diagnostics {
            out += Self.row([
                diagnostic.file,
                String(diagnostic.span.start.line), String(diagnostic.span.start.column),
                String(diagnostic.span.end.line), String(diagnostic.span.end.column),
                diagnostic.severity.label(context.language),
                diagnostic.rule,
                diagnostic.record.map(String.init) ?? "",
                diagnostic.recordId ?? "",
                diagnostic.fieldName ?? diagnostic.field?.rawValue ?? "",
                diagnostic.message.text(context.language),
                diagnostic.excerpt ?? "",
                diagnostic.fix?.replacement ?? "",
            ])
        }
        return out
    }

    /// The headers when no finding was written, else nothing.
    public func renderEnd(context: ReportContext, state: ReportStreamState) -> String {
        state.startedRows ? "" : Self.byteOrderMark + Self.row(Self.headers(context.language))
    }

    private static func row(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One cell: neutralised, then quoted when it holds a comma, quote, CR or LF (quotes doubled).
    static func cell(_ value: String) -> String {
        let safe = neutralized(value)
        let needsQuotes = safe.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return safe }
        var out = "\""
        for scalar in safe.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }

    /// `value` with a `'` in front when it starts with `=`, `+`, `-`, `@`, tab or CR, which
    /// spreadsheets take as the start of a formula (CSV injection, OWASP). Full-width forms are
    /// left alone: no spreadsheet evaluates them.
    static func neutralized(_ value: String) -> String {
        guard let first = value.unicodeScalars.first else { return value }
        switch first {
        case "=", "+", "-", "@", "\t", "\r": return "'" + value
        default: return value
        }
    }
}
