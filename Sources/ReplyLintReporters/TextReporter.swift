import Foundation
import ReplyLintCore

/// `text`: for people. Findings grouped by file, each with its position, severity, message and
/// rule, the source line with the offending text underlined, and a closing summary line.
public struct TextReporter: ByteWritingReporter {
    /// Longest excerpt shown, in terminal columns.
    let excerptWidth = 96

    /// Creates the reporter.
    public init() {}

    /// The findings of `diagnostics`, with a file heading whenever the file changes, written as
    /// bytes into `output`: a dozen `String` concatenations and
    /// interpolations per finding, and an excerpt that decoded the whole source line into arrays
    /// of scalars and offsets, cost 87,000 instructions per finding.
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into out: inout [UInt8]) {
        let zh = context.language == .zh
        let color = context.color
        var line: [UInt8] = []
        // Read in place: `for diagnostic in` copied each one (a dozen references retained).
        for index in diagnostics.indices {
            if diagnostics[index].file != state.currentFile {
                if state.currentFile != nil { out.append(0x0A) }
                Self.paint("1;4", color, &out) { $0.append(utf8: diagnostics[index].file) }
                out.append(0x0A)
                state.currentFile = diagnostics[index].file
            }
            let severityColor: StaticString = diagnostics[index].severity == .error ? "31" : diagnostics[index].severity == .warning ? "33" : "36"
            out.append(ascii: "  ")
            Self.paint("2", color, &out) {
                $0.append(decimal: diagnostics[index].span.start.line)
                $0.append(UInt8(ascii: ":"))
                $0.append(decimal: diagnostics[index].span.start.column)
            }
            out.append(ascii: "  ")
            Self.paint(severityColor, color, &out) { $0.append(utf8: diagnostics[index].severity.label(context.language)) }
            out.append(ascii: "  ")
            diagnostics[index].message.append(context.language, to: &out)
            out.append(ascii: "  ")
            Self.paint("2", color, &out) {
                $0.append(UInt8(ascii: "["))
                $0.append(utf8: diagnostics[index].rule)
                $0.append(UInt8(ascii: "]"))
            }
            Self.paint("2", color, &out) {
                guard let id = diagnostics[index].recordId else { return }
                $0.append(utf8: zh ? " 工单 " : " record ")
                $0.append(utf8: id)
            }
            out.append(0x0A)
            if let source = context.sourceLine(diagnostics[index].file, diagnostics[index].span.start.line) {
                var marker: [UInt8] = []
                excerpt(diagnostics[index].span, of: source, line: &line, marker: &marker)
                Self.paint("2", color, &out) { $0.append(contentsOf: line) }
                out.append(0x0A)
                Self.paint(severityColor, color, &out) { $0.append(contentsOf: marker) }
                out.append(0x0A)
            }
        }
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

    /// What `write` appends, wrapped in the ANSI colour `code` when `color` is on.
    private static func paint(_ code: StaticString, _ color: Bool, _ out: inout [UInt8], _ write: (inout [UInt8]) -> Void) {
        if color {
            out.append(ascii: "\u{1B}[")
            out.append(ascii: code)
            out.append(UInt8(ascii: "m"))
        }
        write(&out)
        if color { out.append(ascii: "\u{1B}[0m") }
    }

    /// The source line around `span` (into `line`, replacing what it held) and a `^~~~` marker
    /// under it (into `marker`), both clipped to the width. Works on the line's UTF-8 in place
    /// (copied only to drop carriage returns), stepping scalar by scalar only up to the window
    /// and over the part it measures or shows: source lines of JSON Lines inputs are whole
    /// records, thousands of bytes.
    private func excerpt(_ span: SourceSpan, of source: String, line: inout [UInt8], marker: inout [UInt8]) {
        line.removeAll(keepingCapacity: true)
        var source = source
        source.withUTF8 { bytes in
            guard let base = bytes.baseAddress, memchr(base, 0x0D, bytes.count) != nil else {
                return excerpt(span, of: bytes, line: &line, marker: &marker)
            }
            let kept = bytes.filter { $0 != 0x0D }
            kept.withUnsafeBufferPointer { excerpt(span, of: $0, line: &line, marker: &marker) }
        }
    }

    private func excerpt(_ span: SourceSpan, of bytes: UnsafeBufferPointer<UInt8>, line: inout [UInt8], marker: inout [UInt8]) {
        let count = bytes.count
        /// The byte offset `scalars` scalars after `offset` (or the end). Eight bytes at a time
        /// while the scalars they start are all to be passed: spans sit hundreds of scalars into
        /// a JSON Lines record, and stepping scalar by scalar cost 1,900 instructions a call
        /// (`--format text`, 10,000 replies: 1,001.6 M -> 975.9 M with the marker and tab changes).
        func advance(_ offset: Int, by scalars: Int) -> Int {
            var offset = offset
            var left = scalars
            while left >= 8, count - offset >= 8 {
                // Lead bytes (not 10xxxxxx) among the eight: each starts a scalar. A block may end
                // inside a scalar; the next one then starts with its continuation bytes, which
                // count for nothing.
                let word = UInt64(littleEndian: UnsafeRawPointer(bytes.baseAddress! + offset).loadUnaligned(as: UInt64.self))
                let leads = 8 - (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                guard leads <= left else { break }
                offset += 8
                left -= leads
            }
            // Back on a scalar boundary: past the rest of the scalar the last block ended in.
            while offset < count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            while left > 0, offset < count { offset += Self.width(bytes[offset]); left -= 1 }
            return offset
        }
        let firstColumn = max(span.start.column - 1, 0)
        let start = advance(0, by: firstColumn)
        let end = span.end.line == span.start.line
            ? advance(start, by: max(span.end.column - 1, firstColumn) - firstColumn) : count
        // Show a window that starts a little before the span.
        var from = start
        var indent = 0
        while from > 0, indent < 24 {
            from -= 1
            while from > 0, bytes[from] & 0xC0 == 0x80 { from -= 1 }
            indent += Self.columns(at: from, in: bytes)
        }
        var to = from
        var used = 0
        var underline = 0
        while to < count {
            let columns = Self.columns(at: to, in: bytes)
            guard used + columns <= excerptWidth || to < end else { break }
            used += columns
            if to >= start, to < end { underline += columns }
            to += Self.width(bytes[to])
            if used > excerptWidth * 2 { break }
        }
        let lead: StaticString = from > 0 ? "..." : ""
        line.append(ascii: "    ")
        line.append(decimal: span.start.line)
        line.append(ascii: " | ")
        let gutter = line.count
        line.append(ascii: lead)
        let shown = line.count
        line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[from..<to]))
        // Tabs are rare: looked for with memchr before the line is walked.
        let hasTab = line.withUnsafeBufferPointer { memchr($0.baseAddress! + shown, 0x09, $0.count - shown) != nil }
        if hasTab { for index in shown..<line.count where line[index] == 0x09 { line[index] = 0x20 } }
        if to < count { line.append(ascii: "...") }
        // One staged append: appending `repeatElement`s went element by element (460
        // instructions each, three per finding).
        let pad = gutter - 2
        let indentWidth = lead.utf8CodeUnitCount + indent
        let tildes = max(underline - 1, 0)
        marker.appendStaged(capacity: pad + 3 + indentWidth + tildes) { out in
            out.initialize(repeating: UInt8(ascii: " "), count: pad)
            out[pad] = UInt8(ascii: "|")
            (out + pad + 1).initialize(repeating: UInt8(ascii: " "), count: 1 + indentWidth)
            out[pad + 2 + indentWidth] = UInt8(ascii: "^")
            (out + pad + 3 + indentWidth).initialize(repeating: UInt8(ascii: "~"), count: tildes)
            return pad + 3 + indentWidth + tildes
        }
    }

    /// Terminal columns of the scalar whose UTF-8 starts at `offset` of `bytes`.
    private static func columns(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes[offset] < 0x80 ? 1 : columns(scalar(at: offset, in: bytes))
    }

    /// The length of the UTF-8 sequence that `lead` starts.
    private static func width(_ lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    }

    /// The scalar whose UTF-8 starts at `offset` of valid UTF-8 `bytes`.
    private static func scalar(at offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        let lead = UInt32(bytes[offset])
        func next(_ index: Int) -> UInt32 { UInt32(bytes[offset + index] & 0x3F) }
        let value: UInt32
        switch width(bytes[offset]) {
        case 1: value = lead
        case 2: value = (lead & 0x1F) << 6 | next(1)
        case 3: value = (lead & 0x0F) << 12 | next(1) << 6 | next(2)
        default: value = (lead & 0x07) << 18 | next(1) << 12 | next(2) << 6 | next(3)
        }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
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
