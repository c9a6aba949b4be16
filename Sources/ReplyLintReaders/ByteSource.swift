#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

/// Bytes from a file descriptor or memory, read in 256 KiB chunks, with the line and column
/// (in Unicode code points) of the next byte. Readers pull bytes one at a time from it, or whole
/// runs of string bytes at once (`consumeStringRun`), so a file of any size is read in constant
/// memory.
///
/// The chunk lives in a raw allocation rather than an `[UInt8]`: `peek`/`next` run once per byte
/// of input, and an array there costs a bounds check and a uniqueness check on every access.
/// For the same reason the cursor properties opt out of dynamic exclusivity checks (profiled at
/// about a third of all instructions): a source belongs to one reader on one thread, and every
/// access to them is instantaneous, so no two accesses can overlap.
public final class ByteSource {
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    @exclusivity(unchecked) private var index = 0
    @exclusivity(unchecked) private var count: Int
    private let descriptor: Int32?
    @exclusivity(unchecked) private var exhausted: Bool
    /// False once `pushBack` replaced an in-memory source's bytes (it can then not start over).
    private var holdsAllBytes: Bool
    /// Bytes consumed before the buffered chunk's first byte: `offset` is derived from it and
    /// `index` rather than counted on every byte (two memory operations per byte saved).
    @exclusivity(unchecked) private var chunkOffset = 0
    /// Position of the next byte.
    @exclusivity(unchecked) public private(set) var position = SourcePosition.start
    /// Bytes consumed so far.
    public var offset: Int { chunkOffset + index }

    /// Reads from an open file descriptor (not closed by the source).
    public init(fileDescriptor: Int32, chunkSize: Int = 256 * 1024) {
        capacity = max(chunkSize, 16)
        storage = .allocate(capacity: capacity)
        count = 0
        descriptor = fileDescriptor
        exhausted = false
        holdsAllBytes = false
    }

