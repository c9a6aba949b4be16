import ReplyLintCore
import ReplyLintReporters
import Testing

/// Streamed reports append their parts to an output buffer; the bytes must be exactly the text
/// the string-returning `renderPart` gives, part after part, whatever the buffer held before.
@Suite struct RenderIntoBytesTests {
    static var batches: [[Diagnostic]] {
        let filled = LocalizedText(zh: "“{field}”写明“{text}”", en: "\"{field}\" says \"{text}\"")
            .filling(["field": "处理情况", "text": ReportSamples.nasty])
        var withFilledMessage = ReportSamples.diagnostic(line: 7)
        withFilledMessage.message = filled
        return [[ReportSamples.diagnostic(), withFilledMessage], [], [ReportSamples.diagnostic(message: "plain", line: 9)]]
    }

    @Test func bytesMatchTheStringParts() {
        for format in ReportFormat.allCases {
            guard let reporter = format.incrementalReporter else { continue }
            for language in Language.allCases {
                let context = ReportSamples.context(language)
                var textState = ReportStreamState()
                var bytesState = ReportStreamState()
                var expected = Array("earlier output".utf8)
                var bytes = expected
                for batch in Self.batches {
                    expected += Array(reporter.renderPart(batch, context: context, state: &textState).utf8)
                    reporter.renderPart(batch, context: context, state: &bytesState, into: &bytes)
                    #expect(bytes == expected, "\(format) \(language)")
                }
                #expect(reporter.renderEnd(context: context, state: bytesState) == reporter.renderEnd(context: context, state: textState))
            }
        }
    }
}
