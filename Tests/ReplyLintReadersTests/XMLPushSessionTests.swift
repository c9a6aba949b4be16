import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// The push parser (documents without a DOCTYPE) must give the events of libxml2's streaming
/// reader, which it replaced for speed. (Known difference, on damaged input only: where the tag
/// tracker lost step with libxml2, the streaming reader's look-ahead could meet an error before
/// it returned the end of the record just before it, and drop that record; the push parser
/// keeps it. 7 of 4,000 random mutations of the equivalence fixture showed it.)
@Suite struct XMLPushSessionTests {
    func both(_ bytes: [UInt8], encoding: TextEncoding? = nil) -> (push: String, streaming: String) {
        var push: [ReaderEvent] = [], streaming: [ReaderEvent] = []
        XMLReader(encoding: encoding).read(from: ByteSource(bytes: bytes)) { push.append($0) }
        XMLReader(encoding: encoding).readStreaming(from: ByteSource(bytes: bytes)) { streaming.append($0) }
        return ("\(push)", "\(streaming)")
    }

    /// Expects each of `documents` to give the same events on both paths.
    func expectSameEvents(_ documents: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for document in documents {
            let (push, streaming) = both(Array(document.utf8))
            #expect(push == streaming, "\(document)", sourceLocation: sourceLocation)
        }
    }

    @Test func sameEventsAsTheStreamingReader() throws {
        let documents = [
            "<r><rec a=\"x&amp;y\" b='&#38;#38;' c=\"1&lt;2\" d=\"t\tab\nline\"><f>v</f></rec></r>",
            "<r xmlns:p=\"urn:p\"><rec p:a=\"1\" q:b=\"2\" xml:lang=\"zh\"><p:f>1</p:f><q:g>2</q:g></rec></r>",
            "<r><rec><f/><g></g><h> </h><i>a<![CDATA[<b>&]]>c</i></rec><rec/></r>",
            "<r>\r\n<rec>\r\n<f>一\r\n二</f><g>&#x4E00;&lt;&gt;&quot;&apos;</g></rec>\r\n</r>",
            "<r><rec><f>前<x>中</x>后<!-- c --><?pi x?>尾</f><l><item n='1'><m>2</m></item><item/></l></rec></r>",
            "<?xml version=\"1.0\" encoding=\"GB18030\"?><!-- head --><?pi?>\n<r><rec><f>已答复</f></rec></r>",
            "<r><rec><附件 name=\"a.pdf\" size=\"1\"/><附件 name=\"b.pdf\"/><附件列表><附件 name=\"c\"/></附件列表></rec></r>",
            "<r><rec><f>1</f></rec><rec><f>&undefined;</f></rec><rec><f>3</f></rec></r>",
            "<r><rec><f>1</f></rec><rec><f a='1' a='2'>2</f></rec></r>",
            "<r><rec><f>1</f></rec><rec><f>2</g></rec></r>",
            "<r><rec><f>1</f></rec><rec><p:f>2</p:f></rec><rec><f>3</f></rec></r>",
            "<r><rec><f>1</f></rec><rec><f>2",
            "<r><rec><f>1</f></rec></r><extra/>",
            "<r><rec><f>\u{FEFF}x</f></rec></r>",
        ]
        expectSameEvents(documents)
        let invalid = Array("<r><rec><f>a".utf8) + [0xFF, 0xFE] + Array("b</f></rec><rec><f>c</f></rec></r>".utf8)
        let (push, streaming) = both(invalid)
        #expect(push == streaming)
        let bom = [0xEF, 0xBB, 0xBF] + Array("<r><rec><f>x</f></rec></r>".utf8)
        let (bomPush, bomStreaming) = both(bom)
        #expect(bomPush == bomStreaming)
    }