    /// Reads from bytes in memory whose first byte sits at `start` in its file (a slice of whole
    /// lines cut out of a bigger input, so that positions are still those of the file).
    public convenience init(bytes: [UInt8], startingAt start: SourcePosition) {
        self.init(bytes: bytes)
        position = start
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8]) {
        let capacity = max(bytes.count, 1)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        bytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.initialize(from: base, count: source.count) }
        }
        self.capacity = capacity
        self.storage = storage
        count = bytes.count
        descriptor = nil
        exhausted = true
        holdsAllBytes = true
    }

    deinit {
        storage.deallocate()
    }

    private func refill() -> Bool {
        guard !exhausted, let descriptor else { return false }
        while true {
            let n = read(descriptor, storage, capacity)
            if n > 0 {
                chunkOffset += index
                count = n
                index = 0
                return true
            }
            if n < 0, errno == EINTR { continue }
            exhausted = true
            return false
        }
    }

    /// The next byte without consuming it.
    @inline(__always)
    public func peek() -> UInt8? {
        if index < count { return storage[index] }
        return refill() ? storage[index] : nil
    }

    /// Consumes and returns the next byte, advancing the position.
    @inline(__always)
    @discardableResult
    public func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        index += 1
        position.advance(overUTF8: byte)
        return byte
    }

    /// Consumes the next byte, which `peek` has just shown to be ASCII other than a line feed:
    /// one column, without `next`'s tests for line feeds and continuation bytes (the scanner
    /// consumes several structural characters per member this way).
    @inline(__always)
    public func skipASCII() {
        index &+= 1
        position.column &+= 1
    }

    /// Consumes `pattern` if the next bytes are exactly its bytes, moving its columns; false,
    /// consuming nothing, otherwise, and also when fewer than `NamePattern.capacity` bytes are
    /// buffered (the caller then reads the name the general way). A scanner matches a member
    /// name it has seen before this way, without scanning it.
    @inline(__always)
    func consume(ifNext pattern: NamePattern) -> Bool {
        guard count &- index >= NamePattern.capacity else { return false }
        let here = UnsafeRawPointer(storage + index)
        let difference = (here.loadUnaligned(as: UInt64.self) ^ pattern.words.0) & pattern.masks.0
            | (here.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ pattern.words.1) & pattern.masks.1
            | (here.loadUnaligned(fromByteOffset: 16, as: UInt64.self) ^ pattern.words.2) & pattern.masks.2
        guard difference == 0 else { return false }
        index &+= pattern.length
        position.column &+= pattern.columns
        return true
    }

    /// Hands `body` the bytes buffered from the next one on and consumes as many as it returns
    /// (at most all of them), one column each: they must be ASCII other than line feeds. For
    /// short tokens that nearly always lie whole in the chunk (numbers), read there in one go
    /// instead of byte by byte; `body` returns 0 to leave a token to byte-by-byte reading.
    @inline(__always)
    public func consumeASCII(_ body: (UnsafeBufferPointer<UInt8>) throws -> Int) rethrows {
        if index >= count, !refill() { return }
        let taken = min(max(try body(UnsafeBufferPointer(start: storage + index, count: count - index)), 0), count - index)
        index &+= taken
        position.column &+= taken
    }

    /// Consumes the bytes of a JSON string body up to the next `"`, `\` or control character (or
    /// the end of the buffered chunk), appending them to `output`; returns how many were consumed.
    /// This is the readers' hot loop: most of a reply export is string bodies of plain UTF-8.
    @inline(__always)
    @discardableResult
    public func consumeStringRun(appendingTo output: inout [UInt8]) -> Int {
        consumeStringRun { run, _, _ in
            output.append(contentsOf: run)
            return run.count
        }
    }

    /// Consumes a run as `consumeStringRun(appendingTo:)` does, but hands it to `body` where it
    /// lies in the chunk (valid only during the call), with the byte that ended it (`nil` when
    /// the run reached the end of the buffered chunk, or of the input, instead) and whether all
    /// its bytes are ASCII. A string that fits in the chunk becomes a `String` straight from the
    /// chunk, with no copy in between, and an ASCII one without a UTF-8 validation pass.
    @inline(__always)
    public func consumeStringRun<Result>(_ body: (UnsafeBufferPointer<UInt8>, UInt8?, Bool) throws -> Result) rethrows -> Result {
        if index >= count, !refill() { return try body(UnsafeBufferPointer(start: storage, count: 0), nil, true) }
        let start = index
        let end = count
        var stop = start
        var continuations = 0
        // The high bits of every byte of the run, or-ed together: zero for an ASCII run (one
        // instruction a word; the validation pass it saves costs about 30 a string).
        var nonASCII: UInt64 = 0
        // Eight bytes at a time (SWAR): a byte that is `"`, `\` or below 0x20 sets its high bit
        // in `stops`, exactly for the first such byte (borrows only flag bytes above it), so the
        // run's end is found without going back to single bytes. Code points are the bytes that
        // are not continuation bytes (10xxxxxx); those are summed per byte lane and folded every
        // 31 words (before a lane can exceed what the fold adds up), instead of a software
        // popcount per word (this loop runs over nearly every byte of the input).
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var found = false
        while !found, end - stop >= 8 {
            let blockEnd = min(end, stop &+ 31 &* 8)
            var lanes: UInt64 = 0
            while blockEnd - stop >= 8 {
                let word = UnsafeRawPointer(storage + stop).loadUnaligned(as: UInt64.self)
                let quote = word ^ (ones &* 0x22)
                let backslash = word ^ (ones &* 0x5C)
                let stops = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highs
                let continuation = word & ~(word << 1) & highs
                if stops != 0 {
                    let bytes = stops.trailingZeroBitCount >> 3
                    let before: UInt64 = (1 << (bytes << 3)) &- 1
                    lanes &+= (continuation & before) >> 7
                    nonASCII |= word & before
                    stop &+= bytes
                    found = true
                    break
                }
                lanes &+= continuation >> 7
                nonASCII |= word
                stop &+= 8
            }
            continuations &+= Int(truncatingIfNeeded: (lanes &* ones) >> 56)
        }
        if !found {
            while stop < end {
                let byte = storage[stop]
                if byte == 0x22 || byte == 0x5C || byte < 0x20 { break }
                if byte & 0xC0 == 0x80 { continuations &+= 1 }
                nonASCII |= UInt64(byte)
                stop &+= 1
            }
        }
        let length = stop - start
        index = stop
        // Code points, not bytes: continuation bytes do not start a column.
        position.column += length - continuations
        return try body(UnsafeBufferPointer(start: storage + start, count: length), stop < end ? storage[stop] : nil,
                        nonASCII & highs == 0)
    }

    /// Moves up to `limit` bytes, as they come, to the end of `output` and returns how many (0 at
    /// the end of the input). For splitting an input into chunks of lines: `position` is not
    /// kept up to date past this call.
    public func consumeRaw(upTo limit: Int, appendingTo output: inout [UInt8]) -> Int {
        if index >= count, !refill() { return 0 }
        let length = min(limit, count - index)
        output.append(contentsOf: UnsafeBufferPointer(start: storage + index, count: length))
        index += length
        return length
    }

    /// Makes `bytes` the next bytes to read, ahead of whatever is left, with `bytes` starting at
    /// `position` in the file: a chunk splitter that met a line too long to buffer hands what it
    /// has back and lets a reader stream the rest.
    public func pushBack(_ bytes: [UInt8], at position: SourcePosition) {
        let rest = count - index
        let total = bytes.count + rest
        let newCapacity = max(capacity, total)
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bytes.withUnsafeBufferPointer { head in
            if let base = head.baseAddress { buffer.initialize(from: base, count: head.count) }
        }
        (buffer + bytes.count).initialize(from: storage + index, count: rest)
        chunkOffset += index
        storage.deallocate()
        storage = buffer
        capacity = newCapacity
        index = 0
        count = total
        self.position = position
        holdsAllBytes = false
    }

    /// True when `rewind` can start over: bytes in memory, or a regular file that can seek (a
    /// parallel reader that meets something it cannot split reads the input again from the start).
    public var canRewind: Bool {
        guard let descriptor else { return holdsAllBytes }
        var info = stat()
        return fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG && lseek(descriptor, 0, SEEK_CUR) >= 0
    }

    /// Goes back to the first byte of the input (see `canRewind`); false when it cannot.
    public func rewind() -> Bool {
        if let descriptor {
            guard lseek(descriptor, 0, SEEK_SET) == 0 else { return false }
            count = 0
            exhausted = false
        } else if !holdsAllBytes {
            return false
        }
        index = 0
        chunkOffset = 0
        position = .start
        return true
    }

    /// Skips a UTF-8 byte-order mark at the start.
    public func skipByteOrderMark() {
        guard offset == 0, peek() == 0xEF else { return }
        // The BOM is three bytes; only skip it if all three match.
        if index + 2 < count, storage[index + 1] == 0xBB, storage[index + 2] == 0xBF {
            index += 3
        }
    }
}
