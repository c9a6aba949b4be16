import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// Where the valid UTF-8 from `start` ends, one sequence at a time: the reference the decoder's
/// word-at-a-time check is compared with (here and in `XMLReaderTests`).
func byteByByteValidRunEnd(_ bytes: [UInt8], from start: Int) -> Int {
    var i = start
    while i < bytes.count {
        let length = TextDecoder.sequenceLength(bytes, at: i)
        if length <= 0 { return i }
        i += length
    }
    return bytes.count
}

/// The word-at-a-time paths of the decoder's UTF-8 check and the cursor's run scan must give
/// what byte-by-byte reading gives: the same end of the valid run, the same bytes and columns.
@Suite struct TextFastPathTests {
    @Test func validRunEndMatchesSequenceBySequence() {
        let pieces: [[UInt8]] = [
            Array("中".utf8), Array("，".utf8), Array("a".utf8), Array("é".utf8), Array("😀".utf8),
            Array("\u{0800}".utf8), Array("\u{D7FF}".utf8), Array("\u{E000}".utf8), Array("\u{1000}".utf8),
            [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xE4, 0xB8], [0xE4, 0x41, 0x80], [0x80], [0xFF], [0xC0, 0x80],
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                // Mostly CJK, so that runs of pairs form, with the odd other piece between.
                let piece = Int.random(in: 0..<4, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : pieces[0]
                bytes += piece
            }
            #expect(TextDecoder.validRunEnd(bytes, from: 0) == byteByByteValidRunEnd(bytes, from: 0), "\(bytes)")
        }
    }

    /// Every class of sequence, valid and not, at every alignment against the sixteen-byte
    /// windows, in texts long enough for several windows, from every start: the wide check must
    /// stop exactly where sequence-by-sequence reading stops.
    @Test func wideWindowsMatchSequenceBySequenceAtEveryAlignment() {
        let valid: [[UInt8]] = [
            Array("中".utf8), Array("，".utf8), Array("。".utf8), Array("a".utf8), Array("<".utf8), Array("é".utf8),
            Array("😀".utf8), Array("\u{0800}".utf8), Array("\u{D7FF}".utf8), Array("\u{E000}".utf8),
            Array("\u{1000}".utf8), Array("\u{FFFF}".utf8), Array("\u{10FFFF}".utf8), Array("\u{10000}".utf8),
            Array("\u{80}".utf8), Array("\u{7FF}".utf8), Array("\u{CFFF}".utf8), Array("\u{EFFF}".utf8),
        ]
        let invalid: [[UInt8]] = [
            [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xE0, 0x80, 0x80], [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
            [0xF8], [0xFE], [0xFF], [0xE4, 0xB8], [0xE4], [0xC2], [0xF0, 0x9F, 0x98], [0xE4, 0x41, 0x80],
            [0xE4, 0xB8, 0xE4, 0xB8, 0xAD], [0xEF, 0xBC], [0xE1, 0x80, 0xC0],
        ]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<4000 {
            var bytes: [UInt8] = []
            // Mostly Chinese and ASCII, as the wide windows need; now and then anything else.
            for _ in 0..<Int.random(in: 0...40, using: &generator) {
                switch Int.random(in: 0..<20, using: &generator) {
                case 0: bytes += valid.randomElement(using: &generator)!
                case 1 where round % 2 == 0: bytes += invalid.randomElement(using: &generator)!
                case 2...9: bytes += Array("a".utf8)
                default: bytes += Array("客".utf8)
                }
            }
            // Cut anywhere, so that sequences are truncated at the end too.
            if round % 3 == 0, !bytes.isEmpty { bytes.removeLast(Int.random(in: 0...min(3, bytes.count), using: &generator)) }
            for start in 0...bytes.count {
                #expect(TextDecoder.validRunEnd(bytes, from: start) == byteByByteValidRunEnd(bytes, from: start),
                        "\(bytes) from \(start)")
            }
        }
    }

    /// A lead byte just before `start` (as after a fault) must not make a continuation at `start`
    /// valid, nor a lead at the end of one window pass without its continuations in the next.
    @Test func wideWindowsEdges() {
        let chinese = Array(String(repeating: "客", count: 12).utf8)
        for prefix in [[0xE4], [0xE4, 0xB8], [0xF0, 0x9F, 0x98], [0x41, 0x41]] as [[UInt8]] {
            let bytes = prefix + [0x80, 0x80] + chinese
            #expect(TextDecoder.validRunEnd(bytes, from: prefix.count) == byteByByteValidRunEnd(bytes, from: prefix.count))
        }
        for cut in 13...20 {
            var bytes = Array(String(repeating: "a", count: cut).utf8) + Array("客".utf8) + chinese
            #expect(TextDecoder.validRunEnd(bytes, from: 2) == bytes.count)
            bytes[cut + 1] = 0x41
            #expect(TextDecoder.validRunEnd(bytes, from: 2) == cut)
            bytes[cut + 1] = 0xB8
            bytes[cut + 2] = 0x41
            #expect(TextDecoder.validRunEnd(bytes, from: 2) == cut)
            bytes.removeLast(chinese.count + 1)
            #expect(TextDecoder.validRunEnd(bytes, from: 2) == cut)
        }
        let long = Array(String(repeating: "客户a", count: 100).utf8)
        #expect(TextDecoder.validRunEnd(long, from: 0) == long.count)
        #expect(TextDecoder.validRunEnd(long + [0xE4, 0xB8], from: 0) == long.count)
    }

