import ReplyLintCore

/// Byte-at-a-time access to decoded UTF-8 text with the line and column (Unicode code points) of
/// the next byte, so positions are those an editor shows for the decoded file. Bytes can be
/// pushed back to re-read them (CSV resynchronisation), and decoding faults come out as
/// positioned parse failures, at most one per line.
///
/// The per-byte state opts out of dynamic exclusivity checks (as `ByteSource` does): a cursor
/// belongs to one reader on one thread and every access is instantaneous, so none can overlap,
/// and the checks cost more than the work on the per-byte path.
///
/// Each decoded chunk is copied into a raw allocation (`chunk`) and read from there, as
/// `ByteSource` does: reading an `[UInt8]` property cost a bounds check per byte and a retain and
/// release of the array around every run handed to the parser (about 40 instructions per CSV
/// field), against one `memcpy` per 256 KiB here.
final class TextCursor {
    private let decoder: TextDecoder
    /// The decoder's output, before it is copied into `chunk`.
    private var decoded: [UInt8] = []
    @exclusivity(unchecked) private var chunk: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var chunkCapacity: Int
    /// Bytes in `chunk`.
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var replay: [UInt8] = []
    @exclusivity(unchecked) private var replayIndex = 0
    /// Decoded bytes taken from the decoder so far (replayed bytes not counted).
    @exclusivity(unchecked) private var consumed = 0
    private var pendingFaults: [TextDecoder.Fault] = []
    private var pendingIndex = 0
    @exclusivity(unchecked) private var nextFaultOffset = Int.max
    private var lastFaultLine = 0
    private var reportedFaults = 0
    /// Faults reported after this many are summarised in one message.
    private let maxFaults = 100
    /// Position of the next byte.
    @exclusivity(unchecked) private(set) var position = SourcePosition.start
    /// Decoding failures met so far, in order; readers take them with `takeFailures()`.
    private(set) var failures: [ParseFailure] = []

    /// A cursor over the decoder's output, whose first byte is at `start` in its file.
    init(decoder: TextDecoder, startingAt start: SourcePosition = .start) {
        self.decoder = decoder
        position = start
        // Sized by the first decoded chunk (64 KiB of UTF-8 input), not ahead: a parallel
        // CSV read makes a cursor per chunk of rows.
        chunkCapacity = 1
        chunk = .allocate(capacity: chunkCapacity)
        decoded.reserveCapacity(256 * 1024)
    }

    deinit {
        chunk.deallocate()
    }

    /// The encoding in use, once detected.
    var encodingName: String? { decoder.encodingName }

    /// True when every byte handed out so far is well-formed UTF-8, checked by the decoder (a
    /// run between two ASCII bytes is then whole scalars): see `TextDecoder.checksOutput`.
    var yieldsCheckedUTF8: Bool { decoder.checksOutput }

    private func refill() -> Bool {
        guard decoder.read(into: &decoded) else { return false }
        if decoded.count > chunkCapacity {
            chunk.deallocate()
            chunkCapacity = decoded.count
            chunk = .allocate(capacity: chunkCapacity)
        }
        decoded.withUnsafeBufferPointer { bytes in
            if let base = bytes.baseAddress { chunk.update(from: base, count: bytes.count) }
        }
        count = decoded.count
        index = 0
        if !decoder.faults.isEmpty {
            pendingFaults.removeSubrange(0..<pendingIndex)
            pendingIndex = 0
            pendingFaults += decoder.faults
            decoder.faults.removeAll(keepingCapacity: true)
            nextFaultOffset = pendingFaults.first?.offset ?? Int.max
        }
        return true
    }

    /// The next byte without consuming it.
    @inline(__always)
    func peek() -> UInt8? {
        if replayIndex < replay.count { return replay[replayIndex] }
        if index < count { return chunk[index] }
        return refill() ? chunk[index] : nil
    }

    /// Consumes and returns the next byte, advancing the position.
    @inline(__always)
    @discardableResult
    func next() -> UInt8? {
        let byte: UInt8
        if replayIndex < replay.count {
            byte = replay[replayIndex]
            replayIndex += 1
        } else {
            guard let live = peek() else { return nil }
            byte = live
            if consumed >= nextFaultOffset { noteFault() }
            index += 1
            consumed += 1
        }
        position.advance(overUTF8: byte)
        return byte
    }

