import Foundation
import ReplyLintCore
@testable import ReplyLintReporters
import Testing

/// The `Encodable` record the reports encoded before they wrote bytes: the reference.
extension DiagnosticRecord: Encodable {
    enum CodingKeys: String, CodingKey {
        case rule, severity, message, file, line, column, endLine, endColumn, record, recordId, field, fieldName, fix
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(endLine, forKey: .endLine)
        try c.encode(endColumn, forKey: .endColumn)
        try c.encode(record, forKey: .record)
        try c.encode(recordId, forKey: .recordId)
        try c.encode(field, forKey: .field)
        try c.encode(fieldName, forKey: .fieldName)
        try c.encodeIfPresent(fix, forKey: .fix)
    }
}

/// The reference encoding of a fix (the keys its synthesised conformance had).
extension DiagnosticRecord.Fix: Encodable {
    enum CodingKeys: String, CodingKey {
        case replacement, line, column, endLine, endColumn
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(replacement, forKey: .replacement)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(endLine, forKey: .endLine)
        try c.encode(endColumn, forKey: .endColumn)
    }
}

/// `json` and `jsonl` are written as bytes; they must be exactly what `JSONEncoder` made of them.
@Suite struct JSONWriterTests {
    /// The `json` document as it was encoded before.
    struct Document: Encodable {
        struct Tool: Encodable { var name: String; var version: String }
        var version = 1
        var tool: Tool
        var summary: ReportSummary
        var diagnostics: [DiagnosticRecord]
    }

    func encoded(_ value: some Encodable, pretty: Bool = false) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }

    static var diagnostics: [Diagnostic] {
        let everyASCII = String(decoding: (0..<128).map { UInt8($0) }, as: UTF8.self)
        let texts = [ReportSamples.nasty, everyASCII, "a/b\\c\"d", "😀 𠀀 \u{2028}\u{2029} e\u{301} \u{FEFF}", "", "客户已撤诉"]
        var diagnostics: [Diagnostic] = []
        for (index, text) in texts.enumerated() {
            var diagnostic = ReportSamples.diagnostic(message: text, file: text, line: index, column: 1_000_000 + index)
            diagnostic.recordId = index % 2 == 0 ? text : nil
            diagnostic.record = index % 3 == 0 ? nil : index * 12_345
            diagnostic.fieldName = index % 2 == 1 ? text : nil
            diagnostic.field = index % 2 == 1 ? .handling : nil
            diagnostic.rule = text
            if index % 2 == 0 {
                diagnostic.fix = DiagnosticFix(replacement: text, span: SourceSpan(start: .init(line: 3, column: 4), end: .init(line: 5, column: 60)))
            }
            diagnostics.append(diagnostic)
        }
        diagnostics.append(ReportSamples.diagnostic(line: -1, column: 0))
        return diagnostics
    }

    @Test func linesMatchJSONEncoder() throws {
        let diagnostics = Self.diagnostics
        for language in Language.allCases {
            var expected = ""
            for diagnostic in diagnostics {
                let line = try encoded(DiagnosticRecord(diagnostic, language: language))
                #expect(JSONLinesReporter().line(diagnostic, language: language) == line)
                expected += line
            }
            let context = ReportContext(language: language, toolVersion: "1", summary: ReportSummary())
            #expect(JSONLinesReporter().render(diagnostics, context: context) == expected)
        }
    }

    /// Filled messages are escaped in place, eight bytes tested at a time: an escaped byte at
    /// every offset of a block, and several in one block, still match `JSONEncoder`.
    @Test func filledMessagesEscapeAtEveryOffset() throws {
        let template = MessageTemplate(LocalizedText(zh: "“{text}”", en: "\"{text}\" in {field}"), names: ["text", "field"])
        for special in ["\"", "\\", "\n", "\u{1}", "\u{1F}", "\"\\\t\u{0}", "处"] {
            for length in 0..<18 {
                let text = String(repeating: "x", count: length) + special + String(repeating: "长", count: length % 5)
                let message = template.filling([LocalizedText(zh: text, en: text), LocalizedText(zh: special, en: special)])
                for language in Language.allCases {
                    var json = JSONBytes()
                    json.string(message, language)
                    #expect(String(decoding: json.bytes, as: UTF8.self) + "\n" == (try encoded(message.text(language))))
                }
            }
        }
    }

    @Test func documentMatchesJSONEncoder() throws {
        for diagnostics in [Self.diagnostics, [], [ReportSamples.diagnostic()]] {
            for language in Language.allCases {
                let summary = ReportSummary(files: 2, records: 30, errors: 4, warnings: 5, infos: 0)
                let context = ReportContext(language: language, toolVersion: "0.1.0 \"β\"", summary: summary)
                let document = Document(tool: .init(name: "replylint", version: context.toolVersion), summary: summary,
                                        diagnostics: diagnostics.map { DiagnosticRecord($0, language: language) })
                #expect(JSONReporter().render(diagnostics, context: context) == (try encoded(document, pretty: true)))
            }
        }
    }
}
