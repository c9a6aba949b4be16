#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLibXML2
import ReplyLintCore

/// What libxml2 pulls its bytes from: the decoded UTF-8 text of a `ByteSource`, scanned by an
/// `XMLTagTracker` on the way through, plus the first error libxml2 reports.
final class XMLInput {
    /// A well-formedness (or other) error from libxml2.
    struct ParserError {
        /// Where libxml2 says it is.
        var position: SourcePosition
        /// libxml2's message (English).
        var message: String
        /// How far the bytes handed to libxml2 reached when it reported the error.
        var fedPosition: SourcePosition
    }

    /// Where more text comes from; `nil` when `chunk` holds all of it.
    private let decoder: TextDecoder?
    private var chunk: [UInt8] = []
    private var chunkIndex = 0
    /// True once the input is exhausted.
    private(set) var finished = false
    /// Positions of the start tags handed to libxml2 so far. Unchecked: only the reader's own
    /// thread touches it, never in overlapping accesses, and the dynamic exclusivity checks
    /// cost ~30 M instructions on the 10k corpus.
    @exclusivity(unchecked) var tracker = XMLTagTracker()
    /// The first error libxml2 reported.
    var firstError: ParserError?
    /// Decoding failures, positioned, not yet reported.
    var decodingFailures: [ParseFailure] = []
    /// Unchecked, like `move`: only the reader's own thread touches them, never in overlapping
    /// accesses, and `scan` reads both on every read (3.8 M instructions of exclusivity checks
    /// on the 10k corpus).
    @exclusivity(unchecked) private var faults: [TextDecoder.Fault] = []
    /// Where the tracker jumps to a file position: a chunk of a bigger file is parsed behind a
    /// copy of the file's head, and its bytes must get the positions they have in the file.
    @exclusivity(unchecked) var move: (offset: Int, position: SourcePosition)?
    private var lastFaultLine = 0

    /// Bytes handed to libxml2 per call at most. libxml2's reader parses what it holds in
    /// 512-byte blocks and reads again before parsing a shorter rest, so a record's end could be
    /// parsed together with bytes after it. Reads under 512 bytes are parsed whole straight
    /// away as long as nothing is left over from before: the first read, of which the reader
    /// starts its parser with 4 bytes only, is 4 bytes long. 511 rather than 64 saves
    /// 0.33 G instructions of libxml2 overhead on the 10k corpus.
    static let maxRead = 511
    /// The length of the first read (see `maxRead`).
    static let firstRead = 4
    /// True until the first bytes were handed over.
    private var started = false
    /// True when text runs are handed over masked (see `XMLMaskedRuns`): the push parser takes
    /// their text from `masked`; the streaming reader takes text from libxml2's tree, so not there.
    private(set) var masking = false
    /// The runs handed over masked.
    @exclusivity(unchecked) var masked = XMLMaskedRuns()

    /// An input over `decoder`.
    init(decoder: TextDecoder) {
        self.decoder = decoder
    }

    /// An input over `text`, valid UTF-8 as it is: no decoder, and no copy of the text.
    init(utf8 text: [UInt8]) {
        decoder = nil
        chunk = text
    }

    /// Hands text runs over masked from now on.
    func startMasking() {
        masking = true
        tracker.notesRuns = true
    }

    /// Hands text runs over as they are from now on: once the tracker lost step with libxml2,
    /// the session can no longer pair masked runs with elements.
    func stopMasking() {
        masking = false
        maskedCarry = 0
        tracker.notesRuns = false
        tracker.forgetEndedRuns()
    }