    /// Consumes the bytes before the next `a`, `b` or `c`, appending them to `output`, and
    /// returns how many; one of the stops must be the line feed, so that only the column moves.
    /// The run also ends at the end of the decoded chunk, at a decoding fault, after `limit`
    /// bytes, and is empty while pushed-back bytes are replayed: the caller then goes on byte by
    /// byte with `peek`/`next`, which handle all of those.
    /// This is the CSV reader's hot loop: most of an export is field bodies.
    @inline(__always)
    func consumeRun(stoppingAt a: UInt8, _ b: UInt8, _ c: UInt8, limit: Int, appendingTo output: inout [UInt8]) -> Int {
        guard replayIndex >= replay.count else { return 0 }
        if index >= count, !refill() { return 0 }
        let start = index
        // Faults are noted by `next()` when their byte is reached, so a run stops short of them.
        let end = min(count, start + max(0, min(limit, nextFaultOffset - consumed)))
        guard end > start else { return 0 }
        var stop = start
        var continuations = 0
        let base = chunk
        // Sixteen bytes at a time with Swift's SIMD vectors (as `TextDecoder.validRunEnd`):
        // the stops by lane-wise equality, the continuation bytes (10xxxxxx, below C0 as signed
        // bytes) counted per lane and summed every 255 blocks, before a lane can overflow.
        // Eight-byte SWAR words cost about 27 instructions a word (the CSV row parser with this
        // loop: 65.2 M → 58.3 M instructions on the 10k CSV corpus); it runs over nearly every
        // byte of a CSV file. Comparisons take vector operands (a scalar one takes the
        // generic lane-by-lane path) and the masks are read as two integers (`any(_:)` is an
        // out-of-line lane loop).
        let stopA = SIMD16<UInt8>(repeating: a), stopB = SIMD16<UInt8>(repeating: b), stopC = SIMD16<UInt8>(repeating: c)
        let lead = SIMD16<Int8>(repeating: -64)
        let lowBytes: UInt64 = 0x00FF_00FF_00FF_00FF
        /// The sum of the sixteen byte lanes of `counts`.
        @inline(__always)
        func total(_ counts: SIMD16<UInt8>) -> Int {
            let halves = unsafeBitCast(counts, to: SIMD2<UInt64>.self)
            let pairs = (halves[0] & lowBytes) &+ ((halves[0] >> 8) & lowBytes) &+ (halves[1] & lowBytes) &+ ((halves[1] >> 8) & lowBytes)
            return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
        }
        var found = false
        while !found, end &- stop >= 16 {
            let blockEnd = min(end, stop &+ 255 &* 16)
            var counts = SIMD16<UInt8>(repeating: 0)
            while blockEnd &- stop >= 16 {
                let block = UnsafeRawPointer(base + stop).loadUnaligned(as: SIMD16<UInt8>.self)
                let hits = unsafeBitCast((block .== stopA) .| (block .== stopB) .| (block .== stopC), to: SIMD2<UInt64>.self)
                let continuation = unsafeBitCast(unsafeBitCast(block, to: SIMD16<Int8>.self) .< lead, to: SIMD16<UInt8>.self)
                if hits[0] | hits[1] != 0 {
                    let bytes = hits[0] != 0 ? hits[0].trailingZeroBitCount >> 3 : 8 &+ hits[1].trailingZeroBitCount >> 3
                    // Only the continuation lanes before the stop count.
                    var before = unsafeBitCast(continuation, to: SIMD2<UInt64>.self)
                    if bytes < 8 {
                        before[0] &= (1 << (bytes << 3)) &- 1
                        before[1] = 0
                    } else {
                        before[1] &= (1 << ((bytes &- 8) << 3)) &- 1
                    }
                    counts &-= unsafeBitCast(before, to: SIMD16<UInt8>.self)
                    stop &+= bytes
                    found = true
                    break
                }
                counts &-= continuation
                stop &+= 16
            }
            continuations &+= total(counts)
        }
        if !found {
            while stop < end {
                let byte = base[stop]
                if byte == a || byte == b || byte == c { break }
                if byte & 0xC0 == 0x80 { continuations &+= 1 }
                stop &+= 1
            }
        }
        if stop > start { output.append(contentsOf: UnsafeBufferPointer(start: base + start, count: stop - start)) }
        let length = stop - start
        index = stop
        consumed += length
        position.column += length - continuations
        return length
    }

    private func noteFault() {
        while pendingIndex < pendingFaults.count, pendingFaults[pendingIndex].offset <= consumed {
            let fault = pendingFaults[pendingIndex]
            pendingIndex += 1
            // One fault per line is enough to point at the problem; a wrong encoding would
            // otherwise report every character.
            guard position.line != lastFaultLine else { continue }
            lastFaultLine = position.line
            reportedFaults += 1
            if reportedFaults <= maxFaults {
                failures.append(ParseFailure(position: position, message: fault.message))
            } else if reportedFaults == maxFaults + 1 {
                failures.append(ParseFailure(position: position, message: LocalizedText(
                    zh: "编码错误过多，其余的不再报告", en: "too many encoding errors; the rest are not reported")))
            }
        }
        nextFaultOffset = pendingIndex < pendingFaults.count ? pendingFaults[pendingIndex].offset : Int.max
    }

    /// Re-reads `bytes` (already consumed once) before the rest, starting at `start`.
    func pushBack(_ bytes: ArraySlice<UInt8>, at start: SourcePosition) {
        guard !bytes.isEmpty else { return }
        replay = Array(bytes) + replay[replayIndex...]
        replayIndex = 0
        position = start
    }

    /// Returns and forgets the decoding failures met so far.
    func takeFailures() -> [ParseFailure] {
        defer { failures.removeAll(keepingCapacity: true) }
        return failures
    }

    /// True when decoding failures are waiting.
    var hasFailures: Bool { !failures.isEmpty }
}
