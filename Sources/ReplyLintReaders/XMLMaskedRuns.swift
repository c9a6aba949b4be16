import ReplyLintCore

// libxml2 2.9.14 parses character data in a fast loop while it is ASCII and hands the callback a
// pointer into its input; at the first byte ≥ 0x80 it falls back to a loop that decodes, checks
// and copies one character at a time (`xmlCurrentChar`, `xmlCopyCharMultiByte`, its own loop:
// about 0.2 G instructions on the 10k corpus, whose text is Chinese). The push parser's input is
// valid UTF-8 already (the decoder or the chunk check saw to it), and every valid non-ASCII scalar
// is an XML `Char` but U+FFFE and U+FFFF, so a text run without those loses libxml2 no check when
// its non-ASCII bytes are handed over as `x`: the lines and every ASCII character libxml2 looks at
// stay the same. A run on one line (nearly all) goes further: it is handed over as a single `x`,
// which spares libxml2 its loop over the bytes and the copies on the way (a further 19 M
// instructions on the 10k corpus); a run with line feeds keeps its length, so that libxml2's line
// numbers stay right. The run's text is then taken from its original bytes, kept here, and
// libxml2's error columns after it on its line are mapped back (libxml2 counts a column per byte
// handed over in the fast loop, per character in the other).

/// The original bytes of text runs handed to libxml2 masked, and what is needed to map
/// libxml2's columns on their lines back to characters.
struct XMLMaskedRuns {
    /// The original bytes of the kept runs, back to back.
    private var originals: [UInt8] = []
    /// Global offset of `originals[0]`.
    private var originalsBase = 0
    /// The kept runs, in document order: the tag whose content they start, where their bytes
    /// start (global offset into `originals`), their byte count and how many bytes stood for
    /// them in what libxml2 got.
    private var runs: [(tag: Int, start: Int, count: Int, handed: Int)] = []
    /// The first run not yet taken or passed.
    private var nextRun = 0
    /// Of each masked run, its part on its last line: the line, libxml2's (per byte) column just
    /// after it, and how many more columns libxml2 counts there than the part has characters
    /// (fewer, negative, for a run handed over as one byte).
    private var segments: [(line: Int, end: Int, excess: Int)] = []

    /// Keeps the run of tag `tag` whose original bytes are `bytes`, starting at `start` in the
    /// text, which `check` accepted (with `shape`, its result) and which was handed to libxml2
    /// as `handed` bytes: all of them masked, or one `x` when it has no line feed. `characters`
    /// is its count of characters when the caller knows it (the tracker counted them).
    mutating func keep(tag: Int, original bytes: UnsafeBufferPointer<UInt8>, handed: Int, start: SourcePosition, shape: Shape,
                       characters known: Int? = nil) {
        runs.append((tag, originalsBase + originals.count, bytes.count, handed))
        originals.append(contentsOf: bytes)
        // The part after the last line feed (all of it without one), its characters, and the
        // bytes libxml2 got for it.
        let line = start.line + shape.lineFeeds
        let tail = shape.lineFeeds == 0 ? bytes : UnsafeBufferPointer(rebasing: bytes[shape.lastLineStart...])
        let characters = shape.lineFeeds == 0 ? known ?? Self.characters(tail) : Self.characters(tail)
        let columns = shape.lineFeeds == 0 ? handed : tail.count
        let excess = columns - characters
        guard excess != 0 else { return }
        var column = shape.lineFeeds == 0 ? start.column : 1
        // Earlier masked parts of the same line moved libxml2's columns on it already.
        for segment in segments.reversed() {
            guard segment.line == line else { break }
            column += segment.excess
        }
        segments.append((line, column + columns, excess))
    }

    /// The kept run of tag `tag`, if any (taken once, with tags asked in increasing order): where
    /// its bytes start (global), its count and the count libxml2 got.
    @inline(__always)
    mutating func take(tag: Int) -> (start: Int, count: Int, handed: Int)? {
        while nextRun < runs.count && runs[nextRun].tag < tag { nextRun += 1 }
        guard nextRun < runs.count, runs[nextRun].tag == tag else { return nil }
        nextRun += 1
        return (runs[nextRun - 1].start, runs[nextRun - 1].count, runs[nextRun - 1].handed)
    }

    /// Copies the original bytes of a run `take` returned to `target`.
    func copy(_ run: (start: Int, count: Int, handed: Int), to target: UnsafeMutablePointer<UInt8>) {
        originals.withUnsafeBufferPointer { all in
            target.update(from: all.baseAddress! + (run.start - originalsBase), count: run.count)
        }
    }

