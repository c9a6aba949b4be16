import ReplyLintCore
import ReplyLintReaders

extension BatchPipeline {
    /// XML: the calling thread only cuts the file into chunks of whole records (after a record's
    /// end tag) and tracks their positions; the workers parse each chunk behind a copy of the
    /// file's head, with the same libxml2 settings, and check it. Parsing was two thirds of the
    /// XML work and ran on the calling thread alone, so a second core gained only 1.54×.
    ///
    /// A chunk that does not parse cleanly (any failure, or positions lost) is abandoned: once
    /// every chunk before it is emitted, the file is read again in one piece, leaving out the
    /// events already emitted, so the report is the one reading on one thread gives — broken
    /// files cost more, never differ. Files that are not plain UTF-8 exports, cannot be read
    /// twice (a pipe) or fit in one chunk are read in one piece straight away.
    func runXML(_ reader: XMLReader, source: ByteSource, file: String,
                emit: ([EventOutcome], [Diagnostic]) -> Void) {
        guard source.canRewind else {
            runRecords(reader, source: source, file: file, emit: emit)
            return
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(chunkBytes + 64 * 1024)
        var atEnd = false
        /// Reads until `buffer` holds `count` bytes or the input ends.
        func fill(_ count: Int) {
            while buffer.count < count, !atEnd {
                if source.consumeRaw(upTo: count - buffer.count, appendingTo: &buffer) == 0 { atEnd = true }
            }
        }
        let exchange = Exchange(process: process(file: file))
        var workersStarted = false
        /// Emits what is in flight up to an abandoned chunk, then reads the file in one piece.
        func startOver() {
            if workersStarted {
                exchange.finish()
                exchange.emitReady(whileInFlightAtLeast: 1, emit)
            }
            precondition(source.rewind(), "a rewindable source must rewind")
            runRecords(reader, source: source, file: file, skip: exchange.eventsEmitted, emit: emit)
        }
        fill(64 * 1024)
        guard let layout = XMLChunkLayout(buffer, forced: reader.encoding) else {
            startOver()
            return
        }
        var utf8Known = layout.knownUTF8
        /// Settles the encoding if `buffer[from..<to]` holds the file's first non-ASCII byte:
        /// false when the decoder might not read the file as UTF-8.
        func encodingSettled(from: Int, to: Int) -> Bool {
            guard !utf8Known, let first = buffer[from..<to].firstIndex(where: { $0 >= 0x80 }) else { return true }
            fill(first + XMLChunkLayout.sniffWindow + 1)
            utf8Known = XMLChunkLayout.sniffsUTF8(buffer, at: first)
            return utf8Known
        }
        let headEnd = layout.headStart + layout.head.count
        guard encodingSettled(from: layout.headStart, to: headEnd) else {
            startOver()
            return
        }
        var position = SourcePosition.start
        buffer.withUnsafeBufferPointer { position.advance(overUTF8: UnsafeBufferPointer(rebasing: $0[layout.headStart..<headEnd])) }
        buffer.removeSubrange(0..<headEnd)
        // A record end that is not found within this many bytes: not a plain export after all.
        let longestChunk = max(chunkBytes * 8, 16 << 20)
        var searched = 0  // bytes of `buffer` already searched for a record end
        while true {
            fill(chunkBytes)
            var cut = layout.cut(buffer, from: max(chunkBytes, searched) - layout.recordEnd.count)
            while cut == nil, !atEnd {
                guard buffer.count < longestChunk else {
                    startOver()
                    return
                }
                searched = buffer.count
                fill(buffer.count + 64 * 1024)
                cut = layout.cut(buffer, from: searched - layout.recordEnd.count)
            }
            searched = 0
            let last = cut == nil || cut == buffer.count && atEnd
            let end = last ? buffer.count : cut!
            if !workersStarted && last {
                // Small input: read it here in one piece, no threads.
                startOver()
                return
            }
            guard encodingSettled(from: 0, to: end) else {
                startOver()
                return
            }
            let chunk = Array(buffer[0..<end])
            buffer.removeSubrange(0..<end)
            if !workersStarted {
                workersStarted = true
                startWorkers(exchange, file: file)
            }
            exchange.submit(.xml(chunk, start: position, last: last, layout: layout))
            chunk.withUnsafeBufferPointer { position.advance(overUTF8: $0) }
            exchange.emitReady(whileInFlightAtLeast: last ? 1 : maxInFlight, emit)
            if exchange.abandoned {
                startOver()
                return
            }
            if last { break }
        }
        exchange.finish()
        exchange.emitReady(whileInFlightAtLeast: 1, emit)
        if exchange.abandoned { startOver() }
    }

    /// The events of one XML chunk, numbered from 0, or `nil` when the chunk must be abandoned
    /// (see `runXML`).
    static func parseXML(_ body: [UInt8], start: SourcePosition, last: Bool, layout: XMLChunkLayout) -> [ReaderEvent]? {
        var document = layout.head
        document.reserveCapacity(layout.head.count + body.count + layout.close.count)
        document += body
        if !last { document += layout.close }
        var events: [ReaderEvent] = []
        var clean = true
        let exact = XMLReader().readChunk(document, bodyOffset: layout.head.count, bodyStart: start, firstIndex: 0) { event in
            if case .failure = event { clean = false }
            events.append(event)
        }
        return clean && exact ? events : nil
    }
}
