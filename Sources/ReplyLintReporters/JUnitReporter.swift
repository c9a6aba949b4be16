import ReplyLintCore

/// `junit`: JUnit XML for CI test tabs (Jenkins, GitLab, Azure). A `<testsuite>` per file, a
/// `<testcase>` per record, and a `<failure>` on each record with error-severity findings.
///
/// Written by hand (not through an XML library) because the element order and the required
/// attributes are fixed by the strict Ant schema (`JUnit.xsd`), which also allows at most one
/// result element per test case: so one `<failure>` holds all of a record's errors (its message
/// names the first, its text lists them all). A record that cannot be read (`parse-error`) is an
/// `<error>`. Warnings and infos do not fail a test case; they are listed in the suite's
/// `<system-out>` and counted in its properties. Files and records come in report order.
public struct JUnitReporter: Reporter {
    /// The test-case name for findings that belong to no record (e.g. an unreadable file).
    public static let fileCaseName = "(file)"

    /// Creates the reporter.
    public init() {}

    /// One test case: a record (or the file as a whole) and its findings.
    struct Case {
        var name: String
        var diagnostics: [Diagnostic] = []
    }

    /// The whole report for `diagnostics` (in report order).
    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var byFile: [String: [Diagnostic]] = [:]
        for diagnostic in diagnostics { byFile[diagnostic.file, default: []].append(diagnostic) }
        let files = Set(byFile.keys).union(context.records.map { Array($0.keys) } ?? []).sorted()
        let timestamp = Self.timestamp(context.timestamp ?? 0)

        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites>\n"
        for (id, file) in files.enumerated() {
            let cases = Self.cases(file: file, diagnostics: byFile[file] ?? [], records: context.records?[file])
            let path = XMLEscaping.attribute(ReportPath.normalized(file))
            var failures = 0
            var errors = 0
            var body = ""
            var notes: [String] = []
            for testCase in cases {
                let line = "    <testcase classname=\"\(path)\" name=\"\(XMLEscaping.attribute(testCase.name))\" time=\"0\""
                let parseErrors = testCase.diagnostics.filter { $0.rule == "parse-error" }
                let errorFindings = testCase.diagnostics.filter { $0.severity == .error }
                notes += testCase.diagnostics.filter { $0.severity != .error }.map { Self.line($0, context: context, withRecord: true) }
                let (element, type, shown): (String, String, [Diagnostic])
                if !parseErrors.isEmpty {
                    errors += 1
                    (element, type, shown) = ("error", "parse-error", parseErrors)
                } else if !errorFindings.isEmpty {
                    failures += 1
                    (element, type, shown) = ("failure", "error", errorFindings)
                } else {
                    body += line + "/>\n"
                    continue
                }
                var message = shown[0].message.text(context.language)
                if shown.count > 1 {
                    message += context.language == .zh ? "（另有 \(shown.count - 1) 个错误）" : " (and \(shown.count - 1) more)"
                }
                let text = testCase.diagnostics.map { Self.line($0, context: context, withRecord: false) }.joined(separator: "\n")
                body += line + ">\n      <\(element) message=\"\(XMLEscaping.attribute(message))\" type=\"\(type)\">"
                    + XMLEscaping.text(text) + "</\(element)>\n    </testcase>\n"
            }
            out += "  <testsuite name=\"\(path)\" package=\"replylint\" id=\"\(id)\" "
                + "timestamp=\"\(timestamp)\" hostname=\"localhost\" tests=\"\(cases.count)\" failures=\"\(failures)\" "
                + "errors=\"\(errors)\" skipped=\"0\" time=\"0\">\n"
            let warnings = (byFile[file] ?? []).filter { $0.severity == .warning }.count
            let infos = (byFile[file] ?? []).filter { $0.severity == .info }.count
            out += "    <properties>\n"
                + "      <property name=\"tool\" value=\"replylint \(XMLEscaping.attribute(context.toolVersion))\"/>\n"
                + "      <property name=\"warnings\" value=\"\(warnings)\"/>\n"
                + "      <property name=\"infos\" value=\"\(infos)\"/>\n"
                + "    </properties>\n"
            out += body
            out += notes.isEmpty ? "    <system-out/>\n" : "    <system-out>" + XMLEscaping.text(notes.joined(separator: "\n")) + "</system-out>\n"
            out += "    <system-err/>\n  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    /// The test cases of a file: findings outside any record first, then every record in file
    /// order (all of `records` when known, else those with findings).
    static func cases(file: String, diagnostics: [Diagnostic], records: [RecordRef]?) -> [Case] {
        var byIndex: [Int: Case] = [:]
        for record in records ?? [] { byIndex[record.index] = Case(name: record.displayName) }
        var fileCase = Case(name: fileCaseName)
        for diagnostic in diagnostics {
            guard let index = diagnostic.record else { fileCase.diagnostics.append(diagnostic); continue }
            if byIndex[index] == nil { byIndex[index] = Case(name: RecordRef.displayName(index: index, id: diagnostic.recordId)) }
            byIndex[index]?.diagnostics.append(diagnostic)
        }
        let ordered = byIndex.keys.sorted().compactMap { byIndex[$0] }
        return (fileCase.diagnostics.isEmpty ? [] : [fileCase]) + ordered
    }

    /// `path:line:col: severity: message [rule]`, optionally naming the record.
    static func line(_ diagnostic: Diagnostic, context: ReportContext, withRecord: Bool) -> String {
        var text = "\(ReportPath.normalized(diagnostic.file)):\(diagnostic.span.start.line):\(diagnostic.span.start.column): "
            + "\(diagnostic.severity.rawValue): \(diagnostic.message.text(context.language)) [\(diagnostic.rule)]"
        if withRecord, let record = diagnostic.record {
            text += " (\(RecordRef.displayName(index: record, id: diagnostic.recordId)))"
        }
        return text
    }

    /// `YYYY-MM-DDTHH:MM:SS` in UTC: the schema's pattern allows no zone. Computed by hand
    /// (days-from-civil inverse) so the output does not depend on locale or calendar settings.
    static func timestamp(_ seconds: Int64) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int64, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3_600, 2)):"
            + "\(pad(secondOfDay % 3_600 / 60, 2)):\(pad(secondOfDay % 60, 2))"
    }
}
