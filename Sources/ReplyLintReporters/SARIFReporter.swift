import Foundation
import ReplyLintCore

/// `sarif`: SARIF 2.1.0 for GitHub code scanning, Azure DevOps and editors' SARIF viewers. One run;
/// every rule in `context.rules` (plus any rule that fired without metadata, such as a built-in
/// `parse-error`) in `tool.driver.rules`; columns in Unicode code points (`columnKind`).
public struct SARIFReporter: Reporter {
    /// The `uriBaseId` that relative artifact URIs are resolved against (the checkout root).
    public static let sourceRoot = "%SRCROOT%"
    /// The key of replylint's fingerprint in `partialFingerprints`; versioned so that a change to
    /// how it is computed can be told apart from moved findings.
    public static let fingerprintKey = "replylint/v1"

    /// Creates the reporter.
    public init() {}

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        let zh = context.language == .zh
        let rules = Self.ruleTable(diagnostics, context: context)
        var indexByID: [String: Int] = [:]
        for (index, rule) in rules.enumerated() where indexByID[rule.id] == nil { indexByID[rule.id] = index }
        let fingerprints = Fingerprint.fingerprints(diagnostics)

        let results = diagnostics.enumerated().map { offset, diagnostic -> SARIFLog.Result in
            let artifact = Self.artifact(diagnostic.file)
            let fixes = diagnostic.fix.map { fix -> [SARIFLog.Fix] in
                let description = fix.replacement.isEmpty
                    ? (zh ? "删除这段文字" : "delete the text")
                    : (zh ? "改为“\(fix.replacement)”" : "replace with \"\(fix.replacement)\"")
                return [SARIFLog.Fix(
                    description: .init(text: description),
                    artifactChanges: [.init(artifactLocation: artifact, replacements: [
                        .init(deletedRegion: Self.region(fix.span, keepEmpty: true), insertedContent: .init(text: fix.replacement)),
                    ])])]
            }
            return SARIFLog.Result(
                ruleId: diagnostic.rule,
                ruleIndex: indexByID[diagnostic.rule] ?? 0,
                level: Self.level(diagnostic.severity),
                message: .init(text: diagnostic.message.text(context.language)),
                locations: [.init(physicalLocation: .init(artifactLocation: artifact, region: Self.region(diagnostic.span, keepEmpty: false)),
                                  logicalLocations: Self.logicalLocation(diagnostic).map { [$0] })],
                partialFingerprints: [Self.fingerprintKey: fingerprints[offset]],
                fixes: fixes,
                properties: diagnostic.record == nil && diagnostic.field == nil && diagnostic.excerpt == nil ? nil
                    : .init(record: diagnostic.record, recordId: diagnostic.recordId, field: diagnostic.field?.rawValue,
                            fieldName: diagnostic.fieldName, excerpt: diagnostic.excerpt))
        }

