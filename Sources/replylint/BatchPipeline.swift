import Foundation
import ReplyLintCore
import ReplyLintReaders
import ReplyLintReporters

/// Runs the rules over one input on several cores with output in input order.
///
/// The calling thread reads the input into batches and hands them to `jobs - 1` worker threads,
/// checking batches itself whenever it would otherwise wait, so that `jobs` threads are busy;
/// results come back in input order, whatever thread finished first, so the report is identical
/// for every `jobs`. At most `maxInFlight` batches exist at a time (the reader waits for the oldest
/// one), so memory stays flat however long the input is, and no record outlives its batch.
///
/// A batch is either records a reader produced (any format), or raw bytes of whole records with
/// the position and record index they start at: whole lines for JSON Lines (every line stands
/// alone), chunks of whole rows or elements for UTF-8 CSV and XML files (`runChunks`). Then the
/// calling thread only cuts the input and counts, and parsing runs on the workers too: it is a
/// third of the work for JSON Lines and two thirds for XML, and records built on the core that
/// checks them do not travel between caches.
struct BatchPipeline {
    /// The rules (immutable, shared by the workers).
    let runner: Runner
    /// Threads checking records, the calling thread included; 1 starts no threads at all.
    let jobs: Int
    /// Records per batch: big enough that handing a batch over is negligible next to linting it.
    var batchSize = 1024
    /// Bytes per batch of raw JSON Lines (about 350 typical replies; parsed, a batch takes 1–2 MB).
    var chunkBytes = 256 * 1024
    /// A line longer than this is not buffered whole: the rest of the input is read as a stream
    /// on the calling thread, as without `--jobs` (a hostile one-line file must not fill memory).
    var longestBufferedLine = 16 << 20

    /// Batches read but not yet emitted, at most: one per worker, one being read and one spare,
    /// so that a worker never waits for the reader, and memory does not grow with `jobs` much.
    var maxInFlight: Int { max(jobs, 1) + 2 }

    /// Whether outcomes carry each record's index and id (reports that list clean records).
    var collectRecords = false
    /// Renders a batch's diagnostics on the thread that checked it, when the streamed reports
    /// allow (see `RenderedPart`); batches then come back as bytes, not diagnostics.
    var render: (@Sendable (inout RenderedPart, [Diagnostic]) -> Void)? = nil
    /// Whether the rendered reports show record indices: a chunk's records are numbered only
    /// when it is emitted, so such a batch is then emitted as diagnostics.
    var renderShowsRecordIndex = true

    /// Where batches go, in input order: the events' outcomes, then their diagnostics, or the
    /// reports' bytes when the batch was rendered where it was checked.
    typealias Emit = ([EventOutcome], [Diagnostic], RenderedPart?) -> Void

    /// What the session needs to know of an event, worked out where the event was checked: the
    /// session then never touches a record, whose strings another thread made (retaining and
    /// releasing them from the reading thread made `--jobs 2` cost 45% more CPU than `--jobs 1`).
    enum EventOutcome: Sendable {
        /// A record was read; its index and id when `collectRecords` is set.
        case record(RecordRef?)
        /// The input could not be read here.
        case failure
    }

    /// Reads `source` with `reader` and calls `emit` with events' outcomes and their diagnostics, in
    /// input order, on the calling thread.
    func run(reader: any RecordReader, source: ByteSource, file: String,
             emit: Emit) {
        guard jobs > 1 else {
            reader.read(from: source) { event in emitOne(event, file: file, emit) }
            return
        }
        if let lines = reader as? JSONLinesReader {
            runLines(lines, source: source, file: file, emit: emit)
        } else if let xml = reader as? XMLReader {
            runChunks(xml, source: source, file: file, layout: { XMLChunkLayout($0, forced: xml.encoding) }, emit: emit)
        } else if let csv = reader as? CSVReader {
            runChunks(csv, source: source, file: file, layout: { CSVChunkLayout($0, delimiter: csv.delimiter, forced: csv.encoding) },
                      emit: emit)
        } else {
            runRecords(reader, source: source, file: file, emit: emit)
        }
    }

