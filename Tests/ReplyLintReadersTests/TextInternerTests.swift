import Foundation
import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `TextInterner` must always give the text of the bytes it is handed, whatever it kept before:
/// a kept text only when every byte is the same, a new one (kept from then on) otherwise.
@Suite struct TextInternerTests {
    private func text(_ interner: TextInterner, _ bytes: [UInt8], made: inout Int) -> String {
        bytes.withUnsafeBufferPointer { buffer in
            interner.text(of: buffer) {
                made += 1
                return String(decoding: buffer, as: UTF8.self)
            }
        }
    }

    private func words(_ text: String) -> (UInt64, UInt64) { unsafeBitCast(text, to: (UInt64, UInt64).self) }

    @Test func aTextMetAgainIsTheKeptStringAndAnyOtherByteMakesANewOne() {
        let interner = TextInterner()
        var made = 0
        let first = text(interner, Array("2024-01-01 12:28".utf8), made: &made)
        let again = text(interner, Array("2024-01-01 12:28".utf8), made: &made)
        #expect(first == "2024-01-01 12:28" && again == first && made == 1)
        #expect(words(first) == words(again), "the same storage")
        // Every byte position of the shortest and longest kept lengths, one byte changed.
        for base in ["2024-01-01 12:28", "国网湖州供电公司", "abcdefghijklmnopqrstuvwxyz012345"] {
            let bytes = Array(base.utf8)
            #expect(bytes.count >= TextInterner.minimumCount && bytes.count <= TextInterner.maximumCount)
            _ = text(interner, bytes, made: &made)
            for position in bytes.indices {
                var changed = bytes
                changed[position] ^= 0x01
                let read = text(interner, changed, made: &made)
                #expect(Array(read.utf8) == changed, "\(base) byte \(position)")
                #expect(Array(text(interner, bytes, made: &made).utf8) == bytes)
            }
        }
    }

    @Test func manyTextsSharingSlotsEachStayTheirOwn() {
        let interner = TextInterner()
        var made = 0
        let texts = (0..<5000).map { String(format: "2024-01-%02d %02d:%02d", $0 % 28 + 1, $0 / 60 % 24, $0 % 60) }
            + (0..<300).map { "国网\($0)号供电公司单位" }
        for _ in 0..<2 {
            for text in texts { #expect(self.text(interner, Array(text.utf8), made: &made) == text) }
        }
        #expect(made < 2 * texts.count, "some texts are kept")
    }

    @Test func aFailedMakeKeepsNothing() {
        struct Refused: Error {}
        let interner = TextInterner()
        let bytes = Array("0123456789abcdef".utf8)
        let refused = bytes.withUnsafeBufferPointer { buffer in
            Result { try interner.text(of: buffer) { throw Refused() } }
        }
        #expect(throws: Refused.self) { try refused.get() }
        var made = 0
        #expect(text(interner, bytes, made: &made) == "0123456789abcdef" && made == 1)
    }

    /// JSON Lines and CSV values of 16–32 bytes read through the interner: repeated, differing in
    /// one byte, and not valid UTF-8 after a valid one of the same length.
    @Test func readersGiveEachValueItsOwnText() {
        let lines = """
        {"a":"2024-01-01 12:28","b":"2024-01-01 12:28","c":"2024-01-01 12:29","d":"国网湖州供电公司"}
        {"a":"2024-01-01 12:28","b":"国网湖州供电公司","c":"国网湖州供电公吗","d":"abcdefghijklmnopqrstuvwxyz012345"}

        """
        var bytes = Array(lines.utf8)
        // A third line: the first value's bytes with one byte made invalid UTF-8 lead.
        bytes += Array(#"{"a":"2024-01-01 12:2"#.utf8) + [0xFF] + Array(#""}"#.utf8) + [0x0A]
        var values: [String] = []
        var failures = 0
        JSONLinesReader().read(from: ByteSource(bytes: bytes)) { event in
            switch event {
            case .record(let record): values += record.fields.map(\.value.text)
            case .failure: failures += 1
            }
        }
        #expect(values == ["2024-01-01 12:28", "2024-01-01 12:28", "2024-01-01 12:29", "国网湖州供电公司",
                           "2024-01-01 12:28", "国网湖州供电公司", "国网湖州供电公吗", "abcdefghijklmnopqrstuvwxyz012345"])
        #expect(failures == 1)
        let csv = "a,b,c\n2024-01-01 12:28,2024-01-01 12:28,国网湖州供电公司\n2024-01-01 12:29,国网湖州供电公吗,2024-01-01 12:28\n"
        var cells: [String] = []
        CSVReader().read(from: ByteSource(bytes: Array(csv.utf8))) { event in
            if case .record(let record) = event { cells += record.fields.map(\.value.text) }
        }
        #expect(cells == ["2024-01-01 12:28", "2024-01-01 12:28", "国网湖州供电公司",
                          "2024-01-01 12:29", "国网湖州供电公吗", "2024-01-01 12:28"])
    }
}
