import ReplyLintCore
import ReplyLintReporters

/// A batch's findings already written as report bytes by the thread that found them, one buffer
/// per streamed target, with their severities counted. The reading thread then only copies bytes:
/// rendering there read every diagnostic a worker made (retaining strings another core owns,
/// filling messages from the worker's values), and that traffic made `--jobs 2` cost 10–17%
/// more CPU per record than `--jobs 1`.
struct RenderedPart: Sendable {
    /// Each target's bytes, in the order of the targets (none before the first `render`).
    var bytes: [[UInt8]] = []
    /// The severities of every finding rendered (shown or not: `--quiet` still counts them).
    var counts = ReportSummary()

    /// A part with nothing rendered yet.
    init() {}

    /// Appends `diagnostics` (in report order) rendered with each of `targets`; with
    /// `errorsOnly`, only errors are written. Called per record, so that a batch's diagnostics
    /// are never gathered into one array (appending arrays copied every diagnostic, a dozen
    /// references retained and released). Only reporters that carry no state between parts may
    /// render a part apart from the others (`LineOrientedReporter`).
    mutating func render(_ diagnostics: [Diagnostic], targets: [(reporter: any LineOrientedReporter, context: ReportContext)],
                         errorsOnly: Bool) {
        guard !diagnostics.isEmpty else { return }
        counts.count(diagnostics)
        if bytes.isEmpty { bytes = Array(repeating: [], count: targets.count) }
        let shown = errorsOnly ? diagnostics.filter { $0.severity == .error } : diagnostics
        for index in targets.indices {
            var state = ReportStreamState()
            targets[index].reporter.renderPart(shown, context: targets[index].context, state: &state, into: &bytes[index])
        }
    }
}