    /// `run` for callers that never set `render`: every batch comes as diagnostics.
    func run(reader: any RecordReader, source: ByteSource, file: String,
             emit: ([EventOutcome], [Diagnostic]) -> Void) {
        run(reader: reader, source: source, file: file) { outcomes, diagnostics, _ in emit(outcomes, diagnostics) }
    }

    /// Any format: records are read here, checked on the workers. The first `skip` events are
    /// left out (a parallel read that had to start over already emitted them).
    func runRecords(_ reader: any RecordReader, source: ByteSource, file: String, skip: Int = 0,
                    emit: Emit) {
        let exchange = Exchange(process: process(file: file))
        var batch: [ReaderEvent] = []
        batch.reserveCapacity(batchSize)
        var workersStarted = false
        var skipped = 0
        reader.read(from: source) { event in
            guard skipped == skip else { skipped += 1; return }
            batch.append(event)
            guard batch.count >= batchSize else { return }
            // Threads only once an input is big enough to fill a batch: a folder of small files
            // is linted inline, without starting threads per file.
            if !workersStarted {
                workersStarted = true
                startWorkers(exchange, file: file)
            }
            exchange.submit(.events(batch))
            batch = []
            batch.reserveCapacity(batchSize)
            exchange.emitReady(whileInFlightAtLeast: maxInFlight, emit)
        }
        if workersStarted {
            if !batch.isEmpty { exchange.submit(.events(batch)) }
            exchange.finish()
            exchange.emitReady(whileInFlightAtLeast: 1, emit)
        } else {
            for event in batch { emitOne(event, file: file, emit) }
        }
    }

    /// JSON Lines: whole lines are cut here and parsed and checked on the workers.
    private func runLines(_ reader: JSONLinesReader, source: ByteSource, file: String,
                          emit: Emit) {
        source.skipByteOrderMark()
        let exchange = Exchange(process: process(file: file))
        var workersStarted = false
        var line = 1
        var index = 0
        var carry: [UInt8] = []  // the unfinished last line of the previous read
        var atEnd = false
        while !atEnd {
            var chunk = carry
            carry = []
            chunk.reserveCapacity(chunkBytes + 4096)
            // Read up to a batch; past it, only until the current line ends.
            var cut: Int?
            while cut == nil {
                let before = chunk.count
                let want = before < chunkBytes ? chunkBytes - before : 64 * 1024
                if source.consumeRaw(upTo: want, appendingTo: &chunk) == 0 { atEnd = true; break }
                if chunk.count >= chunkBytes, let last = chunk[before...].lastIndex(of: 0x0A) { cut = last + 1 }
                if cut == nil, chunk.count > longestBufferedLine {
                    // Finish what is in flight, then stream the rest here.
                    if workersStarted {
                        exchange.finish()
                        exchange.emitReady(whileInFlightAtLeast: 1, emit)
                    }
                    source.pushBack(chunk, at: SourcePosition(line: line, column: 1))
                    reader.readLines(from: source, firstIndex: index) { event in emitOne(event, file: file, emit) }
                    return
                }
            }
            if let cut, cut < chunk.count {
                carry = Array(chunk[cut...])
                chunk.removeSubrange(cut...)
            }
            if chunk.isEmpty { continue }
            let (records, lineFeeds) = chunk.withUnsafeBufferPointer(JSONLinesReader.countRecords)
            if !workersStarted {
                if atEnd {
                    // Small input: read it here, no threads.
                    let bytes = ByteSource(bytes: chunk, startingAt: SourcePosition(line: line, column: 1))
                    reader.readLines(from: bytes, firstIndex: index) { event in emitOne(event, file: file, emit) }
                    return
                }
                workersStarted = true
                startWorkers(exchange, file: file)
            }
            exchange.submit(.lines(chunk, line: line, index: index))
            line += lineFeeds
            index += records
            exchange.emitReady(whileInFlightAtLeast: maxInFlight, emit)
        }
        guard workersStarted else { return }
        exchange.finish()
        exchange.emitReady(whileInFlightAtLeast: 1, emit)
    }