    /// Fills `buffer` with up to `length` bytes; returns the count, 0 at the end.
    func read(into buffer: UnsafeMutablePointer<CChar>, length: Int) -> Int32 {
        guard length > 0, refill() else { return 0 }
        // Small reads keep libxml2's parser close behind the node the reader returns: after a
        // fatal error the reader returns no more nodes, so whatever it parsed ahead is lost.
        // The scan also stops after each record's end tag (see `XMLTagTracker.scan`).
        // A chunk of a bigger file (no decoder) is abandoned at any error, so libxml2 may parse
        // as far ahead as it likes: it gets what it asks for (17 M fewer instructions on the
        // 10k corpus).
        let available = min(length, chunk.count - chunkIndex, decoder == nil ? length : started ? Self.maxRead : Self.firstRead)
        started = true
        var taken = 0, handed = 0
        chunk.withUnsafeBufferPointer { all in
            guard let base = all.baseAddress else { return }
            let readStart = tracker.offset
            taken = scan(UnsafeBufferPointer(start: base + chunkIndex, count: available))
            let target = UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self)
            if masking {
                handed = maskRuns(source: base + chunkIndex, target: target, taken: taken, after: all.count - chunkIndex,
                                  readStart: readStart)
            } else {
                target.update(from: base + chunkIndex, count: taken)
                handed = taken
            }
        }
        chunkIndex += taken
        return Int32(handed)
    }

    /// Bytes at the start of the next read that belong to a run masked in an earlier one.
    private var maskedCarry = 0

    /// Copies the `taken` bytes at `source` to `target` with the runs the tracker saw end in them
    /// masked, and the run the read ended in when the decoded bytes after it (`after` from
    /// `source` on) show where it ends, keeping their original bytes; returns the count copied
    /// (a run on one line is handed over as one byte). Only runs whose start tag's `>` was in
    /// these bytes too: libxml2 calls back for that start tag, where the session takes the run,
    /// only after these bytes were handed over. (Reads keep their lengths in the input: which
    /// records are returned before an error, and which decoding failures are reported with it,
    /// depend on them.)
    private func maskRuns(source: UnsafePointer<UInt8>, target: UnsafeMutablePointer<UInt8>, taken: Int, after: Int,
                          readStart: Int) -> Int {
        var copied = 0, written = 0
        /// Copies the source bytes up to `end`.
        func copy(upTo end: Int) {
            (target + written).update(from: source + copied, count: end - copied)
            written += end - copied
            copied = end
        }
        if maskedCarry > 0 {
            let rest = min(maskedCarry, taken)
            copy(upTo: rest)
            XMLMaskedRuns.maskAll(target, count: rest)
            maskedCarry -= rest
        }
        for run in tracker.endedRuns where run.start > readStart {
            let from = run.start - readStart, to = run.end - readStart
            guard from >= copied, let start = tracker.positions(run.tag)?.contentStart,
                  let shape = XMLMaskedRuns.check(source + from, count: to - from) else { continue }
            let original = UnsafeBufferPointer(start: source + from, count: to - from)
            copy(upTo: from)
            if shape.lineFeeds == 0 {
                target[written] = UInt8(ascii: "x")
                written += 1
                copied = to
                masked.keep(tag: run.tag, original: original, handed: 1, start: start, shape: shape,
                            characters: run.characters >= 0 ? run.characters : nil)
            } else {
                copy(upTo: to)
                XMLMaskedRuns.maskAll(target + written - (to - from), count: to - from)
                masked.keep(tag: run.tag, original: original, handed: to - from, start: start, shape: shape)
            }
        }
        tracker.forgetEndedRuns()
        copy(upTo: taken)
        // The run the read ended in, masked to its full length: its rest comes in later reads.
        guard let run = tracker.openRun(), run.start > readStart, taken < after,
              let start = tracker.positions(run.tag)?.contentStart else { return written }
        let from = run.start - readStart
        guard let end = memchr(source + taken, Int32(UInt8(ascii: "<")), after - taken) else { return written }
        let to = UnsafePointer<UInt8>(end.assumingMemoryBound(to: UInt8.self)) - source
        guard let shape = XMLMaskedRuns.check(source + from, count: to - from) else { return written }
        XMLMaskedRuns.maskAll(target + written - (taken - from), count: taken - from)
        masked.keep(tag: run.tag, original: UnsafeBufferPointer(start: source + from, count: to - from), handed: to - from,
                    start: start, shape: shape)
        maskedCarry = to - taken
        return written
    }

    /// Makes sure unread text is in `chunk`; false (and `finished`) at the end of the input.
    private func refill() -> Bool {
        if chunkIndex < chunk.count { return true }
        guard !finished, let decoder, decoder.read(into: &chunk) else { finished = true; return false }
        chunkIndex = 0
        faults += decoder.faults
        decoder.faults.removeAll(keepingCapacity: true)
        return true
    }

    /// True when the text starts with an element after nothing but white space, comments and
    /// processing instructions (so it has no DOCTYPE, hence no entity declarations), judged on
    /// the first block of decoded text (false when that block ends before the element).
    func beginsWithElement() -> Bool {
        guard chunkIndex == 0, refill() else { return false }
        return XMLChunkLayout.skipMisc(chunk, from: 0) != nil
    }

    /// Scans bytes with the tracker, turning decoding faults into positioned failures on the
    /// way; returns how many were scanned (the tracker stops after a record's end).
    private func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var from = 0
        while from < bytes.count {
            if let move, tracker.offset == move.offset {
                tracker.move(to: move.position)
                self.move = nil
            }
            let next = min(faults.first.map { $0.offset - tracker.offset } ?? Int.max,
                           move.map { $0.offset - tracker.offset } ?? Int.max)
            let upTo = next >= bytes.count - from ? bytes.count : from + max(0, next)
            if upTo > from {
                let scanned = tracker.scan(UnsafeBufferPointer(rebasing: bytes[from..<upTo]))
                from += scanned
                if from < upTo && decoder != nil { return from }
            }
            guard from < bytes.count, !faults.isEmpty, faults[0].offset <= tracker.offset else { continue }
            let fault = faults.removeFirst()
            if tracker.position.line != lastFaultLine {
                lastFaultLine = tracker.position.line
                if decodingFailures.count < 100 {
                    decodingFailures.append(ParseFailure(position: tracker.position, message: fault.message))
                }
            }
        }
        return from
    }

    /// Notes a libxml2 error (the first one only: later ones follow from it).
    func note(_ error: UnsafePointer<xmlError>) {
        guard firstError == nil else { return }
        let level = error.pointee.level
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        var message = error.pointee.message.map { String(cString: $0) } ?? "XML error"
        while message.last == "\n" { message.removeLast() }
        let line = max(1, Int(error.pointee.line))
        let column = max(1, masked.column(Int(error.pointee.int2), line: line))
        firstError = ParserError(position: SourcePosition(line: line, column: column), message: message,
                                 fedPosition: tracker.position)
    }
}