    /// Chinese text runs reach libxml2 masked (see `XMLMaskedRuns`): the text, the spans and the
    /// errors (their columns after masked text on the same line) must not show it.
    @Test func sameEventsWithMaskedRuns() throws {
        let long = String(repeating: "经核实，客户反映的问题已处理。", count: 40)
        let documents = [
            "<r><rec><f>中文</f><g>中文</b></rec></r>",
            "<r><rec><f>中文</f></rec><rec><f>中文中文</f><g>一二</g><h>三</h x></rec></r>",
            "<r><rec><f>中文\u{1}尾</f></rec></r>",
            "<r><rec><f>中文\u{FFFE}尾</f></rec><rec><f>x</f></rec></r>",
            "<r><rec><f>中文\u{FFFF}尾</f></rec></r>",
            "<r><rec><f>中文\u{FFEE}尾</f><g>ｘ\u{FF5E}</g></rec></r>",
            "<r><rec><f>中文&amp;尾</f><g>中\r\n文</g><h>中文]]>尾</h><i>中文>尾</i></rec></r>",
            "<r><rec><f>中文<![CDATA[数据<x>]]>尾</f><g>前<x>中</x>后<!-- 注 -->尾</g></rec></r>",
            "<r><rec><f>中文<!-- 注 -->尾</f><g>中<?pi x?>\(long)</g><h>一<![CDATA[]]>二</h></rec></r>",
            "<r><rec a=\"中文\" b='一 二'><f c=\"属性\">值</f><名称>文本</名称></rec></r>",
            "<r><rec><f>第一行\n第二行\t制表</f><g>中文</g>\n<h>中文</h>   <i>中文</i> <j>文</k></rec></r>",
            "<r>根中文<rec>记录中文<f>中文</f>尾</rec></r>",
            "<r><rec><f>\(long)</f><g>\(long)</g></rec><rec><f>\(long)</f><g>中文</g><h>中文</h x></rec></r>",
            "<r><rec><f>\(long)</f></rec><rec><f>\(long)</x></rec></r>",
            "<r><rec><f>\(long)</f></rec><rec><f>\(long)\u{FFFE}</f></rec></r>",
        ]
        expectSameEvents(documents)
        // A masked run before the error, on its line, moves no column.
        var events: [ReaderEvent] = []
        XMLReader().read(from: ByteSource(bytes: Array("<r><rec><f>中文</f><g>一二三</b></rec></r>".utf8))) { events.append($0) }
        #expect(events.failures.map(\.position) == [at(1, 28)])
        // Runs cut by the reads at every offset, with each kind of damage after them.
        let record = "<rec><f>\(long)</f><g>中文</g></rec>"
        for pad in stride(from: 0, to: 520, by: 37) {
            for tail in ["", "<rec><f>中文</g></rec>", "<rec><f>中文\u{1}</f></rec>"] {
                let document = "<r>" + String(repeating: " ", count: pad) + record + record + tail + "</r>"
                let (push, streaming) = both(Array(document.utf8))
                #expect(push == streaming, "pad \(pad) tail \(tail)")
            }
        }
    }

    @Test func sameEventsForFixturesAndMutations() throws {
        var inputs = [try ReaderTestSupport.fixture("equivalence/replies.xml")]
        for name in ["attachments.xml", "tricky.xml", "truncated.xml", "mismatched.xml", "gb18030.xml"] {
            inputs.append(try ReaderTestSupport.fixture("xml/" + name))
        }
        inputs += mutations(of: inputs[0], count: 300, seed: 0xD1FF)
        for (i, bytes) in inputs.enumerated() {
            let (push, streaming) = both(bytes)
            #expect(push == streaming, "input \(i)")
        }
    }

    @Test func attributeValuesUndoTheAmpersandEscape() {
        func value(_ text: String) -> String {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { XMLPushSession.attributeValue(from: $0.baseAddress, to: $0.baseAddress! + $0.count) }
        }
        #expect(value("a&#38;b") == "a&b")
        #expect(value("&#38;#38;") == "&#38;")
        #expect(value("&#3") == "&#3")
        #expect(value("经核实&#38;") == "经核实&")
        #expect(value("") == "")
    }
}
