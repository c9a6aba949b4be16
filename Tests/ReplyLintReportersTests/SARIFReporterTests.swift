import Foundation
import ReplyLintCore
@testable import ReplyLintReporters
import Testing

/// SARIF read back as JSON: messages survive, rules and indexes agree, fingerprints are stable.
@Suite struct SARIFReporterTests {
    func render(_ diagnostics: [Diagnostic], _ context: ReportContext? = nil) throws -> [String: Any] {
        let output = SARIFReporter().render(diagnostics, context: context ?? ReportSamples.context(diagnostics: diagnostics))
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func messagesWithSpecialCharactersRoundTrip() throws {
        let run = try run(try render([ReportSamples.diagnostic()]))
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect((result["message"] as? [String: Any])?["text"] as? String == ReportSamples.nasty)
        let properties = result["properties"] as? [String: Any]
        #expect(properties?["recordId"] as? String == "GD-\"1\" <&>")
        #expect(run["columnKind"] as? String == "unicodeCodePoints")
    }

    @Test func headerAndDriver() throws {
        let log = try render([])
        #expect(log["version"] as? String == "2.1.0")
        #expect(log["$schema"] as? String == "https://json.schemastore.org/sarif-2.1.0.json")
        let driver = try #require(((try run(log))["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "replylint")
        #expect(driver["version"] as? String == "1.2.3")
    }

    @Test func ruleWithoutMetadataGetsAnEntryAndIndex() throws {
        var context = ReportSamples.context()
        context.rules = [RuleMetadata(id: "typo", kind: "substitution", severity: .warning, scope: .all,
                                      description: LocalizedText(zh: "错别字", en: "typo"),
                                      rationale: LocalizedText(zh: "", en: ""), message: LocalizedText(zh: "", en: ""))]
        let parse = ReportSamples.diagnostic(rule: "parse-error", record: nil, recordId: nil, field: nil, excerpt: nil)
        let run = try run(try render([parse, ReportSamples.diagnostic(rule: "typo", severity: .info)], context))
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == ["typo", "parse-error"])
        #expect((rules[1]["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleIndex"] as? Int } == [1, 0])
        #expect(results.map { $0["level"] as? String } == ["error", "note"])
        // A finding outside any record has no logical location.
        #expect(((results[0]["locations"] as? [[String: Any]])?.first)?["logicalLocations"] == nil)
    }

    @Test func locationIsRelativeEncodedAndNamesRecordAndField() throws {
        let run = try run(try render([ReportSamples.diagnostic()]))
        let location = try #require(((run["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first)
        let physical = try #require(location["physicalLocation"] as? [String: Any])
        let artifact = try #require(physical["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "out%20dir/%E6%8A%A5%E5%91%8A%20a%26b%20%3C1%3E.jsonl")
        #expect(artifact["uriBaseId"] as? String == "%SRCROOT%")
        let region = try #require(physical["region"] as? [String: Int])
        #expect(region == ["startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 10])
        let logical = try #require((location["logicalLocations"] as? [[String: Any]])?.first)
        #expect(logical["name"] as? String == "GD-\"1\" <&>/handling")
        #expect(logical["kind"] as? String == "member")
    }

    @Test func recordLevelFindingHasAnOpenRegion() throws {
        let diagnostic = ReportSamples.diagnostic(column: 1, endColumn: 1)
        let run = try run(try render([diagnostic]))
        let region = ((((run["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?.first?["physicalLocation"]
            as? [String: Any])?["region"] as? [String: Int])
        #expect(region == ["startLine": 2, "startColumn": 1])
    }

    @Test func fixBecomesAReplacement() throws {
        let fix = DiagnosticFix(replacement: "安装", span: SourceSpan(start: .init(line: 2, column: 5), end: .init(line: 2, column: 7)))
        let run = try run(try render([ReportSamples.diagnostic(rule: "typo", fix: fix)]))
        let change = try #require((((run["results"] as? [[String: Any]])?.first?["fixes"] as? [[String: Any]])?.first?["artifactChanges"]
            as? [[String: Any]])?.first)
        let replacement = try #require((change["replacements"] as? [[String: Any]])?.first)
        #expect((replacement["insertedContent"] as? [String: Any])?["text"] as? String == "安装")
        #expect(replacement["deletedRegion"] as? [String: Int] == ["startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 7])
    }

    @Test func fingerprintsIgnoreLineMovesAndStayUnique() throws {
        func fingerprints(_ diagnostics: [Diagnostic]) throws -> [String] {
            try (try run(try render(diagnostics))["results"] as? [[String: Any]] ?? []).map {
                try #require(($0["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey])
            }
        }
        let before = try fingerprints([ReportSamples.diagnostic(line: 2), ReportSamples.diagnostic(line: 2, column: 20, endColumn: 25)])
        let after = try fingerprints([ReportSamples.diagnostic(line: 9), ReportSamples.diagnostic(line: 9, column: 20, endColumn: 25)])
        #expect(before == after)
        #expect(Set(before).count == 2, "the same phrase twice must still get two fingerprints")
        let otherRecord = try fingerprints([ReportSamples.diagnostic(recordId: "GD-2")])
        #expect(otherRecord[0] != before[0])
    }
}
