import ReplyLintCore

/// Totals over a run, shown by every report.
public struct ReportSummary: Sendable, Hashable, Codable {
    /// Files read.
    public var files: Int
    /// Records read.
    public var records: Int
    /// Error-severity diagnostics.
    public var errors: Int
    /// Warnings.
    public var warnings: Int
    /// Infos.
    public var infos: Int

    /// Creates a summary.
    public init(files: Int = 0, records: Int = 0, errors: Int = 0, warnings: Int = 0, infos: Int = 0) {
        self.files = files
        self.records = records
        self.errors = errors
        self.warnings = warnings
        self.infos = infos
    }

    /// Adds the severities of `diagnostics` to the counts.
    public mutating func count(_ diagnostics: [Diagnostic]) {
        // Read in place: `for diagnostic in` copied each one (a dozen references retained).
        for index in diagnostics.indices {
            switch diagnostics[index].severity {
            case .error: errors += 1
            case .warning: warnings += 1
            case .info: infos += 1
            }
        }
    }
}

/// What a reporter needs besides the diagnostics.
public struct ReportContext: Sendable {
    /// The message language.
    public var language: Language
    /// The tool's version.
    public var toolVersion: String
    /// Totals.
    public var summary: ReportSummary
    /// Metadata of the rules that ran (for formats that describe rules).
    public var rules: [RuleMetadata]
    /// Whether to use ANSI colours (text only).
    public var color: Bool
    /// A source line of a file, for excerpts (text only); `nil` when unavailable.
    public var sourceLine: @Sendable (_ file: String, _ line: Int) -> String?
    /// Every record read, by file (JUnit lists clean records as passing test cases); `nil` when the
    /// caller did not collect them, in which case only records with findings are listed.
    public var records: [String: [RecordRef]]?
    /// When the run happened, in Unix seconds (JUnit's required `timestamp`); `nil` writes the
    /// epoch, so that reports made without a clock stay byte-for-byte reproducible.
    public var timestamp: Int64?

    /// Creates a context.
    public init(language: Language, toolVersion: String, summary: ReportSummary, rules: [RuleMetadata] = [],
                color: Bool = false, sourceLine: @escaping @Sendable (String, Int) -> String? = { _, _ in nil },
                records: [String: [RecordRef]]? = nil, timestamp: Int64? = nil) {
        self.language = language
        self.toolVersion = toolVersion
        self.summary = summary
        self.rules = rules
        self.color = color
        self.sourceLine = sourceLine
        self.records = records
        self.timestamp = timestamp
    }
}

/// A report format: a pure function of the sorted diagnostics and the context.
public protocol Reporter: Sendable {
    /// The whole report.
    func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String
}

/// The report formats (SPEC §6) that this build offers.
public enum ReportFormat: String, Sendable, CaseIterable {
    case text, compact, json, jsonl, sarif, junit, checkstyle, github, gitlab, csv

    /// The reporter for the format.
    public var reporter: any Reporter {
        switch self {
        case .text: return TextReporter()
        case .compact: return CompactReporter()
        case .json: return JSONReporter()
        case .jsonl: return JSONLinesReporter()
        case .sarif: return SARIFReporter()
        case .junit: return JUnitReporter()
        case .checkstyle: return CheckstyleReporter()
        case .github: return GitHubReporter()
        case .gitlab: return GitLabReporter()
        case .csv: return CSVReporter()
        }
    }
}
