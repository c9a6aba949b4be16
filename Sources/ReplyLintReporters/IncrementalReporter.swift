import ReplyLintCore

/// What a report written piece by piece remembers between pieces.
public struct ReportStreamState: Sendable {
    /// The file of the last finding written, if any.
    public var currentFile: String?
    /// The open JSON document (`json`), between pieces.
    var json: JSONBytes?
    /// The byte order mark and headers are written (`csv`).
    var startedRows = false

    /// A state before anything was written.
    public init() {}
}

/// A report that can be written while the input is still being read: its findings in report
/// order, a batch at a time, then a closing part once the totals are known. Audits of millions of
/// replies then never hold their findings (or the rendered report) in memory.
public protocol IncrementalReporter: Reporter {
    /// The text for the next findings, in report order.
    func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String
    /// Appends the text for the next findings to `output` (UTF-8): what `renderPart` returns,
    /// without making a `String` of it.
    func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                    into output: inout [UInt8])
    /// The text after the last finding; `context.summary` holds the final totals.
    func renderEnd(context: ReportContext, state: ReportStreamState) -> String
}

extension IncrementalReporter {
    /// `renderPart`'s text, appended.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into output: inout [UInt8]) {
        var text = renderPart(diagnostics, context: context, state: &state)
        text.withUTF8 { output.append(contentsOf: $0) }
    }
}

/// An incremental report that writes its parts as bytes itself (`renderPart(_:context:state:into:)`);
/// its `String` part and its whole report come from that one writer.
public protocol ByteWritingReporter: IncrementalReporter {}

extension ByteWritingReporter {
    /// The whole report: every finding, then the closing part.
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var state = ReportStreamState()
        return renderPart(diagnostics, context: context, state: &state) + renderEnd(context: context, state: state)
    }

    /// The bytes `renderPart(_:context:state:into:)` writes, as text.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String {
        var bytes: [UInt8] = []
        renderPart(diagnostics, context: context, state: &state, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A report that is one self-contained line per finding, with nothing before or after.
public protocol LineOrientedReporter: IncrementalReporter {}

extension LineOrientedReporter {
    /// The findings' lines.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String {
        render(diagnostics, context: context)
    }

    /// Nothing: a line-oriented report has no closing part.
    public func renderEnd(context: ReportContext, state: ReportStreamState) -> String { "" }
}

extension CompactReporter: LineOrientedReporter {}
extension JSONLinesReporter: LineOrientedReporter {}
extension GitHubReporter: LineOrientedReporter {}

extension ReportFormat {
    /// The reporter that writes this format while the input is read, or `nil` for formats that
    /// need every finding (or the totals) before their first byte.
    public var incrementalReporter: (any IncrementalReporter)? {
        switch self {
        case .text: return TextReporter()
        case .compact: return CompactReporter()
        case .jsonl: return JSONLinesReporter()
        case .github: return GitHubReporter()
        case .json: return JSONReporter()
        case .csv: return CSVReporter()
        case .sarif, .junit, .checkstyle, .gitlab: return nil
        }
    }
}
