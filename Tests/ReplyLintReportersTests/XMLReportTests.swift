import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ReplyLintCore
@testable import ReplyLintReporters
import Testing

/// Collects elements (name, attributes, text) from an XML document with Foundation's parser.
final class ElementCollector: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text = "" }
    var elements: [Element] = []
    private var open: [Int] = []

    static func parse(_ xml: String) -> (elements: [Element], ok: Bool) {
        let parser = XMLParser(data: Data(xml.utf8))
        let collector = ElementCollector()
        parser.delegate = collector
        let ok = parser.parse()
        return (collector.elements, ok)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let last = open.last { elements[last].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        open.removeLast()
    }
}

/// XML escaping, and the JUnit and Checkstyle reports read back with an XML parser.
@Suite struct XMLReportTests {
    /// What a message looks like after the XML round trip: the one control character that XML
    /// cannot carry becomes visible text.
    static let nastyAfterXML = ReportSamples.nasty.replacingOccurrences(of: "\u{1B}", with: "\\u{1B}")

    @Test func escapesMarkupQuotesAndControlCharacters() {
        #expect(XMLEscaping.attribute("<a href=\"x\">&'</a>") == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;")
        #expect(XMLEscaping.attribute("a\nb\tc\rd") == "a&#10;b&#9;c&#13;d")
        #expect(XMLEscaping.text("a\nb\tc") == "a\nb\tc")
        #expect(XMLEscaping.text("\u{0}\u{1B}\u{FFFE}x") == "\\u{0}\\u{1B}\\u{FFFE}x")
        #expect(XMLEscaping.text("中文😀𠀀") == "中文😀𠀀")
    }

    @Test func checkstyleAttributesRoundTrip() throws {
        let diagnostics = [ReportSamples.diagnostic(), ReportSamples.diagnostic(rule: "typo", severity: .info, line: 3)]
        let output = CheckstyleReporter().render(diagnostics, context: ReportSamples.context(diagnostics: diagnostics))
        let (elements, ok) = ElementCollector.parse(output)
        #expect(ok)
        #expect(elements.first?.name == "checkstyle")
        #expect(elements.first?.attributes["version"] == "4.3")
        #expect(elements.filter { $0.name == "file" }.map { $0.attributes["name"] } == [ReportSamples.file])
        let errors = elements.filter { $0.name == "error" }
        #expect(errors.count == 2)
        #expect(errors.allSatisfy { $0.attributes["message"] == Self.nastyAfterXML })
        #expect(errors.map { $0.attributes["severity"] } == ["error", "info"])
        #expect(errors.map { $0.attributes["source"] } == ["replylint.banned-phrase", "replylint.typo"])
        #expect(errors.map { $0.attributes["line"] } == ["2", "3"])
    }

    @Test func checkstyleLeavesOutZeroPositionsAndListsCleanFiles() {
        let diagnostic = ReportSamples.diagnostic(line: 0, column: 0, endColumn: 0)
        let output = CheckstyleReporter().render([diagnostic], context: ReportSamples.context(records: ["clean.json": []]))
        #expect(!output.contains("line=\"0\"") && !output.contains("column=\"0\""))
        #expect(output.contains("<file name=\"clean.json\"/>"))
    }

    @Test func junitCountsAndCleanRecords() throws {
        let file = ReportSamples.file
        let diagnostics = [
            ReportSamples.diagnostic(record: 1, recordId: "A"),
            ReportSamples.diagnostic(rule: "x", record: 1, recordId: "A", excerpt: "other"),
            ReportSamples.diagnostic(rule: "typo", severity: .warning, record: 2, recordId: nil),
            ReportSamples.diagnostic(rule: "parse-error", record: 3, recordId: nil, field: nil, excerpt: nil),
        ]
        let records = [file: [RecordRef(index: 0, id: "Z"), RecordRef(index: 1, id: "A"), RecordRef(index: 2, id: nil)]]
        let output = JUnitReporter().render(diagnostics, context: ReportSamples.context(records: records, diagnostics: diagnostics))
        let (elements, ok) = ElementCollector.parse(output)
        #expect(ok)
        let suite = try #require(elements.first { $0.name == "testsuite" })
        #expect(suite.attributes["name"] == file)
        #expect(suite.attributes["tests"] == "4")
        #expect(suite.attributes["failures"] == "1")
        #expect(suite.attributes["errors"] == "1")
        #expect(suite.attributes["timestamp"] == "1970-01-01T00:00:00")
        let cases = elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == ["Z", "A", "record 2", "record 3"])
        let failure = try #require(elements.first { $0.name == "failure" })
        #expect(failure.attributes["message"] == Self.nastyAfterXML + " (and 1 more)")
        #expect(failure.attributes["type"] == "error")
        #expect(failure.text.contains("[banned-phrase]") && failure.text.contains("[x]"))
        #expect(elements.first { $0.name == "error" }?.attributes["type"] == "parse-error")
        // The warning does not fail its record; it is kept in the suite's output.
        #expect(elements.first { $0.name == "system-out" }?.text.contains("warning: ") == true)
    }

    @Test func junitWithoutRecordListShowsRecordsWithFindings() {
        let diagnostics = [ReportSamples.diagnostic(record: 4, recordId: nil), ReportSamples.diagnostic(rule: "parse-error", record: nil, recordId: nil)]
        let output = JUnitReporter().render(diagnostics, context: ReportSamples.context(diagnostics: diagnostics))
        let cases = ElementCollector.parse(output).elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == [JUnitReporter.fileCaseName, "record 4"])
    }

    @Test func junitEmptyRunIsWellFormed() {
        let (elements, ok) = ElementCollector.parse(JUnitReporter().render([], context: ReportSamples.context()))
        #expect(ok)
        #expect(elements.map(\.name) == ["testsuites"])
    }

    @Test(arguments: [(Int64(0), "1970-01-01T00:00:00"), (951_782_400, "2000-02-29T00:00:00"),
                      (1_722_441_599, "2024-07-31T15:59:59"), (-1, "1969-12-31T23:59:59"), (4_102_444_800, "2100-01-01T00:00:00")])
    func junitTimestamp(_ seconds: Int64, _ expected: String) {
        #expect(JUnitReporter.timestamp(seconds) == expected)
    }
}
