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

/// `jsonl`: one diagnostic object per line (for pipelines); streamable line by line.
public struct JSONLinesReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    /// One diagnostic as one line (with its line feed).
    public func line(_ diagnostic: Diagnostic, language: Language) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(DiagnosticRecord(diagnostic, language: language))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        diagnostics.map { line($0, language: context.language) }.joined()
    }
}
