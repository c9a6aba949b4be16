#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

// Decoding is done here rather than with Foundation's `String(data:encoding:)`: that needs the
// whole file in memory, gives no position for a bad byte and stops at the first one. iconv (part
// of the C library, so no new dependency) converts chunk by chunk; an incomplete sequence at the
// end of a chunk is carried over to the next one, and an invalid byte becomes U+FFFD plus a fault
// that the cursor turns into a positioned parse error, so reading goes on after it.

/// Streams a `ByteSource` as UTF-8, whatever its encoding: detected from a byte-order mark, then
/// by checking whether the first non-ASCII bytes are valid UTF-8 (else GB18030), or forced.
final class TextDecoder {
    /// An invalid or truncated byte sequence, at an offset in the decoded output.
    struct Fault {
        /// Offset of the replacement character in the decoded UTF-8 output.
        var offset: Int
        /// What is wrong.
        var message: LocalizedText
    }

    private enum Mode {
        /// Auto-detection has seen only ASCII so far, which reads the same in every candidate.
        case undecided
        case utf8
        case converter(iconv_t, unit: Int, name: String)
    }

    private let source: ByteSource
    private var mode: Mode = .undecided
    private var raw: [UInt8] = []
    private var rawStart = 0
    private var exhausted = false
    private var started = false
    private let forced: TextEncoding?
    private let readsXMLProlog: Bool
    /// Bytes of decoded output produced so far.
    private(set) var produced = 0
    /// Faults found so far, in output order; the cursor takes them.
    var faults: [Fault] = []
    /// True while the output is checked here, byte by byte, to be well-formed UTF-8 (ASCII
    /// before detection, UTF-8 input): readers then make strings from it without checking it
    /// again. False for iconv's output, which this type does not check.
    var checksOutput: Bool {
        if case .converter = mode { return false }
        return true
    }
    /// The encoding in use once known (for messages and tests).
    private(set) var encodingName: String?
    /// Raw bytes read per chunk.
    private let chunkSize: Int
    /// How many bytes after the first non-ASCII byte auto-detection looks at.
    static let sniffWindow = 4096

    /// A decoder over `source`; `forced` skips detection; `xmlProlog` honours `<?xml encoding=…?>`.
    init(source: ByteSource, forced: TextEncoding?, xmlProlog: Bool = false, chunkSize: Int = 64 * 1024) {
        self.source = source
        self.forced = forced
        self.readsXMLProlog = xmlProlog
        self.chunkSize = chunkSize
        raw.reserveCapacity(chunkSize + Self.sniffWindow)
    }

    deinit {
        if case .converter(let cd, _, _) = mode { iconv_close(cd) }
    }

    /// Replaces `output` with the next decoded bytes; false at the end of the input.
    func read(into output: inout [UInt8]) -> Bool {
        output.removeAll(keepingCapacity: true)
        if !started { start() }
        while output.isEmpty {
            if rawStart >= raw.count || needsMoreInput {
                if !fillRaw() && rawStart >= raw.count { return false }
            }
            decode(into: &output)
            if output.isEmpty && exhausted && rawStart >= raw.count { return false }
        }
        return true
    }

    // MARK: - Start: byte-order mark, prolog, forced encoding

