import ReplyLintCore
import ReplyLintReporters

/// A batch's findings already written as report bytes by the thread that found them, one buffer
/// per streamed target, with their severities counted. The reading thread then only copies bytes:
/// rendering there read every diagnostic a worker made (retaining strings another core owns,
/// filling messages from the worker's values), and that traffic made `--jobs 2` cost 10–17%
/// more CPU per record than `--jobs 1`.
struct RenderedPart: Sendable {
    /// Each target's bytes, in the order of the targets.
    var bytes: [[UInt8]]
    /// The severities of every finding of the batch (shown or not: `--quiet` still counts them).
    var counts: ReportSummary

    /// Renders `diagnostics` (in report order) with each of `targets`; with `errorsOnly`, only
    /// errors are written. Only reporters that carry no state between parts may render a part
    /// apart from the others (`LineOrientedReporter`).
    init(_ diagnostics: [Diagnostic], targets: [(reporter: any LineOrientedReporter, context: ReportContext)],
         errorsOnly: Bool) {
        counts = ReportSummary()
        counts.count(diagnostics)
        let shown = errorsOnly ? diagnostics.filter { $0.severity == .error } : diagnostics
        bytes = targets.map { target in
            var state = ReportStreamState()
            var out: [UInt8] = []
            out.reserveCapacity(shown.count * 160)
            target.reporter.renderPart(shown, context: target.context, state: &state, into: &out)
            return out
        }
    }
}
