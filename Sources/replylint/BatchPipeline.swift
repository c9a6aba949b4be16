import Foundation
import ReplyLintCore
import ReplyLintReaders

/// Runs the rules over one input on several cores with output in input order.
///
/// Reading is sequential (a byte stream with positions), so the calling thread reads records
/// into batches of `batchSize` and hands them to `jobs` worker threads; results come back in
/// input order, whatever thread finished first, so the report is identical for every `--jobs`.
/// At most `maxInFlight` batches exist at a time (the reader waits for the oldest one), so memory
/// stays flat however long the input is, and no record outlives its batch.
struct BatchPipeline {
    /// The rules (immutable, shared by the workers).
    let runner: Runner
    /// Worker threads; 1 evaluates on the calling thread with no threads at all.
    let jobs: Int
    /// Records per batch: big enough that handing a batch over is negligible next to linting it.
    var batchSize = 1024

    /// Batches read but not yet emitted, at most.
    var maxInFlight: Int { 2 * max(jobs, 1) + 1 }

    /// Reads `source` with `reader` and calls `emit` with every event and its diagnostics, in
    /// input order, on the calling thread.
    func run(reader: any RecordReader, source: ByteSource, file: String,
             emit: (ReaderEvent, [Diagnostic]) -> Void) {
        guard jobs > 1 else {
            reader.read(from: source) { event in emit(event, Self.diagnostics(for: event, runner: runner, file: file)) }
            return
        }
        let exchange = Exchange()
        var batch: [ReaderEvent] = []
        batch.reserveCapacity(batchSize)
        var workersStarted = false
        reader.read(from: source) { event in
            batch.append(event)
            guard batch.count >= batchSize else { return }
            // Threads only once an input is big enough to fill a batch: a folder of small files
            // is linted inline, without starting threads per file.
            if !workersStarted {
                workersStarted = true
                startWorkers(exchange, file: file)
            }
            exchange.submit(batch)
            batch = []
            batch.reserveCapacity(batchSize)
            exchange.emitReady(whileInFlightAtLeast: maxInFlight, emit)
        }
        if workersStarted {
            if !batch.isEmpty { exchange.submit(batch) }
            exchange.finish()
            exchange.emitReady(whileInFlightAtLeast: 1, emit)
        } else {
            for event in batch { emit(event, Self.diagnostics(for: event, runner: runner, file: file)) }
        }
    }

    private func startWorkers(_ exchange: Exchange, file: String) {
        let runner = self.runner
        for _ in 0..<jobs {
            let thread = Thread {
                while let (sequence, events) = exchange.take() {
                    let diagnostics = events.map { Self.diagnostics(for: $0, runner: runner, file: file) }
                    exchange.complete(sequence, events: events, diagnostics: diagnostics)
                }
            }
            thread.name = "replylint-worker"
            thread.start()
        }
    }

    static func diagnostics(for event: ReaderEvent, runner: Runner, file: String) -> [Diagnostic] {
        switch event {
        case .record(let record): return runner.diagnostics(for: record, file: file)
        case .failure(let failure): return [runner.diagnostic(for: failure, file: file)]
        }
    }

    /// The batches between the reader and the workers, and the results on their way back. All
    /// state is guarded by `condition`; `submitted` and `emitted` are only changed by the reader.
    final class Exchange: @unchecked Sendable {
        private let condition = NSCondition()
        private var pending: [(sequence: Int, events: [ReaderEvent])] = []
        private var pendingHead = 0
        private var done: [Int: (events: [ReaderEvent], diagnostics: [[Diagnostic]])] = [:]
        private var finished = false
        private var submitted = 0
        private var emitted = 0

        /// Queues a batch for the workers.
        func submit(_ events: [ReaderEvent]) {
            condition.lock()
            pending.append((submitted, events))
            submitted += 1
            condition.broadcast()
            condition.unlock()
        }

        /// No more batches will come; idle workers exit.
        func finish() {
            condition.lock()
            finished = true
            condition.broadcast()
            condition.unlock()
        }

        /// The next batch for a worker, or `nil` when the input is done.
        func take() -> (Int, [ReaderEvent])? {
            condition.lock()
            defer { condition.unlock() }
            while pendingHead == pending.count && !finished { condition.wait() }
            guard pendingHead < pending.count else { return nil }
            let item = pending[pendingHead]
            pending[pendingHead].events = []
            pendingHead += 1
            if pendingHead == pending.count { pending.removeAll(keepingCapacity: true); pendingHead = 0 }
            return item
        }

        /// A worker's results for batch `sequence`.
        func complete(_ sequence: Int, events: [ReaderEvent], diagnostics: [[Diagnostic]]) {
            condition.lock()
            done[sequence] = (events, diagnostics)
            condition.broadcast()
            condition.unlock()
        }

        /// Emits finished batches in order; waits while `limit` or more batches are in flight.
        func emitReady(whileInFlightAtLeast limit: Int, _ emit: (ReaderEvent, [Diagnostic]) -> Void) {
            while true {
                condition.lock()
                while done[emitted] == nil && submitted - emitted >= limit { condition.wait() }
                let ready = done.removeValue(forKey: emitted)
                if ready != nil { emitted += 1 }
                condition.unlock()
                guard let ready else { return }
                // By index, not `zip`: zipping copies every event (a retain per string of the record).
                for index in ready.events.indices { emit(ready.events[index], ready.diagnostics[index]) }
            }
        }
    }
}