    private func start() {
        started = true
        _ = fillRaw()
        let bytes = raw
        func has(_ prefix: [UInt8]) -> Bool { bytes.count >= prefix.count && Array(bytes[0..<prefix.count]) == prefix }
        if has([0xEF, 0xBB, 0xBF]), forced == nil || forced == .utf8 {
            rawStart = 3
            use(.utf8)
        } else if has([0xFF, 0xFE]), forced == nil || forced == .utf16 {
            rawStart = 2
            useConverter("UTF-16LE", unit: 2)
        } else if has([0xFE, 0xFF]), forced == nil || forced == .utf16 {
            rawStart = 2
            useConverter("UTF-16BE", unit: 2)
        } else if let forced {
            switch forced {
            case .utf8: use(.utf8)
            case .gb18030: useConverter("GB18030", unit: 1)
            // Without a byte-order mark, a leading NUL byte means big-endian ASCII.
            case .utf16: useConverter(bytes.first == 0 ? "UTF-16BE" : "UTF-16LE", unit: 2)
            }
        } else if bytes.count >= 2, bytes[0] != 0, bytes[1] == 0 {
            useConverter("UTF-16LE", unit: 2)
        } else if bytes.count >= 2, bytes[0] == 0, bytes[1] != 0 {
            useConverter("UTF-16BE", unit: 2)
        } else if readsXMLProlog, let declared = Self.declaredEncoding(bytes) {
            switch TextEncoding(name: declared) {
            case .utf8?: use(.utf8)
            case .gb18030?: useConverter("GB18030", unit: 1)
            case .utf16?: useConverter("UTF-16LE", unit: 2)
            case nil: useConverter(declared.uppercased(), unit: 1)
            }
        }
    }

    private func use(_ encoding: TextEncoding) {
        mode = .utf8
        encodingName = encoding.rawValue
    }

    private func useConverter(_ name: String, unit: Int) {
        guard let cd = iconv_open("UTF-8", name), cd != iconv_t(bitPattern: -1) else {
            // An encoding iconv does not know: read as UTF-8 and let the bad bytes show as faults.
            faults.append(Fault(offset: 0, message: LocalizedText(zh: "不支持的编码 \(name)，按 UTF-8 读取",
                                                                 en: "unsupported encoding \(name), read as UTF-8")))
            mode = .utf8
            encodingName = TextEncoding.utf8.rawValue
            return
        }
        mode = .converter(cd, unit: unit, name: name)
        encodingName = name
    }

    /// The `encoding="…"` of an XML declaration at the start of `bytes` (ASCII-compatible only).
    static func declaredEncoding(_ bytes: [UInt8]) -> String? {
        let head = bytes.prefix(256)
        guard head.starts(with: Array("<?xml".utf8)), let end = head.firstIndex(of: UInt8(ascii: ">")) else { return nil }
        let decl = Array(head[head.startIndex..<end])
        let key = Array("encoding".utf8)
        guard decl.count > key.count else { return nil }
        for i in 0...(decl.count - key.count) where Array(decl[i..<(i + key.count)]) == key {
            var j = i + key.count
            while j < decl.count, decl[j] == 0x20 || decl[j] == 0x3D || decl[j] == 0x09 { j += 1 }
            guard j < decl.count, decl[j] == 0x22 || decl[j] == 0x27 else { return nil }
            let quote = decl[j]
            guard let close = decl[(j + 1)...].firstIndex(of: quote) else { return nil }
            return String(decoding: decl[(j + 1)..<close], as: UTF8.self)
        }
        return nil
    }

    // MARK: - Input

    private var needsMoreInput = false

    /// Moves unread bytes to the front and appends up to a chunk from the source.
    private func fillRaw(extra: Int = 0) -> Bool {
        needsMoreInput = false
        if rawStart > 0 {
            raw.removeSubrange(0..<rawStart)
            rawStart = 0
        }
        guard !exhausted else { return false }
        // Whole runs of the source's buffer at a time: pulling byte by byte through `next()`
        // cost a call, a position update and an append per input byte (a third of the CSV
        // reader's instructions). The source's position is not needed: the cursor keeps its own.
        // A local array, as appending to the stored property pays a dynamic exclusivity check.
        var bytes: [UInt8] = []
        swap(&bytes, &raw)
        let target = bytes.count + chunkSize + extra
        while bytes.count < target {
            if source.consumeRaw(upTo: target - bytes.count, appendingTo: &bytes) == 0 { exhausted = true; break }
        }
        swap(&bytes, &raw)
        return true
    }

    // MARK: - Decoding