    /// `jobs - 1` threads: the calling thread is the last worker — it checks batches itself
    /// whenever it would otherwise wait — so `--jobs N` keeps exactly N threads busy.
    func startWorkers(_ exchange: Exchange, file: String) {
        for _ in 0..<max(jobs - 1, 1) {
            let thread = Thread {
                while let (sequence, work) = exchange.take() {
                    exchange.complete(sequence, exchange.process(work))
                }
            }
            thread.name = "replylint-worker"
            thread.start()
        }
    }

    /// Checks one event here and emits it.
    private func emitOne(_ event: ReaderEvent, file: String, _ emit: Emit) {
        emit([Self.outcome(of: event, runner: runner, collectRecords: collectRecords)],
             Self.diagnostics(for: event, runner: runner, file: file), nil)
    }

    /// Parses a batch if it is raw bytes, and checks its records. Raw lines and chunks are checked
    /// record by record as they are parsed, so that each record is checked while its bytes and
    /// strings are still in this core's cache, and is freed (and its storage reused by the reader)
    /// before the next one is built; parsing a whole batch first kept 1–2 MB of records alive.
    func process(file: String) -> @Sendable (Work) -> Checked {
        let runner = self.runner
        let collectRecords = self.collectRecords
        let render = self.render
        let renderShowsRecordIndex = self.renderShowsRecordIndex
        return { work in
            // The batch's own copy of the path: every diagnostic retains it, and the one string
            // shared by all threads had its reference count bounce between cores.
            let file = String(decoding: Array(file.utf8), as: UTF8.self)
            var checked = Checked(events: [])
            var part = RenderedPart()
            var renders = render != nil
            func check(_ event: ReaderEvent) {
                checked.outcomes.append(Self.outcome(of: event, runner: runner, collectRecords: collectRecords))
                if renders {
                    // Rendered and freed here, on the thread that made them.
                    render?(&part, Self.diagnostics(for: event, runner: runner, file: file))
                } else {
                    checked.diagnostics += Self.diagnostics(for: event, runner: runner, file: file)
                }
            }
            switch work {
            case .events(let batch):
                // Read on the calling thread: freed there too.
                checked.events = batch
                checked.local = true
                checked.outcomes.reserveCapacity(batch.count)
                for event in batch { check(event) }
            case let .lines(bytes, line, index):
                let source = ByteSource(bytes: bytes, startingAt: SourcePosition(line: line, column: 1))
                JSONLinesReader().readLines(from: source, firstIndex: index, check)
            case let .chunk(document, bodyOffset, start, layout):
                checked.numberedFromZero = true
                renders = renders && !renderShowsRecordIndex
                // Checked as parsed, and all of it dropped if the chunk turns out not to be exact
                // (rare: a broken file, which is then read again on one thread).
                var clean = true
                let exact = layout.parse(document, bodyOffset: bodyOffset, start: start) { event in
                    if case .failure = event { clean = false }
                    if clean { check(event) }
                }
                guard clean && exact else { return Checked(events: [], abandoned: true) }
            }
            if renders { checked.rendered = part }
            return checked
        }
    }

    static func outcome(of event: ReaderEvent, runner: Runner, collectRecords: Bool) -> EventOutcome {
        switch event {
        case .record(let record): return .record(collectRecords ? recordRef(record, runner: runner) : nil)
        case .failure: return .failure
        }
    }

