import Foundation
import ReplyLintCore
@testable import ReplyLintReporters
import Testing

/// GitHub annotations, GitLab Code Quality and CSV: escaping, mapping and read-back.
@Suite struct CIReportTests {
    // MARK: GitHub

    @Test func githubEscapesDataAndProperties() {
        #expect(GitHubReporter.escapeData("100% a\r\nb:c,d") == "100%25 a%0D%0Ab:c,d")
        #expect(GitHubReporter.escapeProperty("100% a\r\nb:c,d") == "100%25 a%0D%0Ab%3Ac%2Cd")
    }

    @Test func githubLinePerFindingWithSeverityCommand() {
        let diagnostics = [ReportSamples.diagnostic(), ReportSamples.diagnostic(severity: .warning),
                           ReportSamples.diagnostic(severity: .info, column: 1, endColumn: 1, record: nil, recordId: nil)]
        let lines = GitHubReporter().render(diagnostics, context: ReportSamples.context()).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4 && lines[3].isEmpty)
        #expect(lines[0].hasPrefix("::error file=out dir/报告 a&b <1>.jsonl,line=2,col=5,endLine=2,endColumn=10,title=replylint(banned-phrase) GD-\"1\" <&>/处理情况::"))
        #expect(lines[1].hasPrefix("::warning "))
        #expect(lines[2].hasPrefix("::notice file=out dir/报告 a&b <1>.jsonl,line=2,col=1,title=replylint(banned-phrase)::"))
        let message = String(lines[0].split(separator: "::", maxSplits: 2, omittingEmptySubsequences: false)[2])
        let unescaped = message.replacingOccurrences(of: "%0D", with: "\r").replacingOccurrences(of: "%0A", with: "\n")
            .replacingOccurrences(of: "%25", with: "%")
        #expect(unescaped == ReportSamples.nasty)
    }

    // MARK: GitLab

    @Test func gitlabIssuesRoundTrip() throws {
        let diagnostics = [ReportSamples.diagnostic(), ReportSamples.diagnostic(column: 20, endColumn: 25),
                           ReportSamples.diagnostic(rule: "typo", severity: .warning), ReportSamples.diagnostic(severity: .info)]
        let output = GitLabReporter().render(diagnostics, context: ReportSamples.context())
        #expect(!output.hasPrefix("\u{FEFF}"))
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect(issues.count == 4)
        #expect(issues.map { $0["severity"] as? String } == ["major", "major", "minor", "info"])
        #expect(issues.map { $0["check_name"] as? String } == ["banned-phrase", "banned-phrase", "typo", "banned-phrase"])
        #expect(Set(issues.compactMap { $0["fingerprint"] as? String }).count == 4)
        #expect((issues[0]["description"] as? String)?.hasPrefix(ReportSamples.nasty) == true)
        let location = try #require(issues[0]["location"] as? [String: Any])
        #expect(location["path"] as? String == ReportSamples.file)
        #expect(location["lines"] as? [String: Int] == ["begin": 2, "end": 2])
        // Same fingerprints as SARIF, so both tools track a finding alike.
        #expect(issues.compactMap { $0["fingerprint"] as? String } == Fingerprint.fingerprints(diagnostics))
    }

    @Test func gitlabEndLineIsInclusive() throws {
        var diagnostic = ReportSamples.diagnostic()
        diagnostic.span = SourceSpan(start: .init(line: 2, column: 5), end: .init(line: 4, column: 1))
        let output = GitLabReporter().render([diagnostic], context: ReportSamples.context())
        let issues = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
        #expect((issues.first?["location"] as? [String: Any])?["lines"] as? [String: Int] == ["begin": 2, "end": 3])
    }

    // MARK: CSV

    /// A small RFC 4180 reader for the round trip (the reporter's output is the thing under test).
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var cell = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            if quoted {
                if scalar == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); cell.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            } else if scalar == "\"" {
                quoted = true
            } else if scalar == "," {
                row.append(cell); cell = ""
            } else if scalar == "\r", scalars.first == "\n" {
                scalars.removeFirst(); row.append(cell); rows.append(row); row = []; cell = ""
            } else {
                cell.unicodeScalars.append(scalar)
            }
        }
        if !cell.isEmpty || !row.isEmpty { row.append(cell); rows.append(row) }
        return rows
    }

    @Test func csvHasBOMHeadersAndRoundTrips() {
        let diagnostics = [ReportSamples.diagnostic(), ReportSamples.diagnostic(rule: "typo", severity: .warning)]
        let zh = CSVReporter().render(diagnostics, context: ReportSamples.context(.zh))
        #expect(zh.unicodeScalars.first == "\u{FEFF}")
        let rows = Self.parseCSV(String(zh.unicodeScalars.dropFirst()))
        #expect(rows.count == 3)
        #expect(Array(rows[0].prefix(3)) == ["文件", "行", "列"])
        #expect(rows[1][rows[0].firstIndex(of: "信息") ?? 0] == ReportSamples.nasty)
        #expect(rows[1][rows[0].firstIndex(of: "工单编号") ?? 0] == "GD-\"1\" <&>")
        #expect(rows[2][rows[0].firstIndex(of: "严重级别") ?? 0] == "警告")
        let en = CSVReporter().render(diagnostics, context: ReportSamples.context(.en))
        #expect(Self.parseCSV(String(en.unicodeScalars.dropFirst()))[0].contains("message"))
    }

    @Test(arguments: ["=1+2", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
    func csvNeutralisesFormulas(_ value: String) {
        #expect(CSVReporter.cell(value) == (value.hasPrefix("\r") ? "\"'" + value + "\"" : "'" + value))
        let diagnostic = ReportSamples.diagnostic(message: value, recordId: value)
        let rows = Self.parseCSV(String(CSVReporter().render([diagnostic], context: ReportSamples.context()).unicodeScalars.dropFirst()))
        #expect(rows[1].allSatisfy { !["=", "+", "-", "@", "\t", "\r"].contains($0.unicodeScalars.first.map(String.init) ?? "") })
    }

    @Test func csvLeavesOrdinaryCellsAlone() {
        #expect(CSVReporter.cell("中文 a") == "中文 a")
        #expect(CSVReporter.cell("a,b") == "\"a,b\"")
        #expect(CSVReporter.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSVReporter.cell("＝1") == "＝1")
    }
}
