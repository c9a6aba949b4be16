import Foundation
import ReplyLintCore
import ReplyLintReaders
import Testing

/// Runs every example of every rule in the built-in pack: failing examples must fire exactly at
/// their `«…»` markers with a filled-in message in both languages; passing ones must stay silent.
@Suite struct RulePackExamplesTests {
    static let pack: RulePack = {
        do { return try RulePack.builtIn() } catch { fatalError("built-in pack does not load: \(error)") }
    }()
    static let ids = pack.rules.map(\.metadata.id)

    @Test func everyRuleHasExamplesAndBilingualDocumentation() {
        for rule in Self.pack.rules {
            let meta = rule.metadata
            #expect(meta.examples.fail.count >= 3, "\(meta.id) needs at least three failing examples")
            #expect(meta.examples.pass.count >= 3, "\(meta.id) needs at least three passing examples")
            for text in [meta.description, meta.rationale, meta.message] {
                #expect(!text.zh.isEmpty && !text.en.isEmpty, "\(meta.id) lacks a Chinese or English text")
                #expect(text.zh.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(meta.id): zh text has no Chinese")
            }
        }
    }

    @Test(arguments: pack.rules.map(\.metadata.id))
    func examples(of id: String) throws {
        guard let rule = Self.pack.rules.first(where: { $0.metadata.id == id }) else { return }
        let runner = Runner(packs: [Self.pack], selection: RuleSelection(disabled: Set(Self.ids).subtracting([id])),
                            now: TimestampParser().parse("2024-08-01 00:00")!)
        for example in rule.metadata.examples.fail {
            let (diagnostics, expected) = Self.run(example, runner: runner)
            let own = diagnostics.filter { $0.rule == id }
            #expect(!own.isEmpty, "\(id) should fire on \(example.displayText)")
            if !expected.isEmpty {
                let got = Set(own.map { Marker(line: $0.span.start.line, start: $0.span.start.column, end: $0.span.end.column) })
                #expect(got == expected, "\(id) on \(example.displayText): spans \(got.sorted()) != markers \(expected.sorted())")
            }
            for diagnostic in own {
                for text in [diagnostic.message.zh, diagnostic.message.en] {
                    #expect(!text.isEmpty && text.range(of: #"\{[A-Za-z]+\}"#, options: .regularExpression) == nil,
                            "\(id): message not filled in: \(text)")
                }
            }
        }
        for example in rule.metadata.examples.pass {
            let (diagnostics, _) = Self.run(example, runner: runner)
            let own = diagnostics.filter { $0.rule == id }
            #expect(own.isEmpty, "\(id) should not fire on \(example.displayText): \(own.map(\.message.en))")
        }
    }

    struct Marker: Hashable, Comparable, CustomStringConvertible {
        var line: Int, start: Int, end: Int
        static func < (a: Marker, b: Marker) -> Bool { (a.line, a.start, a.end) < (b.line, b.start, b.end) }
        var description: String { "\(line):\(start)-\(end)" }
    }

    /// Runs one example; each value is placed on a line of its own so markers map to spans.
    static func run(_ example: RuleExample, runner: Runner) -> ([Diagnostic], Set<Marker>) {
        switch example {
        case .input(let line):
            var diagnostics: [Diagnostic] = []
            JSONLinesReader().read(from: ByteSource(bytes: Array(line.utf8))) { event in
                switch event {
                case .record(let record): diagnostics += runner.diagnostics(for: record, file: "example.jsonl")
                case .failure(let failure): diagnostics.append(runner.diagnostic(for: failure, file: "example.jsonl"))
                }
            }
            return (diagnostics, [])
        case .record(let fields):
            var markers = Set<Marker>()
            var line = 0
            func value(_ marked: String) -> FieldValue {
                line += 1
                let (text, ranges) = stripMarkers(marked)
                for range in ranges { markers.insert(Marker(line: line, start: range.lowerBound + 1, end: range.upperBound + 1)) }
                return FieldValue(text: text, source: SourceText(start: SourcePosition(line: line, column: 1)))
            }
            var record = RawRecord(index: 0, start: SourcePosition(line: 1000, column: 1))
            for (name, example) in fields {
                switch example {
                case .text(let text):
                    record.fields.append(RawField(name: name, value: value(text)))
                case .items(let items):
                    line += 1
                    let list = items.map { item -> FieldItem in
                        if let plain = item[""] { return FieldItem(value: value(plain)) }
                        var members: [String: FieldValue] = [:]
                        for key in item.keys.sorted() { members[key] = value(item[key] ?? "") }
                        return FieldItem(value: FieldValue(text: "", source: SourceText(start: SourcePosition(line: line, column: 1)),
                                                           shape: .object), members: members)
                    }
                    record.fields.append(RawField(name: name, value: FieldValue(text: "", source: SourceText(start: SourcePosition(line: line, column: 1)),
                                                           shape: .list(list))))
                }
            }
            return (runner.diagnostics(for: record, file: "example.json"), markers)
        }
    }

    /// The text without `«` `»`, and the scalar ranges they enclosed.
    static func stripMarkers(_ marked: String) -> (String, [Range<Int>]) {
        var text = String.UnicodeScalarView()
        var ranges: [Range<Int>] = []
        var open: Int?
        for scalar in marked.unicodeScalars {
            if scalar == "«" { open = text.count }
            else if scalar == "»", let start = open { ranges.append(start..<text.count); open = nil }
            else { text.append(scalar) }
        }
        return (String(text), ranges)
    }
}
