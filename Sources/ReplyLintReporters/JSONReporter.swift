import ReplyLintCore

/// `json`: `{"version": 1, "tool": {...}, "summary": {...}, "diagnostics": [...]}`, keys sorted,
/// pretty-printed as `JSONEncoder` does (written as bytes by `JSONBytes`). With keys sorted the
/// diagnostics come first and the totals after them, so the report is written while the input is
/// read: an audit of millions of replies never holds its findings.
public struct JSONReporter: ByteWritingReporter {
    /// Creates the reporter.
    public init() {}

    /// The opening of the document (on the first call) and the next diagnostics, written into
    /// `output` itself: the document keeps its place (indent,
    /// separators) in `state` and borrows `output` as its buffer.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into output: inout [UInt8]) {
        var json = state.json ?? Self.opening()
        swap(&json.bytes, &output)
        json.bytes.append(contentsOf: output)  // the opening, on the first call
        output.removeAll(keepingCapacity: true)
        // Read in place: `for diagnostic in` copied each one (a dozen references retained).
        for index in diagnostics.indices {
            json.element()
            DiagnosticJSON.write(diagnostics[index], language: context.language, to: &json)
        }
        swap(&json.bytes, &output)
        state.json = json
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
        render([diagnostic], language: language)
    }

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        render(diagnostics, language: context.language)
    }

    /// The lines, appended to `output` (a streamed report's buffer) with no `String` made of them.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into output: inout [UInt8]) {
        var json = JSONBytes()
        swap(&json.bytes, &output)
        for index in diagnostics.indices {  // in place, see `JSONReporter`
            DiagnosticJSON.write(diagnostics[index], language: context.language, to: &json)
            json.raw("\n")
        }
        swap(&json.bytes, &output)
    }

    private func render(_ diagnostics: [Diagnostic], language: Language) -> String {
        var json = JSONBytes()
        json.bytes.reserveCapacity(diagnostics.count * 400)
        for index in diagnostics.indices {  // in place, see `JSONReporter`
            DiagnosticJSON.write(diagnostics[index], language: language, to: &json)
            json.raw("\n")
        }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
