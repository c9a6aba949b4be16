import Foundation
import ReplyLintCore

/// `compact`: `FILE:LINE:COL: SEVERITY: MESSAGE [RULE]`, one line per finding (gcc style, for
/// editors' problem matchers). Line breaks inside messages are folded to spaces.
public struct CompactReporter: Reporter {
    /// Creates the reporter.
    public init() {}

    public func render(_ diagnostics: [Diagnostic], context: ReportContext) -> String {
        // Bytes appended to one buffer and decoded once: a dozen `String` appends per line (each
        // re-checking capacity, ASCII and NFC flags) and `String(Int)` were 2.6% of a run.
        var report: [UInt8] = []
        report.reserveCapacity(diagnostics.count * 200)
        for diagnostic in diagnostics {
            Self.append(diagnostic.file, to: &report)
            report.append(UInt8(ascii: ":"))
            Self.append(decimal: diagnostic.span.start.line, to: &report)
            report.append(UInt8(ascii: ":"))
            Self.append(decimal: diagnostic.span.start.column, to: &report)
            report.append(contentsOf: Self.colonSpace)
            Self.append(diagnostic.severity.rawValue, to: &report)
            report.append(contentsOf: Self.colonSpace)
            var text = diagnostic.message.text(context.language)
            // memchr rather than a byte closure: the check runs over every message.
            let hasBreak = text.withUTF8 { bytes in
                guard let base = bytes.baseAddress else { return false }
                return memchr(base, 0x0A, bytes.count) != nil || memchr(base, 0x0D, bytes.count) != nil
            }
            if hasBreak {
                // Rare: fold line breaks exactly as before (Character-wise, so CR LF is one break).
                text = text.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).joined(separator: " ")
            }
            Self.append(text, to: &report)
            report.append(contentsOf: Self.spaceBracket)
            Self.append(diagnostic.rule, to: &report)
            report.append(contentsOf: Self.bracketNewline)
        }
        return String(decoding: report, as: UTF8.self)
    }

    private static let colonSpace: [UInt8] = Array(": ".utf8)
    private static let spaceBracket: [UInt8] = Array(" [".utf8)
    private static let bracketNewline: [UInt8] = Array("]\n".utf8)

    private static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `number` in decimal, as `String(number)` writes it.
    private static func append(decimal number: Int, to bytes: inout [UInt8]) {
        guard number >= 0 else { return append(String(number), to: &bytes) }
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }
}
