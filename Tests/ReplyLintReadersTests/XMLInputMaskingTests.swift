import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `XMLInput` hands masked runs over as one `x` (a run with line feeds at its length), and
/// stops masking when told.
@Suite struct XMLInputMaskingTests {
    func handed(_ text: String, stop: Bool = false) -> String {
        let input = XMLInput(utf8: Array(text.utf8))
        input.startMasking()
        if stop { input.stopMasking() }
        var buffer = [CChar](repeating: 0, count: 256)
        var result: [UInt8] = []
        while true {
            let count = buffer.withUnsafeMutableBufferPointer { Int(input.read(into: $0.baseAddress!, length: $0.count)) }
            if count == 0 { break }
            result += buffer.prefix(count).map { UInt8(bitPattern: $0) }
        }
        return String(decoding: result, as: UTF8.self)
    }

    @Test func masksRunsAfterStartTags() {
        #expect(handed("<r><a>中文</a><b>一\n二</b><c>&amp;中</c><d>x</d>中<e/></r>") == "<r><a>x</a><b>xxx\nxxx</b><c>&amp;中</c><d>x</d>中<e/></r>")
        #expect(handed("<r><a b='中'>中文</a><名>名</名></r>") == "<r><a b='中'>x</a><名>x</名></r>")
        #expect(handed("<r><a>中文</a></r>", stop: true) == "<r><a>中文</a></r>")
    }
}