        let log = SARIFLog(runs: [SARIFLog.Run(
            tool: .init(driver: .init(name: "replylint", version: context.toolVersion,
                                      semanticVersion: Self.semanticVersion(context.toolVersion), rules: rules)),
            originalUriBaseIds: [Self.sourceRoot: .init(description: .init(
                text: zh ? "运行 replylint 的目录（仓库根目录）" : "The folder replylint ran in (the repository root)"))],
            results: results,
            language: zh ? "zh-CN" : "en-US",
            properties: ["files": context.summary.files, "records": context.summary.records])])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(log)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// SARIF's `level` for a severity (`info` is a `note`).
    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "note"
        }
    }

    /// The rules in `context.rules`, then any rule id that fired without metadata (sorted).
    static func ruleTable(_ diagnostics: [Diagnostic], context: ReportContext) -> [SARIFLog.Rule] {
        var rules = context.rules.map { metadata in
            describe(id: metadata.id, severity: metadata.severity, description: metadata.description,
                     rationale: metadata.rationale, kind: metadata.kind, fixable: metadata.fixable, language: context.language)
        }
        let known = Set(context.rules.map(\.id))
        var missing: [String: Severity] = [:]
        for diagnostic in diagnostics where !known.contains(diagnostic.rule) {
            missing[diagnostic.rule] = min(missing[diagnostic.rule] ?? diagnostic.severity, diagnostic.severity)
        }
        for id in missing.keys.sorted() {
            let description = id == "parse-error"
                ? LocalizedText(zh: "文件或行无法读取（JSON/CSV/XML 格式错误或编码错误）",
                                en: "The file or line cannot be read (bad JSON/CSV/XML or encoding)")
                : LocalizedText(zh: "规则 \(id)", en: "Rule \(id)")
            rules.append(describe(id: id, severity: missing[id] ?? .error, description: description,
                                  rationale: LocalizedText(zh: "", en: ""), kind: nil, fixable: false, language: context.language))
        }
        return rules
    }

    private static func describe(id: String, severity: Severity, description: LocalizedText, rationale: LocalizedText,
                                 kind: String?, fixable: Bool, language: Language) -> SARIFLog.Rule {
        let short = description.text(language)
        let full = [short, rationale.text(language)].filter { !$0.isEmpty }.joined(separator: "\n")
        // The help carries both languages: code-scanning pages are read by people of either.
        let help = [[description.zh, rationale.zh], [description.en, rationale.en]]
            .map { $0.filter { !$0.isEmpty }.joined(separator: "\n") }
            .filter { !$0.isEmpty }.joined(separator: "\n\n")
        return SARIFLog.Rule(id: id, shortDescription: .init(text: short.isEmpty ? id : short),
                             fullDescription: .init(text: full.isEmpty ? id : full),
                             help: .init(text: help.isEmpty ? id : help),
                             defaultConfiguration: .init(level: level(severity)),
                             properties: .init(tags: ["95598"] + (kind.map { [$0] } ?? []), kind: kind, fixable: fixable ? true : nil))
    }

    /// The artifact location for a file: relative URIs against `%SRCROOT%`, absolute ones as `file://`.
    static func artifact(_ file: String) -> SARIFLog.ArtifactLocation {
        let normalized = ReportPath.normalized(file)
        let absolute = normalized.hasPrefix("/") || ReportPath.drive(normalized) != nil
        return SARIFLog.ArtifactLocation(uri: ReportPath.uri(normalized), uriBaseId: absolute ? nil : sourceRoot)
    }

    /// A region from a span. An empty span (a record-level finding) leaves the end out, so viewers
    /// mark the rest of the line; a fix keeps it, since an empty `deletedRegion` is an insertion.
    static func region(_ span: SourceSpan, keepEmpty: Bool) -> SARIFLog.Region {
        let startLine = max(span.start.line, 1)
        let startColumn = max(span.start.column, 1)
        let endLine = max(span.end.line, startLine)
        let endColumn = endLine == startLine ? max(span.end.column, startColumn) : max(span.end.column, 1)
        if !keepEmpty, endLine == startLine, endColumn == startColumn {
            return SARIFLog.Region(startLine: startLine, startColumn: startColumn)
        }
        return SARIFLog.Region(startLine: startLine, startColumn: startColumn, endLine: endLine, endColumn: endColumn)
    }

    /// `CT002/handling` (record id or `record N`, then the canonical field) for a finding in a record.
    static func logicalLocation(_ diagnostic: Diagnostic) -> SARIFLog.LogicalLocation? {
        guard let record = diagnostic.record else { return nil }
        let recordName = RecordRef.displayName(index: record, id: diagnostic.recordId)
        guard let field = diagnostic.field else { return .init(name: recordName, kind: "object") }
        return .init(name: recordName + "/" + field.rawValue, kind: "member")
    }

    /// The version when it is a semantic version (`1.2.3`, `0.0.0-test`), else `nil`.
    static func semanticVersion(_ version: String) -> String? {
        let core = version.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
        let parts = core.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) ? version : nil
    }
}
