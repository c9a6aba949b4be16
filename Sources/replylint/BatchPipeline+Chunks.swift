import ReplyLintCore
import ReplyLintReaders

extension BatchPipeline {
    /// XML and CSV: the calling thread only cuts the file into chunks of whole records and
    /// tracks their positions; the workers parse each chunk (behind the file's head for XML,
    /// with the same libxml2 settings; with the header's names for CSV) and check it. Parsing
    /// ran on the calling thread alone, and is most of the work (XML: two thirds), so a second
    /// core gained only about 1.5×. `layout` tells the format's head and cuts from the file's
    /// first bytes, or `nil` when it cannot be split.
    ///
    /// A chunk that does not parse cleanly (any failure, or positions lost) is abandoned: once
    /// every chunk before it is emitted, the file is read again in one piece, leaving out the
    /// events already emitted, so the report is the one reading on one thread gives — broken
    /// files cost more, never differ. Files that are not plain UTF-8 exports, cannot be read
    /// twice (a pipe) or fit in one chunk are read in one piece straight away.
    func runChunks(_ reader: any RecordReader, source: ByteSource, file: String,
                   layout makeLayout: ([UInt8]) -> (any RecordChunking)?,
                   emit: Emit) {
        guard source.canRewind else {
            runRecords(reader, source: source, file: file, emit: emit)
            return
        }
        var buffer: [UInt8] = []  // the file's start, until its head is known
        var atEnd = false
        /// Reads until `buffer` holds `count` bytes or the input ends.
        func fillBuffer(_ count: Int) {
            while buffer.count < count, !atEnd {
                if source.consumeRaw(upTo: count - buffer.count, appendingTo: &buffer) == 0 { atEnd = true }
            }
        }
        let exchange = Exchange(process: process(file: file))
        var workersStarted = false
        var document: [UInt8] = []  // the chunk being read (see below)
        /// Emits what is in flight up to an abandoned chunk, then reads the file in one piece
        /// (what was buffered here is freed first: memory stays flat).
        func startOver() {
            buffer = []
            document = []
            if workersStarted {
                exchange.finish()
                exchange.emitReady(whileInFlightAtLeast: 1, emit)
            }
            precondition(source.rewind(), "a rewindable source must rewind")
            runRecords(reader, source: source, file: file, skip: exchange.eventsEmitted, emit: emit)
        }
        fillBuffer(64 * 1024)
        guard let layout = makeLayout(buffer) else {
            startOver()
            return
        }
        exchange.holdsBack = layout.readsAhead
        var utf8Known = layout.knownUTF8
        // The chunk being read is built in place behind a copy of the head: the file's bytes are
        // copied once, from the source into the chunk a worker parses.
        let bodyOffset = layout.prefix.count
        document = layout.prefix
        document.reserveCapacity(bodyOffset + chunkBytes + 64 * 1024 + layout.suffix.count)
        /// Reads until `document` holds `count` bytes or the input ends.
        func fill(_ count: Int) {
            while document.count < count, !atEnd {
                if source.consumeRaw(upTo: count - document.count, appendingTo: &document) == 0 { atEnd = true }
            }
        }
        /// While the encoding is not settled, the first non-ASCII byte of `bytes[from..<to]`:
        /// the decoder decides there, from the bytes after it.
        func undecided(_ bytes: [UInt8], from: Int, to: Int) -> Int? {
            utf8Known ? nil : bytes[from..<to].firstIndex { $0 >= 0x80 }
        }
        let headEnd = layout.headStart + layout.headLength
        if let first = undecided(buffer, from: layout.headStart, to: headEnd) {
            fillBuffer(first + RecordChunks.sniffWindow + 1)
            utf8Known = RecordChunks.sniffsUTF8(buffer, at: first)
            guard utf8Known else {
                startOver()
                return
            }
        }
        var position = SourcePosition.start
        buffer.withUnsafeBufferPointer { position.advance(overUTF8: UnsafeBufferPointer(rebasing: $0[layout.headStart..<headEnd])) }
        document += buffer[headEnd...]
        buffer = []
        // A record end that is not found within this many bytes: not a plain export after all
        // (records of other names, or longer than that), read in one piece.
        let longestChunk = bodyOffset + chunkBytes * 8
        let firstCut = bodyOffset + chunkBytes
        while true {
            fill(firstCut)
            var cut = layout.cut(document, bodyStart: bodyOffset, target: firstCut)
            while cut == nil, !atEnd {
                guard document.count < longestChunk else {
                    startOver()
                    return
                }
                let searched = document.count
                fill(searched + 64 * 1024)
                cut = layout.cut(document, bodyStart: bodyOffset, target: searched)
            }
            let last = cut == nil || cut == document.count && atEnd
            let end = last ? document.count : cut!
            if !workersStarted && last {
                // Small input: read it here in one piece, no threads.
                startOver()
                return
            }
            if let first = undecided(document, from: bodyOffset, to: end) {
                fill(first + RecordChunks.sniffWindow + 1)
                utf8Known = RecordChunks.sniffsUTF8(document, at: first)
                guard utf8Known else {
                    startOver()
                    return
                }
            }
            var next: [UInt8] = []
            if !last {
                next.reserveCapacity(document.capacity)
                next += layout.prefix
                next += document[end...]
                document.removeSubrange(end...)
            }
            let start = position
            document.withUnsafeBufferPointer { position.advance(overUTF8: UnsafeBufferPointer(rebasing: $0[bodyOffset...])) }
            if !last { document += layout.suffix }
            if !workersStarted {
                workersStarted = true
                startWorkers(exchange, file: file)
            }
            exchange.submit(.chunk(document, bodyOffset: bodyOffset, start: start, layout: layout))
            document = next
            if last { break }
            exchange.emitReady(whileInFlightAtLeast: maxInFlight, emit)
            if exchange.abandoned {
                startOver()
                return
            }
        }
        exchange.finish()
        exchange.emitReady(whileInFlightAtLeast: 1, emit)
        if exchange.abandoned { startOver() }
    }
}
