import Foundation
import ReplyLintCore
import ReplyLintReporters

/// Writes line-oriented reports (`compact`, `jsonl`, `github`) while the input is being read, so
/// that memory does not grow with the number of findings: an audit of a 1 GB export with millions
/// of findings otherwise holds every diagnostic and the whole rendered report at once. Files given
/// with `--output` are written to a temporary file beside them and renamed at the end.
final class StreamingOutput {
    private struct Target {
        var reporter: any Reporter
        var descriptor: Int32
        var path: String?
        var temporaryPath: String?
        var buffer: [UInt8] = []
    }

    private var targets: [Target] = []
    private let context: ReportContext
    /// Bytes gathered per target before a write.
    private let flushSize = 256 * 1024

    /// Opens every target of `plan` (all must be line-oriented); throws when a file cannot be created.
    init(plan: OutputPlan, context: ReportContext) throws {
        self.context = context
        for target in plan.targets {
            guard let path = target.path else {
                targets.append(Target(reporter: target.format.reporter, descriptor: STDOUT_FILENO))
                continue
            }
            let temporary = path + ".replylint-\(getpid()).tmp"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
            targets.append(Target(reporter: target.format.reporter, descriptor: descriptor, path: path, temporaryPath: temporary))
        }
    }

    /// Renders `diagnostics` (in report order) to every target.
    func write(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        for index in targets.indices {
            // Rendered before the buffer is touched: appending inside an expression that also reads
            // `targets[index]` made the buffer non-unique, so every batch copied the whole buffer.
            let rendered = targets[index].reporter.render(diagnostics, context: context)
            targets[index].buffer.append(contentsOf: rendered.utf8)
            if targets[index].buffer.count >= flushSize { flush(index) }
        }
    }

    /// Flushes and closes every target, moving finished files into place.
    func finish() throws {
        for index in targets.indices {
            flush(index)
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

    private func flush(_ index: Int) {
        targets[index].buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count, let base = bytes.baseAddress {
                let written = Foundation.write(targets[index].descriptor, base + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
        targets[index].buffer.removeAll(keepingCapacity: true)
    }
}