    private func decode(into output: inout [UInt8]) {
        switch mode {
        case .undecided: decodeUndecided(into: &output)
        case .utf8: decodeUTF8(into: &output)
        case .converter(let cd, let unit, let name): convert(cd, unit: unit, name: name, into: &output)
        }
    }

    /// Passes ASCII through; at the first non-ASCII byte, decides between UTF-8 and GB18030.
    private func decodeUndecided(into output: inout [UInt8]) {
        var i = rawStart
        while i < raw.count, raw[i] < 0x80 { i += 1 }
        output.append(contentsOf: raw[rawStart..<i])
        produced += i - rawStart
        rawStart = i
        guard i < raw.count else { return }
        if raw.count - i < Self.sniffWindow, !exhausted { _ = fillRaw(extra: Self.sniffWindow) }
        let end = min(raw.count, rawStart + Self.sniffWindow)
        if Self.isValidUTF8(raw[rawStart..<end], allowTruncatedEnd: end < raw.count || !exhausted) {
            mode = .utf8
            encodingName = TextEncoding.utf8.rawValue
        } else {
            useConverter("GB18030", unit: 1)
        }
    }

    /// True when `bytes` reads as UTF-8: no invalid sequence, or so few against valid multi-byte
    /// ones that they are stray bad bytes in a UTF-8 file (GBK text read as UTF-8 is invalid
    /// almost every other byte). An incomplete last sequence passes when `allowTruncatedEnd`.
    static func isValidUTF8(_ bytes: ArraySlice<UInt8>, allowTruncatedEnd: Bool) -> Bool {
        var i = bytes.startIndex
        var valid = 0, invalid = 0
        while i < bytes.endIndex {
            let length = sequenceLength(bytes, at: i)
            if length > 0 {
                if length > 1 { valid += 1 }
                i += length
                continue
            }
            if length == 0 && allowTruncatedEnd { break }
            invalid += 1
            i += 1
        }
        return invalid == 0 || valid > 4 * invalid
    }

