import Foundation
import ReplyLintCore
import ReplyLintReporters

/// Writes the reports that can be written piece by piece (`text`, `compact`, `jsonl`, `github`)
/// while the input is being read, so that memory does not grow with the number of findings: an
/// audit of a 1 GB export with millions of findings otherwise holds every diagnostic and the
/// whole rendered report at once. Files given with `--output` are written to a temporary file
/// beside them and renamed at the end.
final class StreamingOutput {
    private struct Target {
        var reporter: any IncrementalReporter
        var context: ReportContext
        var state = ReportStreamState()
        var descriptor: Int32
        var path: String?
        var temporaryPath: String?
        var buffer: [UInt8] = []
    }

    private var targets: [Target] = []
    /// Bytes gathered per target before a write.
    private let flushSize = 256 * 1024

    /// Opens every target of `plan` (each format must have an incremental reporter); `context`
    /// gives each target's report context (colour differs between a terminal and a file). Throws
    /// when a file cannot be created.
    init(plan: OutputPlan, context: (OutputPlan.Target) -> ReportContext) throws {
        for target in plan.targets {
            guard let reporter = target.format.incrementalReporter else {
                preconditionFailure("\(target.format) cannot be streamed")
            }
            guard let path = target.path else {
                targets.append(Target(reporter: reporter, context: context(target), descriptor: STDOUT_FILENO))
                continue
            }
            let temporary = path + ".replylint-\(getpid()).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            targets.append(Target(reporter: reporter, context: context(target), descriptor: descriptor, path: path,
                                  temporaryPath: temporary))
        }
    }

    /// Renders `diagnostics` (in report order) to every target.
    func write(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        // Each report appends to its target's buffer in place, through the array's storage: one
        // exclusive access for the loop instead of a copy of the target (its reporter, context
        // and buffer retained) and three checked accesses per call, and no `String` per part.
        let flushSize = self.flushSize
        targets.withUnsafeMutableBufferPointer { targets in
            for index in targets.indices {
                targets[index].reporter.renderPart(diagnostics, context: targets[index].context,
                                                   state: &targets[index].state, into: &targets[index].buffer)
                if targets[index].buffer.count >= flushSize { Self.flush(&targets[index]) }
            }
        }
    }

    /// The targets, when every one can render a part apart from the others (no state carried
    /// between parts): workers then render their own batches (`RenderedPart`); `nil` otherwise.
    var partTargets: [(reporter: any LineOrientedReporter, context: ReportContext)]? {
        var parts: [(reporter: any LineOrientedReporter, context: ReportContext)] = []
        for target in targets {
            guard let reporter = target.reporter as? any LineOrientedReporter else { return nil }
            parts.append((reporter, target.context))
        }
        return parts
    }

    /// Appends a part that was rendered with `partTargets` to every target.
    func write(_ part: RenderedPart) {
        let flushSize = self.flushSize
        targets.withUnsafeMutableBufferPointer { targets in
            for index in targets.indices where index < part.bytes.count && !part.bytes[index].isEmpty {
                targets[index].buffer.append(contentsOf: part.bytes[index])
                if targets[index].buffer.count >= flushSize { Self.flush(&targets[index]) }
            }
        }
    }

    /// Writes every report's closing part with the final `summary`, flushes and closes every
    /// target, and moves finished files into place.
    func finish(summary: ReportSummary) throws {
        for index in targets.indices {
            targets[index].context.summary = summary
            let end = targets[index].reporter.renderEnd(context: targets[index].context, state: targets[index].state)
            targets[index].buffer.append(contentsOf: end.utf8)
            Self.flush(&targets[index])
            let target = targets[index]
            guard let path = target.path, let temporary = target.temporaryPath else { continue }
            close(target.descriptor)
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
            }
        }
        targets.removeAll()
    }

    private static func flush(_ target: inout Target) {
        let descriptor = target.descriptor
        target.buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        target.buffer.removeAll(keepingCapacity: true)
    }
}
