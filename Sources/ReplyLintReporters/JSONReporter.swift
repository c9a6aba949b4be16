import Foundation
import ReplyLintCore

/// `json`: `{"version": 1, "tool": {...}, "summary": {...}, "diagnostics": [...]}`, keys sorted.
public struct JSONReporter: Reporter {
    struct Document: Encodable {
        struct Tool: Encodable { var name: String; var version: String }
        var version = 1
        var tool: Tool
        var summary: ReportSummary
        var diagnostics: [DiagnosticRecord]
    }

    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        let document = Document(tool: .init(name: "replylint", version: context.toolVersion), summary: context.summary,
                                diagnostics: diagnostics.map { DiagnosticRecord($0, language: context.language) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(document)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
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
        DiagnosticRecord(diagnostic, language: language).writeLine(to: &json)
        return String(decoding: json.bytes, as: UTF8.self)
    }

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var json = JSONBytes()
        json.bytes.reserveCapacity(diagnostics.count * 400)
        for diagnostic in diagnostics { DiagnosticRecord(diagnostic, language: context.language).writeLine(to: &json) }
        return String(decoding: json.bytes, as: UTF8.self)
    }
}
