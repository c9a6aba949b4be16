import ReplyLintCore

/// Byte-at-a-time access to decoded UTF-8 text with the line and column (Unicode code points) of
/// the next byte, so positions are those an editor shows for the decoded file. Bytes can be
/// pushed back to re-read them (CSV resynchronisation), and decoding faults come out as
/// positioned parse failures, at most one per line.
final class TextCursor {
    private let decoder: TextDecoder
    private var buffer: [UInt8] = []
    private var index = 0
    private var replay: [UInt8] = []
    private var replayIndex = 0
    /// Decoded bytes taken from the decoder so far (replayed bytes not counted).
    private var consumed = 0
    private var pendingFaults: [TextDecoder.Fault] = []
    private var pendingIndex = 0
    private var nextFaultOffset = Int.max
    private var lastFaultLine = 0
    private var reportedFaults = 0
    /// Faults reported after this many are summarised in one message.
    private let maxFaults = 100
    /// Position of the next byte.
    private(set) var position = SourcePosition.start
    /// Decoding failures met so far, in order; readers take them with `takeFailures()`.
    private(set) var failures: [ParseFailure] = []

    /// A cursor over the decoder's output.
    init(decoder: TextDecoder) {
        self.decoder = decoder
        buffer.reserveCapacity(256 * 1024)
    }

    /// The encoding in use, once detected.
    var encodingName: String? { decoder.encodingName }

    private func refill() -> Bool {
        guard decoder.read(into: &buffer) else { return false }
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
        if index < buffer.count { return buffer[index] }
        return refill() ? buffer[index] : nil
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
        if byte == 0x0A {
            position.line += 1
            position.column = 1
        } else if byte & 0xC0 != 0x80 {
            position.column += 1
        }
        return byte
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