    /// The record's index and id; finds the id field through the aliases alone, without building
    /// the whole reply a second time.
    static func recordRef(_ record: RawRecord, runner: Runner) -> RecordRef {
        let id = record.fields.first { runner.builder.aliases.field(named: $0.name) == .id }
            .flatMap { $0.value.isBlank ? nil : $0.value.text.trimmingWhitespace() }
        return RecordRef(index: record.index, id: id)
    }

    static func diagnostics(for event: ReaderEvent, runner: Runner, file: String) -> [Diagnostic] {
        switch event {
        case .record(let record): return runner.diagnostics(for: record, file: file)
        case .failure(let failure): return [runner.diagnostic(for: failure, file: file)]
        }
    }

    /// A checked batch: its outcomes, and all their diagnostics in one array (or rendered). One
    /// array per batch rather than one per record: whatever the thread that built them allocated,
    /// another thread frees, and glibc's malloc then takes the other thread's arena lock — per
    /// record, that contention cost a context switch every 100 µs.
    struct Checked: Sendable {
        /// The records of a batch read on the calling thread, kept so that they are freed there;
        /// empty for raw batches, whose records are freed on the worker as they are checked.
        var events: [ReaderEvent]
        /// The records were built by the calling thread (read there, or parsed there while
        /// helping), so they are released there too.
        var local = false
        /// The records are numbered from 0, not from their index in the file (the reading thread
        /// did not count them): the emitter adds the records emitted before.
        var numberedFromZero = false
        /// The batch cannot be read here exactly as reading the whole file would (a parse error,
        /// or positions lost): nothing of it or after it may be emitted.
        var abandoned = false
        var outcomes: [EventOutcome] = []
        var diagnostics: [Diagnostic] = []
        /// The diagnostics as report bytes, when they were rendered here (`diagnostics` is then empty).
        var rendered: RenderedPart?
    }

    /// What a worker gets: records, raw whole JSON lines starting at `line` and record `index`,
    /// or a chunk of raw whole records (from `bodyOffset` on, starting at `start` in the file)
    /// between `layout`'s prefix and suffix (the last chunk holds the rest of the file instead).
    enum Work: Sendable {
        case events([ReaderEvent])
        case lines([UInt8], line: Int, index: Int)
        case chunk([UInt8], bodyOffset: Int, start: SourcePosition, layout: any RecordChunking)
    }

    /// The batches between the reader and the workers, and the results on their way back. All
    /// state is guarded by `condition`; `submitted` and `emitted` are only changed by the reader.
    final class Exchange: @unchecked Sendable {
        /// What a worker does with a batch.
        let process: @Sendable (Work) -> Checked
        /// Whether a batch waits for the next one to be clean before it is emitted (see
        /// `readiness`); set before the first batch is submitted.
        var holdsBack = false
        private let condition = NSCondition()
        private var pending: [(sequence: Int, work: Work)] = []
        private var pendingHead = 0
        private var done: [Int: Checked] = [:]
        /// Emitted batches, released by a worker: records are freed on a worker's core, where they
        /// were last used, not on the reader's.
        private var emittedBatches: [Checked] = []
        private var finished = false
        private var submitted = 0
        private var emitted = 0
        /// Events emitted so far (the reader's thread only).
        private(set) var eventsEmitted = 0
        /// Set when an abandoned batch came up for emitting: nothing more is emitted, queued
        /// batches are dropped, and the workers stop.
        private(set) var abandoned = false

        init(process: @escaping @Sendable (Work) -> Checked) {
            self.process = process
        }

