import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `XMLChunkLayout`, which tells where an XML export may be cut for parsing on several threads.
@Suite struct XMLChunkLayoutTests {
    @Test func findsHeadRootEndAndRecordEnd() throws {
        let text = "\u{FEFF}<?xml version=\"1.0\"?>\n<!-- <a> -->\n<?pi x?>\n<x:r a=\"1>2\" b='/>'>\n  <!-- c --><rec id=\"1\"><f>t</f></rec>\n</x:r>\n"
        let layout = try #require(XMLChunkLayout(Array(text.utf8), forced: nil))
        #expect(layout.headStart == 3)
        #expect(String(decoding: layout.head, as: UTF8.self) == "<?xml version=\"1.0\"?>\n<!-- <a> -->\n<?pi x?>\n<x:r a=\"1>2\" b='/>'>")
        #expect(layout.close == Array("</x:r>".utf8))
        #expect(layout.recordEnd == Array("</rec>".utf8))
        #expect(layout.knownUTF8)
        let bytes = Array("<a></rec>xx</rec>".utf8)
        #expect(layout.cut(bytes, bodyStart: 0, target: 0) == 9)
        #expect(layout.cut(bytes, bodyStart: 0, target: 9) == 9)
        #expect(layout.cut(bytes, bodyStart: 0, target: 10) == 17)
        #expect(layout.cut(bytes, bodyStart: 0, target: 18) == nil)
    }

    @Test func encodingIsKnownOnlyWhenDeclaredOrForced() {
        let body = "<r><rec/></r>"
        #expect(XMLChunkLayout(Array(body.utf8), forced: nil)?.knownUTF8 == false)
        #expect(XMLChunkLayout(Array(body.utf8), forced: .utf8)?.knownUTF8 == true)
        #expect(XMLChunkLayout(Array(("<?xml version='1.0' encoding='utf-8'?>" + body).utf8), forced: nil)?.knownUTF8 == true)
    }

    @Test func refusesWhatChunksCannotReproduce() {
        for text in ["<?xml version=\"1.0\" encoding=\"GB18030\"?><r><a/></r>", "<!DOCTYPE r><r><a/></r>", "<r/>",
                     "<r>text<a/></r>", "<r></r>", "  ", "<r><![CDATA[x]]><a/></r>"] {
            #expect(XMLChunkLayout(Array(text.utf8), forced: nil) == nil, "\(text)")
        }
        #expect(XMLChunkLayout([0xFF, 0xFE] + Array("<r><a/></r>".utf8), forced: nil) == nil)
        #expect(XMLChunkLayout(Array("<r><a/></r>".utf8), forced: .gb18030) == nil)
    }

    @Test func sniffingAgreesWithTheDecoder() {
        let utf8 = Array("<r>客户</r>".utf8)
        #expect(RecordChunks.sniffsUTF8(utf8, at: 3))
        #expect(!RecordChunks.sniffsUTF8([0x3C, 0xB2, 0xE2, 0xCA, 0xD4, 0x3E], at: 1))
        // Cut off where the file may end: the decoder could read it either way.
        #expect(!RecordChunks.sniffsUTF8([0x3C, 0xE5, 0xAE], at: 1))
    }

    @Test func positionAdvancesAsByteByByte() {
        let samples = ["", "abc", "\n", "a\nb", "客户\n反映\r\n问题，要求", String(repeating: "x\n客", count: 37) + "尾巴", "\n\n\n\n\n\n\n\n\n"]
        for sample in samples {
            var expected = SourcePosition(line: 3, column: 5)
            for byte in sample.utf8 { expected.advance(overUTF8: byte) }
            var fast = SourcePosition(line: 3, column: 5)
            Array(sample.utf8).withUnsafeBufferPointer { fast.advance(overUTF8: $0) }
            #expect(fast == expected, "\(sample.debugDescription)")
        }
    }
}
