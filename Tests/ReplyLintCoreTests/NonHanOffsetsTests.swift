@testable import ReplyLintCore
import Testing

/// The offsets of the scalars that are not Han, however they are found, and the rules' fast
/// paths that visit only those, against plain references.
@Suite struct NonHanOffsetsTests {
    let normalizer = TextNormalizer.shared

    /// Every offset of a scalar outside U+4E00–U+9FFF, one by one.
    func reference(_ scalars: [UInt32]) -> [UInt32] {
        scalars.indices.filter { !(0x4E00...0x9FFF).contains(scalars[$0]) }.map { UInt32($0) }
    }

    /// Random text over Han and the scalars around the block's ends, marks, digits, spaces,
    /// full-width and astral scalars, and the ignorable characters the automaton skips.
    func randomText(_ generator: inout some RandomNumberGenerator, count: Int) -> [UInt32] {
        let alphabet: [UInt32] = [0x5BA2, 0x6237, 0x5DF2, 0x4E00, 0x9FFF, 0x4DFF, 0xA000, 0x3002, 0xFF0C, 0xFF01, 0x2C, 0x2E,
                                  0x21, 0x3F, 0x3B, 0x3A, 0x28, 0x29, 0x31, 0x32, 0x61, 0x41, 0x20, 0x0A, 0x3000, 0x200B,
                                  0xFF21, 0x1F600, 0x20000, 0x6236, 0x8A34, 0xE9]
        return (0..<count).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
    }

