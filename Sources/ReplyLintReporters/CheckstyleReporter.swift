import ReplyLintCore

/// `checkstyle`: Checkstyle XML (`<checkstyle><file><error .../></file></checkstyle>`), read by
/// Jenkins warnings-ng, reviewdog, SonarQube and many IDE plugins. Valid against
/// `checkstyle-report-1.0.0.xsd`.
///
/// Written by hand because the format is a flat list of elements whose attribute escaping is the
/// only subtle part (see `XMLEscaping`).
public struct CheckstyleReporter: Reporter {
    /// The prefix of `source`: `replylint.banned-phrase`, as Checkstyle names its checks.
    public static let sourcePrefix = "replylint."

    /// Creates the reporter.
    public init() {}

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byFile[diagnostic.file, default: []].append(diagnostic) }
        // Files read without findings appear as empty <file/> elements, as Checkstyle writes them.
        let files = Set(byFile.keys).union(context.records.map { Array($0.keys) } ?? []).sorted()
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for file in files {
            let name = XMLEscaping.attribute(ReportPath.normalized(file))
            guard let findings = byFile[file], !findings.isEmpty else {
                out += "  <file name=\"\(name)\"/>\n"
                continue
            }
            out += "  <file name=\"\(name)\">\n"
            for diagnostic in findings {
                // The schema makes line and column positive integers: leave them out rather than write 0.
                var attributes = ""
                if diagnostic.span.start.line > 0 { attributes += " line=\"\(diagnostic.span.start.line)\"" }
                if diagnostic.span.start.column > 0 { attributes += " column=\"\(diagnostic.span.start.column)\"" }
                attributes += " severity=\"\(diagnostic.severity.rawValue)\""
                attributes += " message=\"\(XMLEscaping.attribute(diagnostic.message.text(context.language)))\""
                attributes += " source=\"\(XMLEscaping.attribute(Self.sourcePrefix + diagnostic.rule))\""
                out += "    <error\(attributes)/>\n"
            }
            out += "  </file>\n"
        }
        out += "</checkstyle>\n"
        return out
    }
}
