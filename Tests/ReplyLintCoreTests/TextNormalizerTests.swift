import ReplyLintCore
import Testing

@Suite struct TextNormalizerTests {
    let normalizer = TextNormalizer.shared

    func folded(_ text: String) -> String {
        let (values, _) = normalizer.normalize(text.unicodeScalars.map(\.value))
        return String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
    }

    @Test func traditionalToSimplified() {
        #expect(folded("客戶要求撤訴") == "客户要求撤诉")
        #expect(folded("舉報不實") == "举报不实")
    }

    @Test func widthCaseAndInvisibleCharacters() {
        #expect(folded("ＡＢＣ１２３") == "abc123")
        #expect(folded("客 户\u{3000}已\u{200B}撤\u{FEFF}诉") == "客户已撤诉")
    }

    @Test func originMapsBackToInputOffsets() {
        let (values, origin) = normalizer.normalize("a \u{200B}b".unicodeScalars.map(\.value))
        #expect(values.count == 2)
        #expect(origin == [0, 3])
    }

    @Test func automatonFindsOverlappingPhrasesInOnePass() {
        let phrases = ["属实", "不属实", "情况属实"].map(normalizer.normalizePhrase)
        let automaton = PhraseAutomaton(patterns: phrases)
        let text = normalizer.normalizePhrase("经核实不属实，另一件情况属实")
        let matches = automaton.matches(in: text).map { [$0.pattern, $0.start, $0.end] }
        #expect(matches == [[1, 3, 6], [0, 4, 6], [2, 10, 14], [0, 12, 14]])
    }

    @Test func lengthCounting() {
        #expect(TextMeasure.characters("客户，ab 1") == 7)
        #expect(TextMeasure.gbkBytes("客户ab") == 6)
        #expect(TextMeasure.scalarOffset(afterCharacters: 2, in: "e\u{301}xy") == 3)
    }
}