    func string(_ scalars: [UInt32]) -> String {
        String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init)))
    }

    @Test func offsetsAgreeWithAScalarByScalarTest() {
        var generator = SystemRandomNumberGenerator()
        // Lengths around the four-scalar blocks; all Han, none Han, and mixed.
        for count in [0, 1, 2, 3, 4, 5, 7, 8, 9, 31, 100] {
            let han = [UInt32](repeating: 0x5BA2, count: count)
            #expect(NonHanOffsets.of(han).isEmpty)
            let ascii = [UInt32](repeating: 0x31, count: count)
            #expect(NonHanOffsets.of(ascii) == reference(ascii))
            for _ in 0..<20 {
                let text = randomText(&generator, count: count)
                #expect(NonHanOffsets.of(text) == reference(text), "\(text)")
            }
        }
    }

    @Test func thePhrasePassListsTheSameOffsets() {
        let phrases = ["客户", "撤诉", "ab", "😀", "，已"].map(normalizer.normalizePhrase)
        let automaton = PhraseAutomaton(patterns: phrases, folding: normalizer)
        #expect(automaton.flagsNonHan)
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 5, 40, 300] {
            for _ in 0..<20 {
                let scalars = randomText(&generator, count: count)
                var text = string(scalars)
                var found: [PhraseAutomaton.Match] = []
                var expected: [PhraseAutomaton.Match] = []
                text.withUTF8 { bytes in automaton.forEachMatch(inUTF8: bytes) { expected.append($0) } }
                var decoded = [UInt32](repeating: 0, count: text.utf8.count)
                // Room for every offset, and room for too few: then the count says so.
                for room in [text.utf8.count, 3] {
                    found = []
                    var listed = [UInt32](repeating: 0, count: room)
                    var nonHanCount = -2
                    let decodedCount = text.withUTF8 { bytes in
                        decoded.withUnsafeMutableBufferPointer { out in
                            listed.withUnsafeMutableBufferPointer { listed in
                                automaton.collectMatches(inUTF8: bytes, patternBase: 0, into: &found, scalars: out.baseAddress,
                                                         nonHan: listed, nonHanCount: &nonHanCount)
                            }
                        }
                    }
                    #expect(Array(decoded[..<decodedCount]) == scalars)
                    #expect(found == expected, "\(scalars)")
                    let offsets = reference(scalars)
                    if offsets.count <= room {
                        #expect(nonHanCount == offsets.count && Array(listed[..<nonHanCount]) == offsets, "\(scalars)")
                    } else {
                        #expect(nonHanCount == -1)
                    }
                }
            }
        }
    }

    @Test func theCacheAnswersListedAndFoundOffsetsAlike() {
        var values = FieldValueTable()
        values[.handling] = FieldValue(text: "2024年，客户😀。", source: SourceText(start: .start))
        values[.request] = FieldValue(text: "a客b", source: SourceText(start: .start))
        let expected: [UInt32] = [0, 1, 2, 3, 5, 8, 9]
        // Found by the cache itself, for the first field and for another.
        let found = ScalarCache()
        #expect(found.withNonHanOffsets(of: .handling, in: values) { Array($0) } == expected)
        #expect(found.withNonHanOffsets(of: .handling, in: values) { Array($0) } == expected)
        #expect(found.withNonHanOffsets(of: .request, in: values) { Array($0) } == [0, 2])
        #expect(found.withNonHanOffsets(of: .customerOpinion, in: values) { Array($0) }.isEmpty)
        // Listed by the caller: answered as given.
        let listed = ScalarCache()
        let given: [UInt32] = [7]
        given.withUnsafeBufferPointer { given in
            listed.keep(ScalarCache.decode("2024年，客户😀。"), nonHan: given, of: .handling)
            #expect(listed.withNonHanOffsets(of: .handling, in: values) { Array($0) } == [7])
        }
    }

    /// `repeatedSentences` as it cut sentences before the offsets: testing every scalar.
    func referenceSentences(_ text: [UInt32], minLength: Int) -> [Range<Int>] {
        var seen: [[UInt32]] = []
        var repeats: [Range<Int>] = []
        var start = 0
        while start <= text.count {
            var end = start
            while end < text.count, !ScalarClass.endsSentence(text[end]) { end += 1 }
            defer { start = end + 1 }
            var lower = start
            var upper = end
            while lower < upper, ScalarClass.isSpace(text[lower]) { lower += 1 }
            while upper > lower, ScalarClass.isSpace(text[upper - 1]) || ScalarClass.isPunctuation(text[upper - 1]) { upper -= 1 }
            guard upper - lower >= minLength else { continue }
            let sentence = Array(text[lower..<upper])
            if seen.contains(sentence) { repeats.append(lower..<upper) } else { seen.append(sentence) }
        }
        return repeats
    }

    @Test func sentencesAreCutAsWhenEveryScalarWasTested() {
        var generator = SystemRandomNumberGenerator()
        let pieces: [[UInt32]] = [[0x5BA2, 0x6237, 0x5DF2, 0x5904], [0x3002], [0xFF01], [0x0A], [0x20], [0x31, 0x32],
                                  [0xFF0C], [0x3F], [0x5BA2, 0x6237, 0x5DF2, 0x5904, 0x7406, 0x5B8C]]
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...30, using: &generator)).flatMap { _ in pieces.randomElement(using: &generator) ?? [] }
            for minLength in [1, 4, 8] {
                #expect(DuplicatePasteRule.repeatedSentences(text, minLength: minLength) == referenceSentences(text, minLength: minLength),
                        "\(text) \(minLength)")
            }
        }
    }

    @Test func punctuationIsSettledOnlyWhenNoScalarNeedsTheFullScan() {
        // The reference: no scalar is a mark, `,` or `.`, and some scalar is sentence punctuation.
        let marks: (low: UInt64, high: UInt64) = (1 << 0x2C | 1 << 0x3B | 1 << 0x3A | 1 << 0x3F | 1 << 0x21 | 1 << 0x28 | 1 << 0x29,
                                                  1 << (0x5B - 64))
        func isMark(_ scalar: UInt32) -> Bool {
            scalar < 64 ? marks.low & 1 << UInt64(scalar) != 0 : scalar < 128 && marks.high & 1 << UInt64(scalar - 64) != 0
        }
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            let text = randomText(&generator, count: Int.random(in: 0...40, using: &generator)) + (Bool.random() ? [0x5B] : [])
            let stops = text.contains { isMark($0) || $0 == 0x2C || $0 == 0x2E }
            let punctuated = text.contains(where: ScalarClass.isSentencePunctuation)
            let offsets = NonHanOffsets.of(text)
            for checksLong in [true, false] {
                let settled = text.withUnsafeBufferPointer { text in
                    offsets.withUnsafeBufferPointer {
                        PunctuationRule.isSettledWithoutScan(text, nonHan: $0, asciiMarks: marks, checksLong: checksLong)
                    }
                }
                #expect(settled == (!stops && (punctuated || !checksLong)), "\(text)")
                let unsettled = text.withUnsafeBufferPointer { text in
                    offsets.withUnsafeBufferPointer { PunctuationRule.isSettledWithoutScan(text, nonHan: $0, asciiMarks: nil, checksLong: checksLong) }
                }
                #expect(!unsettled)
            }
        }
    }
}
