import Foundation
import ReplyLintCore

/// `compact`: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`, one line per finding (gcc style, for
/// editors' problem matchers). Line breaks inside messages are folded to spaces.
public struct CompactReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        var report: [UInt8] = []
        report.reserveCapacity(diagnostics.count * 200)
        write(diagnostics, language: context.language, into: &report)
        return String(decoding: report, as: UTF8.self)
    }

    /// The lines, appended: a streamed report writes them into its output buffer, with no
    /// `String` made of them and decoded (validating them cost 1,800 instructions per finding).
    public func renderPart(_ diagnostics: [Diagnostic], context: ReportContext, state: inout ReportStreamState,
                           into output: inout [UInt8]) {
        write(diagnostics, language: context.language, into: &output)
    }

    private func write(_ diagnostics: [Diagnostic], language: Language, into report: inout [UInt8]) {
        // Bytes appended to one buffer: a dozen `String` appends per line (each re-checking
        // capacity, ASCII and NFC flags) and `String(Int)` were 2.6% of a run.
        // Fields are read in place: copying each Diagnostic (a dozen strings) cost more than
        // writing its line.
        for index in diagnostics.indices {
            let start = diagnostics[index].span.start
            if start.line >= 0, start.column >= 0 {
                // The usual case, staged and appended at once (see `appendStaged`).
                let severity = diagnostics[index].severity.name
                Self.withUTF8(diagnostics[index].file) { file in
                    report.appendStaged(capacity: file.count + 48) { out in
                        var writer = StagedWriter(out)
                        writer.put(file)
                        writer.put(UInt8(ascii: ":"))
                        writer.put(decimal: start.line)
                        writer.put(UInt8(ascii: ":"))
                        writer.put(decimal: start.column)
                        writer.put(": ")
                        writer.put(severity)
                        writer.put(": ")
                        return writer.count
                    }
                }
            } else {
                report.append(utf8: diagnostics[index].file)
                report.append(UInt8(ascii: ":"))
                report.append(decimal: start.line)
                report.append(UInt8(ascii: ":"))
                report.append(decimal: start.column)
                report.append(ascii: ": ")
                report.append(ascii: diagnostics[index].severity.name)
                report.append(ascii: ": ")
            }
            // The message is filled straight into the report (see `LocalizedText.append`).
            let messageStart = report.count
            diagnostics[index].message.append(language, to: &report)
            // memchr rather than a byte closure: the check runs over every message.
            let hasBreak = report.withUnsafeBufferPointer { bytes in
                let message = UnsafeBufferPointer(rebasing: bytes[messageStart...])
                guard let base = message.baseAddress else { return false }
                return memchr(base, 0x0A, message.count) != nil || memchr(base, 0x0D, message.count) != nil
            }
            if hasBreak {
                // Rare: fold line breaks exactly as before (Character-wise, so CR LF is one break).
                let text = String(decoding: report[messageStart...], as: UTF8.self)
                report.removeSubrange(messageStart...)
                report.append(utf8: text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " "))
            }
            Self.withUTF8(diagnostics[index].rule) { rule in
                report.appendStaged(capacity: rule.count + 3) { out in
                    var writer = StagedWriter(out)
                    writer.put(" [")
                    writer.put(rule)
                    writer.put("]\n")
                    return writer.count
                }
            }
        }
    }

    /// Calls `body` with `text`'s UTF-8, read in place when it is contiguous.
    @inline(__always)
    private static func withUTF8(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if text.utf8.withContiguousStorageIfAvailable(body) == nil {
            var text = text
            text.withUTF8(body)
        }
    }
}
