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

    @Test func runsStopAtTheFirstStopWithCodePointColumns() {
        let texts = ["", "a", "客户", "abcdefgh,", "客户来电反映抄表问题，要求尽快处理并回复。,x", String(repeating: "客a😀", count: 90) + ",",
                     String(repeating: "é", count: 300) + "\n", "0123456,89", "01234567,9", "\r", "客户\r\n"]
        for text in texts {
            let bytes = Array(text.utf8)
            let cursor = TextCursor(decoder: TextDecoder(source: ByteSource(bytes: bytes), forced: .utf8))
            var output: [UInt8] = []
            let count = cursor.consumeRun(stoppingAt: UInt8(ascii: ","), 0x0A, 0x0D, limit: Int.max, appendingTo: &output)
            let expected = bytes.prefix { $0 != UInt8(ascii: ",") && $0 != 0x0A && $0 != 0x0D }
            #expect(count == expected.count, "\(text)")
            #expect(output == Array(expected), "\(text)")
            let columns = expected.filter { $0 & 0xC0 != 0x80 }.count
            #expect(cursor.position == SourcePosition(line: 1, column: 1 + columns), "\(text)")
        }
    }
}
