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
        for document in documents {
            let (push, streaming) = both(Array(document.utf8))
            #expect(push == streaming, "\(document)")
        }
        let invalid = Array("<r><rec><f>a".utf8) + [0xFF, 0xFE] + Array("b</f></rec><rec><f>c</f></rec></r>".utf8)
        let (push, streaming) = both(invalid)
        #expect(push == streaming)
        let bom = [0xEF, 0xBB, 0xBF] + Array("<r><rec><f>x</f></rec></r>".utf8)
        let (bomPush, bomStreaming) = both(bom)
        #expect(bomPush == bomStreaming)
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