    /// Decoding in chunks of any size (the decoder hands whole chunks over by swapping buffers)
    /// gives the bytes and fault offsets of decoding sequence by sequence, also when the caller
    /// keeps every chunk it was handed.
    @Test func chunkedDecodingMatchesSequenceBySequence() {
        let pieces: [[UInt8]] = [
            Array("客".utf8), Array("a".utf8), Array("😀".utf8), Array("é".utf8), [0x80], [0xFF], [0xE4, 0xB8],
            [0xED, 0xA0, 0x80], [0xF0, 0x9F, 0x98],
        ]
        var generator = SystemRandomNumberGenerator()
        for round in 0..<300 {
            var bytes = Array("a".utf8)
            for _ in 0..<Int.random(in: 0...60, using: &generator) {
                bytes += Int.random(in: 0..<6, using: &generator) == 0 ? pieces.randomElement(using: &generator)! : pieces[0]
            }
            if round % 2 == 0 { bytes += [0xE5, 0xAE] }
            var expected: [UInt8] = []
            var expectedFaults: [Int] = []
            var i = 0
            while i < bytes.count {
                let length = TextDecoder.sequenceLength(bytes, at: i)
                if length > 0 {
                    expected += bytes[i..<(i + length)]
                    i += length
                    continue
                }
                expectedFaults.append(expected.count)
                expected += [0xEF, 0xBF, 0xBD]
                i = length == 0 ? bytes.count : i + 1
            }
            for chunkSize in [1, 2, 3, 5, 16, 17, 64, 1 << 16] {
                let decoder = TextDecoder(source: ByteSource(bytes: bytes), forced: .utf8, chunkSize: chunkSize)
                var kept: [[UInt8]] = []
                var chunk: [UInt8] = []
                while decoder.read(into: &chunk) { kept.append(chunk) }
                #expect(Array(kept.joined()) == expected, "\(bytes) in chunks of \(chunkSize)")
                #expect(decoder.faults.map(\.offset) == expectedFaults, "\(bytes) in chunks of \(chunkSize)")
                #expect(decoder.produced == expected.count)
            }
        }
    }

    @Test func runsStopAtTheFirstStopWithCodePointColumns() {
        let texts = ["", "a", "客户", "abcdefgh,", "客户来电反映抄表问题，要求尽快处理并回复。,x", String(repeating: "客a😀", count: 90) + ",",
                     String(repeating: "é", count: 300) + "\n", "0123456,89", "01234567,9", "\r", "客户\r\n",
                     // Past 255 sixteen-byte blocks, where the per-lane counts are summed.
                     String(repeating: "客户a", count: 600) + ",", String(repeating: "客", count: 1400)]
        var shifted: [String] = []
        // A stop at every offset of both halves of a sixteen-byte block, after every mix.
        for n in 0..<40 {
            let chinese = String("客户来电反映抄表问题，要求尽快处理并回复。".prefix(n / 3))
            shifted.append(chinese + String(repeating: "a", count: n % 3) + ",x")
            shifted.append(String(repeating: "a", count: n) + "\n" + String(repeating: "客", count: 20))
        }
        for text in texts + shifted {
            let bytes = Array(text.utf8)
            // Runs also end after `limit` bytes, inside a block or at its edge.
            for limit in [Int.max, 33, 16, 5] {
                let cursor = TextCursor(decoder: TextDecoder(source: ByteSource(bytes: bytes), forced: .utf8))
                var output: [UInt8] = []
                let count = cursor.consumeRun(stoppingAt: UInt8(ascii: ","), 0x0A, 0x0D, limit: limit, appendingTo: &output)
                let expected = bytes.prefix { $0 != UInt8(ascii: ",") && $0 != 0x0A && $0 != 0x0D }.prefix(limit)
                #expect(count == expected.count, "\(text) limit \(limit)")
                #expect(output == Array(expected), "\(text) limit \(limit)")
                let columns = expected.filter { $0 & 0xC0 != 0x80 }.count
                #expect(cursor.position == SourcePosition(line: 1, column: 1 + columns), "\(text) limit \(limit)")
            }
        }
    }
}