        /// Queues a batch for the workers.
        func submit(_ work: Work) {
            condition.lock()
            pending.append((submitted, work))
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
        func take() -> (Int, Work)? {
            condition.lock()
            while pendingHead == pending.count && !finished { condition.wait() }
            let garbage = emittedBatches
            emittedBatches = []
            guard pendingHead < pending.count else {
                condition.unlock()
                withExtendedLifetime(garbage) {}
                return nil
            }
            let item = pending[pendingHead]
            pending[pendingHead].work = .events([])
            pendingHead += 1
            if pendingHead == pending.count { pending.removeAll(keepingCapacity: true); pendingHead = 0 }
            condition.unlock()
            withExtendedLifetime(garbage) {}  // released here, outside the lock
            return item
        }

        /// A worker's results for batch `sequence`.
        func complete(_ sequence: Int, _ checked: Checked) {
            condition.lock()
            done[sequence] = checked
            condition.broadcast()
            condition.unlock()
        }

        /// Emits finished batches in order; waits while `limit` or more batches are in flight.
        func emitReady(whileInFlightAtLeast limit: Int, _ emit: Emit) {
            while !abandoned {
                condition.lock()
                var next = readiness()
                while next == .notYet && submitted - emitted >= limit {
                    defer { next = readiness() }
                    guard pendingHead < pending.count else {
                        condition.wait()
                        continue
                    }
                    // Help rather than wait: check the oldest queued batch on this thread.
                    let item = pending[pendingHead]
                    pending[pendingHead].work = .events([])
                    pendingHead += 1
                    if pendingHead == pending.count { pending.removeAll(keepingCapacity: true); pendingHead = 0 }
                    condition.unlock()
                    var checked = process(item.work)
                    checked.local = true
                    condition.lock()
                    done[item.sequence] = checked
                }
                guard next == .ready else {
                    condition.unlock()
                    if next == .abandoned { abandon() }
                    return
                }
                var ready = done.removeValue(forKey: emitted)!
                emitted += 1
                condition.unlock()
                if ready.numberedFromZero && eventsEmitted > 0 { Self.renumber(&ready, from: eventsEmitted) }
                eventsEmitted += ready.outcomes.count
                // Whole arrays, not per-record copies: copying a diagnostic retains its strings,
                // which a worker made, and those atomic counts were most of the reading thread's work.
                emit(ready.outcomes, ready.diagnostics, ready.rendered)
                condition.lock()
                if !finished && !ready.local {
                    // Handed over, not shared: the worker that takes it holds the last reference,
                    // and frees the records and findings into its own arena.
                    emittedBatches.append(ready)
                }
                condition.unlock()
            }
        }

        /// Whether the oldest batch not emitted can be emitted now (under the lock).
        private enum Readiness { case ready, notYet, abandoned }

        /// See `Readiness`. With `holdsBack`, a batch also waits for the next one: reading the
        /// whole file, libxml2 parses ahead of the record it returns (up to the node after it and
        /// one read, which stays within the next chunk), so an error or bad byte at the start of
        /// the next chunk can come out before this chunk's last record, or drop it. A batch is
        /// emitted only once the next one parsed cleanly (or it is the last); otherwise reading
        /// starts over from it.
        private func readiness() -> Readiness {
            guard let oldest = done[emitted] else { return .notYet }
            if oldest.abandoned { return .abandoned }
            guard holdsBack, !(finished && emitted + 1 == submitted) else { return .ready }
            guard let next = done[emitted + 1] else { return .notYet }
            return next.abandoned ? .abandoned : .ready
        }

        /// Emits nothing more: queued batches are dropped, and the workers stop.
        private func abandon() {
            condition.lock()
            abandoned = true
            finished = true
            pending.removeAll()
            pendingHead = 0
            condition.broadcast()
            condition.unlock()
        }

        /// Adds `base` to the record indices of a batch numbered from 0, in place: only the
        /// integers are written, no string of the worker's is retained here.
        private static func renumber(_ checked: inout Checked, from base: Int) {
            for index in checked.diagnostics.indices {
                if let record = checked.diagnostics[index].record { checked.diagnostics[index].record = record + base }
            }
            for index in checked.outcomes.indices {
                if case .record(let reference?) = checked.outcomes[index] {
                    checked.outcomes[index] = .record(RecordRef(index: reference.index + base, id: reference.id))
                }
            }
        }
    }
}
