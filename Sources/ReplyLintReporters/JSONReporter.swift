import ReplyLintCore

/// `json`: `{"version": 1, "tool": {...}, "summary": {...}, "diagnostics": [...]}`, keys sorted,
/// pretty-printed as `JSONEncoder` does (written as bytes by `JSONBytes`). With keys sorted the
/// diagnostics come first and the totals after them, so the report is written while the input is
/// read: an audit of millions of replies never holds its findings.
public struct JSONReporter: IncrementalReporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var state = ReportStreamState()
        return renderPart(diagnostics, context: context, state: &state) + renderEnd(context: context, state: state)
    }

    /// The opening of the document (on the first call) and the next diagnostics.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String {
        var json = state.json ?? Self.opening()
        json.bytes.reserveCapacity(diagnostics.count * 500)
        for diagnostic in diagnostics {
            json.element()
            DiagnosticRecord(diagnostic, language: context.language).write(to: &json)
        }
        let text = String(decoding: json.bytes, as: UTF8.self)
        json.bytes.removeAll(keepingCapacity: true)
        state.json = json
        return text
    }

    /// The end of the diagnostics array, the totals and the tool.
    public func renderEnd(context: ReportContext, state: ReportStreamState) -> String {
        var json = state.json ?? Self.opening()
        json.endArray()
        let summary = context.summary
        json.key("summary")
        json.beginObject()
        json.key("errors")
        json.int(summary.errors)
        json.key("files")
        json.int(summary.files)
        json.key("infos")
        json.int(summary.infos)
        json.key("records")
        json.int(summary.records)
        json.key("warnings")
        json.int(summary.warnings)
        json.endObject()
        json.key("tool")
        json.beginObject()
        json.key("name")
        json.string("replylint")
        json.key("version")
        json.string(context.toolVersion)
        json.endObject()
        json.key("version")
        json.int(1)
        json.endObject()
        json.raw("\n")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    /// `{"diagnostics": [`, open.
    private static func opening() -> JSONBytes {
        var json = JSONBytes(pretty: true)
        json.beginObject()
        json.key("diagnostics")
        json.beginArray()
        return json
    }
}

/// `jsonl`: one diagnostic object per line (for pipelines); streamable line by line. Written as
/// bytes (`JSONBytes`), identical to what `JSONEncoder` made of `DiagnosticRecord`.
public struct JSONLinesReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    /// One diagnostic as one line (with its line feed).
    public func line(_ diagnostic: Diagnostic, language: Language) -> String {
        var json = JSONBytes()
        DiagnosticRecord(diagnostic, language: language).write(to: &json)
        json.raw("\n")
        return String(decoding: json.bytes, as: UTF8.self)
    }

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var json = JSONBytes()
        json.bytes.reserveCapacity(diagnostics.count * 400)
        for diagnostic in diagnostics {
            DiagnosticRecord(diagnostic, language: context.language).write(to: &json)
            json.raw("\n")
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
