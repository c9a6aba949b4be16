import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `CSVChunkLayout`, which tells where a CSV export may be cut for parsing on several threads.
@Suite struct CSVChunkLayoutTests {
    @Test func findsTheHeaderAfterBlankLines() throws {
        let text = "\u{FEFF}\n\r\n\"id\",\"处理\n情况\",type\na,b,c\n"
        let layout = try #require(CSVChunkLayout(Array(text.utf8), delimiter: UInt8(ascii: ","), forced: nil))
        #expect(layout.headStart == 3)
        #expect(layout.header == ["id", "处理\n情况", "type"])
        #expect(layout.headLength == Array(text.utf8).count - 3 - 6)
        #expect(layout.knownUTF8)
        #expect(layout.prefix.isEmpty && layout.suffix.isEmpty)
    }

    @Test func refusesWhatChunksCannotReproduce() {
        for text in ["id,type", "\"id,type\n", "\"id\"x,type\na,b\n", "\n\n"] {
            #expect(CSVChunkLayout(Array(text.utf8), delimiter: UInt8(ascii: ","), forced: nil) == nil, "\(text.debugDescription)")
        }
        #expect(CSVChunkLayout([0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00], delimiter: UInt8(ascii: ","), forced: nil) == nil)
        #expect(CSVChunkLayout(Array("id\n".utf8), delimiter: UInt8(ascii: ","), forced: .gb18030) == nil)
    }

    /// Row ends as the row parser sees them: quotes open only at a field's start, doubled
    /// quotes stay inside, line feeds inside quotes do not end the row.
    @Test func rowEndsFollowTheParser() {
        func end(_ text: String, target: Int = 0) -> Int? {
            CSVChunkLayout.rowEnd(Array(text.utf8), rowStart: 0, target: target, delimiter: UInt8(ascii: ","))
        }
        #expect(end("a,b\nc\n") == 4)
        #expect(end("a,b\nc\n", target: 4) == 6)
        #expect(end("a,\"b\nc\"\nd\n") == 8)
        #expect(end("a,\"b\"\"\nc\"\nd\n") == 10)
        #expect(end("a,b\"\nc\"\n") == 5)
        #expect(end("\"a\nb\",c\r\nd\n") == 9)
        #expect(end("a,\"b\n") == nil)
        #expect(end("a,\"b\"") == nil)
        #expect(end("a,b") == nil)
    }
}
