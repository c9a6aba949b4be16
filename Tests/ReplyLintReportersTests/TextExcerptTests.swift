import ReplyLintCore
import ReplyLintReporters
import Testing

/// The `text` report cuts its excerpt from the line's bytes; it must show exactly what the
/// scalar-array version showed (kept here as the reference) for every kind of line and span.
@Suite struct TextExcerptTests {
    /// The excerpt lines as `TextReporter` built them from arrays of the line's scalars.
    static func reference(_ span: SourceSpan, _ source: String) -> String {
        var bytes = Array(source.utf8)
        bytes.removeAll { $0 == 0x0D }
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = []
        var offset = 0
        for scalar in source.unicodeScalars where scalar != "\r" {
            starts.append(offset)
            scalars.append(scalar)
            offset += UTF8.width(scalar)
        }
        starts.append(offset)
        let count = scalars.count
        func columns(_ index: Int) -> Int { TextReporter.columns(scalars[index]) }
        let start = min(max(span.start.column - 1, 0), count)
        let end = span.end.line == span.start.line ? min(max(span.end.column - 1, start), count) : count
        var from = start
        var width = 0
        while from > 0, width < 24 { from -= 1; width += columns(from) }
        var to = from
        var used = 0
        while to < count, used + columns(to) <= 96 || to < end {
            used += columns(to); to += 1
            if used > 96 * 2 { break }
        }
        var shown = Array(bytes[starts[from]..<starts[to]])
        for index in shown.indices where shown[index] == 0x09 { shown[index] = 0x20 }
        let lead = from > 0 ? "..." : ""
        let gutter = "    \(span.start.line) | "
        let indent = (from..<start).reduce(0) { $0 + columns($1) }
        let underline = (start..<min(max(end, start), to)).reduce(0) { $0 + columns($1) }
        var marker = [UInt8](repeating: 0x20, count: gutter.utf8.count - 2)
        marker += Array("| ".utf8)
        marker += [UInt8](repeating: 0x20, count: lead.utf8.count + indent)
        marker.append(UInt8(ascii: "^"))
        marker += [UInt8](repeating: UInt8(ascii: "~"), count: max(underline - 1, 0))
        return gutter + lead + String(decoding: shown, as: UTF8.self) + (to < count ? "..." : "") + "\n"
            + String(decoding: marker, as: UTF8.self) + "\n"
    }

    @Test func excerptsMatchTheScalarVersion() {
        let lines = ["", "short", "客户\t已撤诉\r", String(repeating: "长行😀a\u{301}\u{200B}", count: 60),
                     "\r\n" + String(repeating: "x,", count: 150) + "处理情况", "\t\t𠀀𠀀 end",
                     String(repeating: "客户已撤诉", count: 80), String(repeating: "é", count: 500) + "x"]
        let columns = [-3, 0, 1, 2, 5, 20, 40, 80, 150, 400]
        for source in lines {
            for start in columns {
                for (endLine, width) in [(7, 0), (7, 3), (7, 60), (7, 300), (8, 2)] {
                    let span = SourceSpan(start: SourcePosition(line: 7, column: start),
                                          end: SourcePosition(line: endLine, column: start + width))
                    let diagnostic = Diagnostic(rule: "r", severity: .warning, message: LocalizedText(zh: "m", en: "m"),
                                                file: "f", span: span, record: nil, recordId: nil, field: nil, fieldName: nil)
                    let context = ReportContext(language: .en, toolVersion: "1", summary: ReportSummary(),
                                                sourceLine: { _, _ in source })
                    var state = ReportStreamState()
                    let text = TextReporter().renderPart([diagnostic], context: context, state: &state)
                    #expect(text.hasSuffix(Self.reference(span, source)), "\(source.prefix(20)) \(start) \(endLine) \(width)")
                }
            }
        }
    }
}