    /// Length of the valid UTF-8 sequence at `i`; 0 when it is cut off by the end; -1 when invalid.
    @inline(__always)
    static func sequenceLength<Bytes: RandomAccessCollection>(_ bytes: Bytes, at i: Int) -> Int
    where Bytes.Element == UInt8, Bytes.Index == Int {
        let lead = bytes[i]
        if lead < 0x80 { return 1 }
        let length: Int
        var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
        switch lead {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE, 0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return -1
        }
        for k in 1..<length {
            guard i + k < bytes.endIndex else { return 0 }
            let byte = bytes[i + k]
            if k == 1 { guard byte >= lower && byte <= upper else { return -1 } }
            else { guard byte & 0xC0 == 0x80 else { return -1 } }
        }
        return length
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private func fault(_ zh: String, _ en: String, output: inout [UInt8]) {
        faults.append(Fault(offset: produced, message: LocalizedText(zh: zh, en: en)))
        output.append(contentsOf: Self.replacement)
        produced += 3
    }

    /// Where the valid UTF-8 from `start` ends: the first byte that does not begin a complete,
    /// valid sequence, or the end. Sixteen bytes per step where the text is ASCII and Chinese,
    /// sequence by sequence elsewhere: this runs over every byte of a UTF-8 input.
    static func validRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return start }
            let raw = UnsafeRawPointer(base)
            var i = start
            let end = buffer.count
            // Wrapping arithmetic: `i` never passes `end`, and overflow checks cost a third of
            // the loop (the same finding as `UTF8Text.check`).
            while i < end {
                // Sixteen bytes at once, for text of ASCII and the three-byte sequences led by
                // E1–EC, EE, EF (U+1000–U+CFFF, U+E000–U+FFFF: Chinese and its punctuation),
                // which need no check of the second byte's range. A byte must be a continuation
                // exactly when one of the two before it is such a lead; the bytes before it come
                // from two more loads one and two bytes back, so a sequence may straddle two
                // windows. Any other lead (two- and four-byte, E0, ED, invalid) sends the window
                // to the exact path below. Eight ASCII bytes then pairs of CJK sequences per step
                // cost 55 M instructions on the 10k XML corpus, where the text changes between
                // ASCII and Chinese every few bytes; these windows, 18.5 M. Swift's SIMD types
                // rather than a package: no package in use validates UTF-8 from a buffer at an
                // offset.
                if i >= 2 && end &- i >= 16 {
                    // Comparisons between two vectors: with a scalar operand they take the
                    // generic lane-by-lane path (16 times slower here).
                    let top2 = SIMD16<UInt8>(repeating: 0xC0), high = SIMD16<UInt8>(repeating: 0x80)
                    let lead3 = SIMD16<UInt8>(repeating: 0xE0), lead4 = SIMD16<UInt8>(repeating: 0xF0)
                    let overlongLead = SIMD16<UInt8>(repeating: 0x21), surrogateLead = SIMD16<UInt8>(repeating: 0xED)
                    let all = SIMD16<UInt8>(repeating: 0xFF)
                    /// Lanes of the sixteen bytes at `offset` that break the rule, nonzero ones;
                    /// `back1` and `back2` mask the bytes one and two before them.
                    @inline(__always)
                    func wrongLanes(_ offset: Int, _ back1: SIMD16<UInt8>, _ back2: SIMD16<UInt8>) -> SIMD2<UInt64> {
                        let here = raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<UInt8>.self)
                        let before1 = raw.loadUnaligned(fromByteOffset: offset &- 1, as: SIMD16<UInt8>.self) & back1
                        let before2 = raw.loadUnaligned(fromByteOffset: offset &- 2, as: SIMD16<UInt8>.self) & back2
                        let continuation = here & top2 .== high
                        let expected = (before1 .>= lead3) .| (before2 .>= lead3)
                        // C0–E0, ED and F0–FF: leads this window does not handle.
                        let other = ((here &- top2) .< overlongLead) .| (here .== surrogateLead) .| (here .>= lead4)
                        // As two integers: `any(_:)` is an out-of-line lane-by-lane reduction
                        // here (900 M instructions instead of 21 M on the 10k XML corpus).
                        return unsafeBitCast(other .| (continuation .^ expected), to: SIMD2<UInt64>.self)
                    }
                    @inline(__always)
                    func clean(_ lanes: SIMD2<UInt64>) -> Bool { lanes[0] | lanes[1] == 0 }
                    // The bytes before `start`, or before a fault, are no sequence's lead here.
                    let first1 = unsafeBitCast(SIMD2<UInt64>(UInt64(0xFFFF_FFFF_FFFF_FF00).littleEndian, ~0), to: SIMD16<UInt8>.self)
                    let first2 = unsafeBitCast(SIMD2<UInt64>(UInt64(0xFFFF_FFFF_FFFF_0000).littleEndian, ~0), to: SIMD16<UInt8>.self)
                    if clean(wrongLanes(i, first1, first2)) {
                        i &+= 16
                        // Two windows per step share the test and the loop's bookkeeping (a
                        // tenth of the instructions); the first of a failing pair is retried alone.
                        while end &- i >= 32, clean(wrongLanes(i, all, all) | wrongLanes(i &+ 16, all, all)) { i &+= 32 }
                        if end &- i >= 16, clean(wrongLanes(i, all, all)) { i &+= 16 }
                        // Step back to the lead of a sequence the last window left unfinished.
                        if base[i &- 1] >= 0xC0 { i &-= 1 } else if base[i &- 2] >= 0xE0 { i &-= 2 }
                    }
                }
                // The exact path, up to the end of the window that failed (so that text with
                // other scripts tries the wide check once per sixteen bytes, not per sequence).
                let limit = min(end, i &+ 16)
                while i < limit {
                    if base[i] < 0x80 { i &+= 1; continue }
                    let length = sequenceLength(buffer, at: i)
                    if length <= 0 { return i }
                    i &+= length
                }
            }
            return end
        }
    }

    /// Copies valid UTF-8; each invalid byte becomes U+FFFD and a fault.
    private func decodeUTF8(into output: inout [UInt8]) {
        var i = rawStart
        var runStart = i
        let end = raw.count
        let name = encodingName ?? "UTF-8"
        while i < end {
            i = Self.validRunEnd(raw, from: i)
            guard i < end else { break }
            let length = Self.sequenceLength(raw, at: i)
            if length > 0 { i += length; continue }
            if length == 0 && !exhausted {
                // Cut off by the chunk end: keep it for the next chunk.
                hand(runStart..<i, to: &output)
                needsMoreInput = true
                return
            }
            output.append(contentsOf: raw[runStart..<i])
            produced += i - runStart
            if length == 0 {
                fault("文件在 \(name) 字符中间结束（文件可能不完整）", "the file ends inside a \(name) character (is it cut off?)",
                      output: &output)
                i = end
            } else {
                fault("按 \(name) 编码读取时遇到无效字节 0x\(hex(raw[i]))（文件编码可能不是 \(name)，可用 --encoding 指定）",
                      "invalid byte 0x\(hex(raw[i])) for encoding \(name) (the file may use another encoding; see --encoding)",
                      output: &output)
                i += 1
            }
            runStart = i
        }
        hand(runStart..<i, to: &output)
    }

    /// Appends the checked bytes `raw[run]` to `output`; what follows them is read next.
    private func hand(_ run: Range<Int>, to output: inout [UInt8]) {
        produced += run.count
        guard run.lowerBound == 0 && output.isEmpty else {
            output.append(contentsOf: raw[run])
            rawStart = run.upperBound
            return
        }
        // The usual case, a whole chunk with no fault: the buffers change places instead of
        // copying every byte (10 M instructions on the 10k XML corpus); only a sequence cut
        // off by the chunk's end is copied back.
        swap(&output, &raw)
        raw.append(contentsOf: output[run.upperBound...])
        output.removeSubrange(run.upperBound...)
        rawStart = 0
    }

    /// Converts with iconv; EILSEQ becomes U+FFFD and a fault, EINVAL (cut off) is carried over.
    private func convert(_ cd: iconv_t, unit: Int, name: String, into output: inout [UInt8]) {
        let available = raw.count - rawStart
        guard available > 0 else { return }
        let capacity = available * 4 + 16
        var out = [UInt8](repeating: 0, count: capacity)
        var inLeft = available
        var outLeft = capacity
        var problem: Int32 = 0
        raw.withUnsafeMutableBufferPointer { input in
            out.withUnsafeMutableBufferPointer { target in
                guard let inBase = input.baseAddress, let outBase = target.baseAddress else { return }
                var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBase + rawStart).assumingMemoryBound(to: CChar.self)
                var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBase).assumingMemoryBound(to: CChar.self)
                if iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) == -1 { problem = errno }
            }
        }
        let written = capacity - outLeft
        output.append(contentsOf: out[0..<written])
        produced += written
        rawStart = raw.count - inLeft
        switch problem {
        case 0:
            return
        case EINVAL where !exhausted:
            needsMoreInput = true
        case EINVAL:
            fault("文件在 \(name) 字符中间结束", "the file ends inside a \(name) character", output: &output)
            rawStart = raw.count
        default:
            let byte = rawStart < raw.count ? raw[rawStart] : 0
            fault("按 \(name) 编码读取时遇到无效字节 0x\(hex(byte))（文件编码可能不是 \(name)，可用 --encoding 指定）",
                  "invalid byte 0x\(hex(byte)) for encoding \(name) (the file may use another encoding; see --encoding)",
                  output: &output)
            rawStart = min(raw.count, rawStart + unit)
            // Reset the converter's shift state after an error.
            _ = iconv(cd, nil, nil, nil, nil)
        }
    }
}

private func hex(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
}
