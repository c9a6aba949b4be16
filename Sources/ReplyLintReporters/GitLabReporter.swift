import Foundation
import ReplyLintCore

/// `gitlab`: GitLab Code Quality JSON (a subset of the Code Climate issue format), shown in merge
/// requests when a job publishes it as `artifacts:reports:codequality`. A top-level array, no BOM.
public struct GitLabReporter: Reporter {
    struct Issue: Encodable {
        struct Location: Encodable {
            struct Lines: Encodable { var begin: Int; var end: Int }
            struct Position: Encodable { var line: Int; var column: Int }
            struct Positions: Encodable { var begin: Position; var end: Position }
            var path: String
            var lines: Lines
            var positions: Positions
        }
        var type = "issue"
        var description: String
        var checkName: String
        var fingerprint: String
        var severity: String
        var categories: [String]
        var location: Location

        enum CodingKeys: String, CodingKey {
            case type, description, checkName = "check_name", fingerprint, severity, categories, location
        }
    }

    /// Creates the reporter.
    public init() {}

    /// GitLab's severity: errors `major`, warnings `minor`, infos `info` (as sarif-tools converts).
    static func severity(_ severity: Severity) -> String {
        switch severity {
        case .error: return "major"
        case .warning: return "minor"
        case .info: return "info"
        }
    }

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        let fingerprints = Fingerprint.fingerprints(diagnostics)
        let issues = diagnostics.enumerated().map { offset, diagnostic -> Issue in
            let start = diagnostic.span.start
            let end = diagnostic.span.end
            let beginLine = max(start.line, 1)
            // `lines.end` is inclusive: a span ending at column 1 of a line ends on the line before.
            var endLine = end.column <= 1 && end.line > start.line ? end.line - 1 : end.line
            endLine = max(endLine, beginLine)
            var description = diagnostic.message.text(context.language)
            if let record = diagnostic.record {
                description += " (" + RecordRef.displayName(index: record, id: diagnostic.recordId) + ")"
            }
            return Issue(
                description: description,
                checkName: diagnostic.rule,
                fingerprint: fingerprints[offset],
                severity: Self.severity(diagnostic.severity),
                categories: [diagnostic.rule == "parse-error" ? "Bug Risk" : "Style"],
                location: .init(path: ReportPath.normalized(diagnostic.file),
                                lines: .init(begin: beginLine, end: endLine),
                                positions: .init(begin: .init(line: beginLine, column: max(start.column, 1)),
                                                 end: .init(line: max(end.line, beginLine), column: max(end.column, 1)))))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(issues)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
