import ReplyLintCore

/// `text`: for people. Findings grouped by file, each with its position, severity, message and
/// rule, the source line with the offending text underlined, and a closing summary line.
public struct TextReporter: IncrementalReporter {
    /// Longest excerpt shown, in terminal columns.
    let excerptWidth = 96

    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var state = ReportStreamState()
        return renderPart(diagnostics, context: context, state: &state) + renderEnd(context: context, state: state)
    }

    /// The findings of `diagnostics`, with a file heading whenever the file changes.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState) -> String {
        let zh = context.language == .zh
        var out = ""
        for diagnostic in diagnostics {
            if diagnostic.file != state.currentFile {
                if state.currentFile != nil { out += "\n" }
                out += paint(diagnostic.file, "1;4", context) + "\n"
                state.currentFile = diagnostic.file
            }
            let severityColor = diagnostic.severity == .error ? "31" : diagnostic.severity == .warning ? "33" : "36"
            let place = "\(diagnostic.span.start.line):\(diagnostic.span.start.column)"
            let record = diagnostic.recordId.map { zh ? " 工单 \($0)" : " record \($0)" } ?? ""
            out += "  " + paint(place, "2", context) + "  " + paint(diagnostic.severity.label(context.language), severityColor, context)
                + "  " + diagnostic.message.text(context.language) + "  " + paint("[\(diagnostic.rule)]", "2", context)
                + paint(record, "2", context) + "\n"
            if let excerpt = excerpt(diagnostic, context: context) {
                out += paint(excerpt.line, "2", context) + "\n" + paint(excerpt.marker, severityColor, context) + "\n"
            }
        }
        return out
    }

    /// The closing summary line (after a blank line when findings were shown).
    public func renderEnd(context: ReportContext, state: ReportStreamState) -> String {
        let zh = context.language == .zh
        let summary = context.summary
        var out = state.currentFile != nil ? "\n" : ""
        let problems = summary.errors + summary.warnings + summary.infos
        let mark = problems == 0 ? paint("✔", "32", context) : paint("✖", summary.errors > 0 ? "31" : "33", context)
        if zh {
            out += "\(mark) \(summary.files) 个文件，\(summary.records) 条记录：\(summary.errors) 个错误，\(summary.warnings) 个警告"
                + (summary.infos > 0 ? "，\(summary.infos) 个提示" : "") + "\n"
        } else {
            out += "\(mark) \(summary.files) file\(summary.files == 1 ? "" : "s"), \(summary.records) record\(summary.records == 1 ? "" : "s"): "
                + "\(summary.errors) error\(summary.errors == 1 ? "" : "s"), \(summary.warnings) warning\(summary.warnings == 1 ? "" : "s")"
                + (summary.infos > 0 ? ", \(summary.infos) info" : "") + "\n"
        }
        return out
    }

    private func paint(_ text: String, _ code: String, _ context: ReportContext) -> String {
        context.color ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// The source line around the span and a `^~~~` marker under it, both clipped to the width.
    private func excerpt(_ diagnostic: Diagnostic, context: ReportContext) -> (line: String, marker: String)? {
        guard let source = context.sourceLine(diagnostic.file, diagnostic.span.start.line) else { return nil }
        // The shown text is cut from the line's UTF-8 bytes: building it scalar by scalar through
        // `filter`, `map` and `UnicodeScalarView.append` cost 200,000 instructions per finding on
        // a 700-byte JSON line, more than linting the record.
        var bytes = Array(source.utf8)
        bytes.removeAll { $0 == 0x0D }
        var scalars: [Unicode.Scalar] = []
        var starts: [Int] = []  // byte offset of each scalar, then the end
        scalars.reserveCapacity(bytes.count)
        starts.reserveCapacity(bytes.count + 1)
        var offset = 0
        for scalar in source.unicodeScalars where scalar != "\r" {
            starts.append(offset)
            scalars.append(scalar)
            offset += UTF8.width(scalar)
        }
        starts.append(offset)
        let count = scalars.count
        func columns(_ index: Int) -> Int { Self.columns(scalars[index]) }

        let start = min(max(diagnostic.span.start.column - 1, 0), count)
        let end = diagnostic.span.end.line == diagnostic.span.start.line
            ? min(max(diagnostic.span.end.column - 1, start), count) : count
        // Show a window that starts a little before the span.
        var from = start
        var width = 0
        while from > 0, width < 24 { from -= 1; width += columns(from) }
        var to = from
        var used = 0
        while to < count, used + columns(to) <= excerptWidth || to < end {
            used += columns(to); to += 1
            if used > excerptWidth * 2 { break }
        }
        var shown = Array(bytes[starts[from]..<starts[to]])
        for index in shown.indices where shown[index] == 0x09 { shown[index] = 0x20 }
        let lead = from > 0 ? "..." : ""
        let gutter = "    \(diagnostic.span.start.line) | "
        let indent = (from..<start).reduce(0) { $0 + columns($1) }
        let underline = (start..<min(max(end, start), to)).reduce(0) { $0 + columns($1) }
        var marker = [UInt8](repeating: 0x20, count: gutter.utf8.count - 2)
        marker += Array("| ".utf8)
        marker += [UInt8](repeating: 0x20, count: lead.utf8.count + indent)
        marker.append(UInt8(ascii: "^"))
        marker += [UInt8](repeating: UInt8(ascii: "~"), count: max(underline - 1, 0))
        return (gutter + lead + String(decoding: shown, as: UTF8.self) + (to < count ? "..." : ""),
                String(decoding: marker, as: UTF8.self))
    }

    /// Terminal columns of a scalar: 2 for East Asian wide and full-width forms, 0 for invisible ones.
    public static func columns(_ scalar: Unicode.Scalar) -> Int {
        switch scalar.value {
        case 0x200B...0x200D, 0x2060, 0xFEFF, 0x0300...0x036F: return 0
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return 2
        default: return 1
        }
    }
}
