@testable import ReplyLintCore
import Testing

/// The dense automaton, the flat folding table and the other fast paths against plain
/// reference implementations.
@Suite struct MatchingFastPathTests {
    let normalizer = TextNormalizer.shared

    /// Every occurrence of every pattern, by brute force, in the automaton's order.
    func naive(_ patterns: [[UInt32]], _ text: [UInt32]) -> [[Int]] {
        var found: [(end: Int, rank: Int, match: [Int])] = []
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty && pattern.count <= text.count {
            for start in 0...(text.count - pattern.count) where Array(text[start..<start + pattern.count]) == pattern {
                found.append((start + pattern.count, 0, [index, start, start + pattern.count]))
            }
        }
        return found.sorted { ($0.end, $0.match[1], $0.match[0]) < ($1.end, $1.match[1], $1.match[0]) }.map(\.match)
    }

    @Test func automatonAgreesWithBruteForce() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt32] = [0x5BA2, 0x6237, 0x5DF2, 0x64A4, 0x8BC9, 0x4E0D, 0x5C5E, 0x5B9E, 0x61, 0x1F600]
        for _ in 0..<200 {
            let patterns = (0..<Int.random(in: 1...12, using: &generator)).map { _ in
                (0..<Int.random(in: 0...4, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            }
            let text = (0..<Int.random(in: 0...60, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? 0 }
            let automaton = PhraseAutomaton(patterns: patterns)
            // Same set of matches; within one end position the automaton lists longer ones first.
            let got = automaton.matches(in: text).map { [$0.pattern, $0.start, $0.end] }
            #expect(Set(got) == Set(naive(patterns, text)), "patterns \(patterns) text \(text)")
            #expect(got.map { $0[2] } == got.map { $0[2] }.sorted())
        }
    }

    @Test func utf8ScanAgreesWithFoldingFirst() {
        // Traditional, full-width, upper-case and ignorable characters, an astral scalar and a
        // BMP scalar whose simplified form is astral (僤 → 𫢸).
        let alphabet = ["客", "戶", "户", "撤", "訴", "诉", "不", "属", "實", "Ａ", "a", "B", " ", "\u{200B}", "\u{3000}", "😀", "僤", "𫢸", "é"]
        let phrases = ["客户", "撤诉", "客户撤诉", "不属实", "属实", "ab", "a", "😀客", "𫢸", "户 撤"].map(normalizer.normalizePhrase)
        let automaton = PhraseAutomaton(patterns: phrases, folding: normalizer)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<300 {
            let text = (0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator) ?? "" }.joined()
            let (folded, origin) = normalizer.normalize(text.unicodeScalars.map(\.value))
            let expected = automaton.matches(in: folded).map { [$0.pattern, Int(origin[$0.start]), Int(origin[$0.end - 1]) + 1] }
            var got: [[Int]] = []
            var utf8 = text
            utf8.withUTF8 { bytes in automaton.forEachMatch(inUTF8: bytes) { got.append([$0.pattern, $0.start, $0.end]) } }
            #expect(got == expected, "text \(text)")
        }
    }

    @Test func collectingKeepsTheScalarsAndOffsetsPatterns() {
        let phrases = ["客户", "撤诉", "不属实"].map(normalizer.normalizePhrase)
        let automaton = PhraseAutomaton(patterns: phrases, folding: normalizer)
        for text in ["", "客戶 撤訴😀，不属实ａ", "é\u{200B}客户", String(repeating: "客户撤诉", count: 40)] {
            var utf8 = text
            var expected: [PhraseAutomaton.Match] = []
            utf8.withUTF8 { bytes in automaton.forEachMatch(inUTF8: bytes) { expected.append($0) } }
            var found = [PhraseAutomaton.Match(pattern: 99, start: 0, end: 0)]
            var scalars = [UInt32](repeating: 0, count: text.utf8.count)
            let count = utf8.withUTF8 { bytes in
                scalars.withUnsafeMutableBufferPointer { automaton.collectMatches(inUTF8: bytes, patternBase: 10, into: &found, scalars: $0.baseAddress) }
            }
            #expect(Array(scalars[..<count]) == text.unicodeScalars.map(\.value), "\(text)")
            #expect(found.dropFirst().map(\.pattern) == expected.map { $0.pattern + 10 })
            #expect(found.dropFirst().map { [$0.start, $0.end] } == expected.map { [$0.start, $0.end] })
            #expect(found.first?.pattern == 99)
        }
    }

    @Test func sparseAutomatonAgreesWithBruteForce() {
        // Thousands of distinct scalars make the dense table too big, so rows stay sparse.
        var generator = SystemRandomNumberGenerator()
        let patterns = (0..<3000).map { _ in (0..<Int.random(in: 1...3, using: &generator)).map { _ in UInt32.random(in: 0x4E00..<0x6E00, using: &generator) } }
        let automaton = PhraseAutomaton(patterns: patterns, folding: normalizer)
        for _ in 0..<20 {
            let text = (0..<200).map { _ in patterns.randomElement(using: &generator)?.first ?? 0 }
            let got = automaton.matches(in: text).map { [$0.pattern, $0.start, $0.end] }
            #expect(Set(got) == Set(naive(patterns, text)))
            var utf8 = String(String.UnicodeScalarView(text.compactMap(Unicode.Scalar.init)))
            var scanned: [[Int]] = []
            utf8.withUTF8 { bytes in automaton.forEachMatch(inUTF8: bytes) { scanned.append([$0.pattern, $0.start, $0.end]) } }
            // Every scalar of the text folds to itself unless it is traditional.
            let (folded, origin) = normalizer.normalize(text)
            let expected = automaton.matches(in: folded).map { [$0.pattern, Int(origin[$0.start]), Int(origin[$0.end - 1]) + 1] }
            #expect(scanned == expected)
        }
    }

    @Test func foldedScalarsListEveryChangedScalar() {
        let listed = Dictionary(uniqueKeysWithValues: normalizer.foldedScalars.map { ($0.scalar, $0.folded) })
        for value in UInt32(0)..<0x30000 where Unicode.Scalar(value) != nil {
            #expect(listed[value] ?? value == normalizer.fold(value), "U+\(String(value, radix: 16))")
        }
        let ignorable = (UInt32(0)..<0x10000).filter(TextNormalizer.isIgnorable)
        #expect(Set(ignorable) == Set(TextNormalizer.ignorableScalars))
    }

    @Test func plainSubstringAgreesWithStringContains() {
        let names = ["情况说明.pdf", "情況說明.docx", "现场照片.jpg", "说明", "Report (1).PDF", "", "e\u{301}说明", "café.txt",
                     "照片\r\n", "한국어", "ｆｕｌｌ说明", "《情况说明》"]
        let parts = ["情况说明", "情況說明", "说明", "照片", "PDF", "e", "é", "\n", "국", "ｆｕｌｌ", "《情况", "明.", ""]
        for name in names {
            for part in parts {
                #expect(PlainSubstring.contains(name, part) == name.contains(part), "\(name) / \(part)")
            }
        }
    }

    @Test func foldingTableCoversBothRanges() {
        // 戶 (U+6236) in the flat range; 𠏹 → 𪨊 style pairs beyond it go through the dictionary.
        #expect(normalizer.fold(0x6236) == 0x6237)
        #expect(normalizer.fold(0x6237) == 0x6237)
        #expect(normalizer.fold(0xFF21) == 0x61)
        let text = "客戶 要求\u{200B}撤訴"
        let count = text.utf8.count
        let folded = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: count)
        let origin = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
        defer { folded.deallocate(); origin.deallocate() }
        let n = normalizer.normalize(text, into: folded, origin: origin)
        let (reference, referenceOrigin) = normalizer.normalize(text.unicodeScalars.map(\.value))
        #expect(Array(folded[..<n]) == reference)
        #expect(Array(origin[..<n]) == referenceOrigin)
    }

    @Test func characterCountFastPathMatchesGraphemes() {
        for text in ["客户已撤诉。", "abc, 1.5MB；（全角）“引号”…", "e\u{301}客户", "👨‍👩‍👧 家庭", "\r\n换行", "〇〡〪〫", "한국어", ""] {
            #expect(TextMeasure.characters(text) == text.count, "\(text)")
        }
    }

    @Test func templatesFillInOnePass() {
        let template = LocalizedText(zh: "“{field}”写明“{text}”{unknown}", en: "{field} says {text} {{field}")
        let filled = template.filling(["field": "处理情况", "text": "{field}"])
        #expect(filled.zh == "“处理情况”写明“{field}”{unknown}")
        #expect(filled.en == "处理情况 says {field} {处理情况")
    }
}

/// The byte-level timestamp form must agree with the general parser.
@Suite struct TimestampFastPathTests {
    @Test func commonFormAgreesWithTheGeneralForms() {
        let parser = TimestampParser()
        #expect(parser.parse("2024-07-01 15:40") == parser.parse("2024年7月1日15时40分"))
        #expect(parser.parse("2024-07-01 15:40:30") == parser.parse("2024-07-01T15:40:30+08:00"))
        #expect(parser.parse("2024-02-29 00:00") == parser.parse("2024/2/29 0:00"))
        for bad in ["2024-13-01 10:00", "2023-02-29 10:00", "2024-07-01 24:00", "2024-07-01 10:60", "2024-07-01 10:00:61", "2024-07-01x10:00"] {
            #expect(parser.parse(bad) == nil, "\(bad)")
        }
    }
}
