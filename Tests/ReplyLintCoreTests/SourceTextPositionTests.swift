import Testing
@testable import ReplyLintCore

/// Verbatim values on one line are placed by arithmetic; it must agree with walking the scalars.
@Suite struct SourceTextPositionTests {
    @Test func oneLineArithmeticAgreesWithTheWalk() {
        let start = SourcePosition(line: 7, column: 12)
        let texts = ["", "abc", "客户已撤诉，请核实。", "emoji 😀 and 中文", "tab\there\r", "两行\n第二行", "\n"]
        for text in texts {
            let count = text.unicodeScalars.count
            let offsets = [0, 1, count / 2, count, count + 3]
            let fast = SourceText(start: start).positions(ofSorted: offsets, in: text)
            var walker = SourceWalker(start: start, dialect: .verbatim, scalars: text.unicodeScalars)
            var walked = 0
            let slow = offsets.map { offset -> SourcePosition in
                walker.advance(decodedScalars: max(offset - walked, 0))
                walked = max(offset, walked)
                return walker.position
            }
            #expect(fast == slow, "\(text.debugDescription)")
        }
    }

    @Test func lineFeedsNeedTheWalk() {
        #expect(SourceText.scalarCountOnOneLine("中文abc") == 5)
        #expect(SourceText.scalarCountOnOneLine("a\r") == 2)
        #expect(SourceText.scalarCountOnOneLine("a\nb") == nil)
        let positions = SourceText(start: SourcePosition(line: 1, column: 5)).positions(ofSorted: [0, 3, 4], in: "ab\ncd")
        #expect(positions == [SourcePosition(line: 1, column: 5), SourcePosition(line: 2, column: 1), SourcePosition(line: 2, column: 2)])
    }
}
