import ReplyLintCore

/// `json`: `{"version": 1, "tool": {...}, "summary": {...}, "diagnostics": [...]}`, keys sorted,
/// pretty-printed as `JSONEncoder` does (written as bytes by `JSONBytes`).
public struct JSONReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var json = JSONBytes(pretty: true)
        json.bytes.reserveCapacity(diagnostics.count * 500 + 300)
        json.beginObject()
        json.key("diagnostics")
        json.beginArray()
        for diagnostic in diagnostics {
            json.element()
            DiagnosticRecord(diagnostic, language: context.language).write(to: &json)
        }
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