    /// Forgets the runs of tags below `tag`, and the segments on lines before `line` (libxml2,
    /// having parsed up to there, reports nothing before it any more).
    mutating func discard(below tag: Int, line: Int?) {
        var drop = 0
        while drop < runs.count && runs[drop].tag < tag { drop += 1 }
        if drop > 0 {
            let unused = (drop < runs.count ? runs[drop].start : originalsBase + originals.count) - originalsBase
            runs.removeFirst(drop)
            originals.removeFirst(unused)
            originalsBase += unused
            nextRun = max(0, nextRun - drop)
        }
        if let line {
            var old = 0
            while old < segments.count && segments[old].line < line { old += 1 }
            if old > 0 { segments.removeFirst(old) }
        }
    }

    /// libxml2's `column` on `line` mapped from bytes back to characters where masked runs
    /// on that line before it count a column per byte.
    func column(_ column: Int, line: Int) -> Int {
        var excess = 0
        for segment in segments where segment.line == line && segment.end <= column { excess += segment.excess }
        return column - excess
    }

    // MARK: - Masking

    /// What `check` found in a run it accepted.
    struct Shape {
        /// Line feeds in the run.
        var lineFeeds = 0
        /// Where the part after the last line feed starts.
        var lastLineStart = 0
    }

    /// The characters (code points) of the UTF-8 `bytes`, counted eight bytes at a time.
    static func characters(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var index = 0, continuations = 0
        while index &+ 8 <= bytes.count {
            continuations &+= XMLTagTracker.continuationCount(raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            index &+= 8
        }
        while index < bytes.count {
            if base[index] & 0xC0 == 0x80 { continuations &+= 1 }
            index &+= 1
        }
        return bytes.count - continuations
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080

    /// What is needed to hand the `count` bytes at `bytes` (valid UTF-8) to libxml2 masked, or
    /// `nil` when the run must reach libxml2 as it is: when it holds no byte ≥ 0x80, or a
    /// character libxml2 would treat otherwise than its fast loop does (a reference, a control
    /// character other than tab and line feed, `>` as in `]]>`, U+FFFE or U+FFFF, conservatively
    /// any `EF BF`). Eight bytes at a time: text is most of an export.
    static func check(_ bytes: UnsafePointer<UInt8>, count: Int) -> Shape? {
        var shape = Shape()
        var high: UInt64 = 0
        var index = 0
        let raw = UnsafeRawPointer(bytes)
        while index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            // Every byte ≥ 0x40 (bit 7 or 6 set), as in Chinese text, rules out all stops at
            // once; other words are looked at byte by byte only when they may hold one.
            if ~(word | word << 1) & highs != 0,
               (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x3E))
                || hasZeroByte(word ^ (ones &* 0x26)) {
                for j in 0..<8 where !allowed(bytes[index &+ j], at: index &+ j, &shape) { return nil }
            }
            if word & highs != 0 {
                // Each `BF` is checked against the byte before it, in the word or the one before.
                // `BF` first: it is rarer in Chinese text than `EF`, which starts its fullwidth
                // punctuation (1.6 M fewer instructions on the 10k corpus).
                if hasZeroByte(word ^ (ones &* 0xBF)) {
                    let bfs = exactZeroBytes(word ^ (ones &* 0xBF))
                    if (exactZeroBytes(word ^ (ones &* 0xEF)) << 8) & bfs != 0 { return nil }
                    if bfs & 0x80 != 0, index > 0, bytes[index &- 1] == 0xEF { return nil }
                }
                high |= word
            }
            index &+= 8
        }
        while index < count {
            let byte = bytes[index]
            if !allowed(byte, at: index, &shape) { return nil }
            if byte >= 0x80 {
                if byte == 0xBF, index > 0, bytes[index &- 1] == 0xEF { return nil }
                high |= UInt64(byte)
            }
            index &+= 1
        }
        return high & highs != 0 ? shape : nil
    }

    /// Overwrites every byte ≥ 0x80 of the `count` bytes at `bytes` with `x` (a run `check`
    /// accepted, or part of one). Eight bytes at a time.
    static func maskAll(_ bytes: UnsafeMutablePointer<UInt8>, count: Int) {
        var index = 0
        let raw = UnsafeMutableRawPointer(bytes)
        while index &+ 8 <= count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            let lanes = ((word & highs) >> 7) &* 0xFF
            raw.storeBytes(of: (word & ~lanes) | (ones &* 0x78 & lanes), toByteOffset: index, as: UInt64.self)
            index &+= 8
        }
        while index < count {
            if bytes[index] >= 0x80 { bytes[index] = UInt8(ascii: "x") }
            index &+= 1
        }
    }

    /// False for a byte that keeps the run unmasked; notes line feeds in `shape`.
    @inline(__always)
    private static func allowed(_ byte: UInt8, at index: Int, _ shape: inout Shape) -> Bool {
        if byte == 0x0A {
            shape.lineFeeds += 1
            shape.lastLineStart = index + 1
            return true
        }
        return byte >= 0x20 && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "&") || byte == 0x09
    }

    /// True when `x` has a zero byte.
    @inline(__always)
    private static func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }

    /// The high bit of exactly the zero bytes of `x`.
    @inline(__always)
    private static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        ~(((x & ~highs) &+ ~highs) | x) & highs
    }
}
