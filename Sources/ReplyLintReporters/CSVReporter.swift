import ReplyLintCore

/// `csv`: one row per finding, for spreadsheets (Excel, WPS, LibreOffice). UTF-8 with a BOM (so
/// Excel reads Chinese correctly), RFC 4180 quoting and CRLF row ends, headers in the report
/// language. Cells that a spreadsheet would run as a formula are neutralised with a leading `'`.
///
/// Written by hand: Foundation has no CSV writer, and quoting is a few lines.
public struct CSVReporter: ByteWritingReporter {
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

    /// The byte order mark and headers (on the first call), then one row per finding, written as
    /// bytes into `output`: rows stand alone, so an audit's spreadsheet is written while the input
    /// is read. Building each cell scalar by scalar (and quoting most messages, which hold `"`)
    /// cost 87,000 instructions per row.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into output: inout [UInt8]) {
        if !state.startedRows {
            Self.appendHeaders(context.language, to: &output)
            state.startedRows = true
        }
        let language = context.language
        var message: [UInt8] = []
        for diagnostic in diagnostics {
            Self.append(cell: diagnostic.file, to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.span.start.line, to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.span.start.column, to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.span.end.line, to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.span.end.column, to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.severity.label(language), to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.rule, to: &output)
            output.append(UInt8(ascii: ","))
            if let record = diagnostic.record { Self.append(cell: record, to: &output) }
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.recordId ?? "", to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.fieldName ?? diagnostic.field?.rawValue ?? "", to: &output)
            output.append(UInt8(ascii: ","))
            message.removeAll(keepingCapacity: true)
            diagnostic.message.append(language, to: &message)
            message.withUnsafeBufferPointer { Self.append(cell: $0, to: &output) }
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.excerpt ?? "", to: &output)
            output.append(UInt8(ascii: ","))
            Self.append(cell: diagnostic.fix?.replacement ?? "", to: &output)
            output.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// The headers when no finding was written, else nothing.
    public func renderEnd(context: ReportContext, state: ReportStreamState) -> String {
        guard !state.startedRows else { return "" }
        var bytes: [UInt8] = []
        Self.appendHeaders(context.language, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The byte order mark and the header row.
    private static func appendHeaders(_ language: Language, to output: inout [UInt8]) {
        output.append(contentsOf: byteOrderMark.utf8)
        for (index, header) in headers(language).enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            append(cell: header, to: &output)
        }
        output.append(contentsOf: [0x0D, 0x0A])
    }

    /// One cell as a string (see `append(cell:to:)`).
    static func cell(_ value: String) -> String {
        var bytes: [UInt8] = []
        append(cell: value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `number` as `append(cell: String(number))` writes it: a negative number starts with `-`,
    /// so it gets the formula guard.
    private static func append(cell number: Int, to output: inout [UInt8]) {
        guard number >= 0 else { return append(cell: String(number), to: &output) }
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }

    private static func append(cell value: String, to output: inout [UInt8]) {
        var value = value
        value.withUTF8 { append(cell: $0, to: &output) }
    }

    /// One cell: with a `'` in front when it starts with `=`, `+`, `-`, `@`, tab or CR, which
    /// spreadsheets take as the start of a formula (CSV injection, OWASP; full-width forms are
    /// left alone, no spreadsheet evaluates them), then quoted when it holds a comma, quote, CR
    /// or LF (quotes doubled). All of these are ASCII, so bytes are compared.
    private static func append(cell value: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        let quote = UInt8(ascii: "\"")
        let formula: Bool
        switch value.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: formula = true
        default: formula = false
        }
        let quoted = value.contains { $0 == UInt8(ascii: ",") || $0 == quote || $0 == 0x0D || $0 == 0x0A }
        if quoted { output.append(quote) }
        if formula { output.append(UInt8(ascii: "'")) }
        if quoted {
            var copied = 0
            for index in value.indices where value[index] == quote {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: value[copied...index]))
                output.append(quote)
                copied = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: value[copied...]))
            output.append(quote)
        } else {
            output.append(contentsOf: value)
        }
    }
}
