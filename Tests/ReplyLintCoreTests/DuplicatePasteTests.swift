@testable import ReplyLintCore
import Testing

/// The repeated-passage search behind `duplicate-paste`: what counts as a repeat, and that it
/// stays linear on long and on highly repetitive texts.
@Suite struct DuplicatePasteTests {
    func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    @Test func repeatedSentenceIsReportedAtItsSecondOccurrence() {
        let text = scalars("已安排周六延时营业。客户满意。已安排周六延时营业。")
        #expect(DuplicatePasteRule.repeatedSentences(text, minLength: 8) == [15..<24])
    }

    @Test func shortSentencesDoNotCount() {
        #expect(DuplicatePasteRule.repeatedSentences(scalars("已处理完毕。已处理完毕。"), minLength: 8).isEmpty)
    }

    @Test func repeatedRunIsExtendedToItsFullLength() {
        let passage = "经核实该户电费按居民阶梯电价执行无误"  // 18 scalars
        let text = scalars(passage + "，另外" + passage)
        #expect(DuplicatePasteRule.repeatedRuns(text, window: 16) == [21..<39])
    }

    @Test func runsShorterThanTheWindowAreIgnored() {
        let text = scalars("一二三四五六七八九十一二三四五甲一二三四五六七八九十一二三四五")
        #expect(DuplicatePasteRule.repeatedRuns(text, window: 16).isEmpty)
    }

    @Test func aRunDoesNotMatchItselfOverlapping() {
        // 20 equal characters: windows at 0 and 4 overlap, so no repeat of 16 non-overlapping ones.
        #expect(DuplicatePasteRule.repeatedRuns(Array(repeating: 0x554A, count: 20), window: 16).isEmpty)
        #expect(DuplicatePasteRule.repeatedRuns(Array(repeating: 0x554A, count: 32), window: 16) == [16..<32])
    }

    @Test func sentenceAndRunFindingsDoNotOverlap() {
        let sentence = "经核实该户电费按居民阶梯电价执行无误"
        let text = scalars(sentence + "。" + sentence + "。")
        #expect(DuplicatePasteRule.repeatedPassages(text, minSentence: 8, minRun: 16) == [19..<37])
    }

    @Test func linearOnLongDistinctAndRepetitiveTexts() {
        var distinct: [UInt32] = []
        distinct.reserveCapacity(400_000)
        for index in 0..<400_000 { distinct.append(0x4E00 + UInt32((index &* 7919) % 20_000)) }
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = DuplicatePasteRule.repeatedPassages(distinct, minSentence: 8, minRun: 16)
            _ = DuplicatePasteRule.repeatedPassages(Array(repeating: 0x554A, count: 400_000), minSentence: 8, minRun: 16)
        }
        #expect(elapsed < .seconds(20))
    }

    /// The definition, searched naively: for each window not inside a reported run, the first
    /// equal window that ends before it starts.
    func naiveRuns(_ text: [UInt32], window: Int) -> [Range<Int>] {
        guard text.count >= 2 * window else { return [] }
        var runs: [Range<Int>] = []
        var start = 0
        while start + window <= text.count {
            let earlier = (0...max(0, start - window)).first { $0 + window <= start && text[$0..<($0 + window)] == text[start..<(start + window)] }
            guard let earlier else { start += 1; continue }
            var length = window
            while start + length < text.count, earlier + length < start, text[earlier + length] == text[start + length] { length += 1 }
            runs.append(start..<(start + length))
            start += length
        }
        return runs
    }

    /// `count` Han scalars drawn from the first `alphabet` of U+4E00… by an xorshift generator.
    static func randomHan(count: Int, alphabet: UInt64, state: inout UInt64) -> [UInt32] {
        (0..<count).map { _ in
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return 0x4E00 + UInt32(state % alphabet)
        }
    }

    @Test func runsMatchANaiveSearchOnSmallAndLargeAlphabets() {
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for round in 0..<400 {
            // Small alphabets repeat everything, large ones mostly nothing.
            let text = Self.randomHan(count: 20 + round % 90, alphabet: [2, 3, 5, 400, 20_000][round % 5], state: &state)
            for window in [2, 3, 5, 16, 17] {
                #expect(DuplicatePasteRule.repeatedRuns(text, window: window) == naiveRuns(text, window: window), "\(text) \(window)")
            }
        }
    }

    @Test func theSampledFilterNeverHidesARepeat() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var cleared = 0
        for round in 0..<600 {
            let text = Self.randomHan(count: 8 + round % 120, alphabet: [2, 3, 7, 400, 20_000][round % 5], state: &state)
            for window in [4, 5, 8, 9, 16, 17] where text.count >= 2 * window {
                let may = text.withUnsafeBufferPointer { DuplicatePasteRule.mayRepeat($0, window: window) }
                if !may { cleared += 1 }
                #expect(may || naiveRuns(text, window: window).isEmpty, "\(text) \(window)")
            }
        }
        // On large alphabets the filter does clear texts, or it would be of no use.
        #expect(cleared > 100)
    }

    @Test func aPastedPassageInALongDistinctTextIsFound() {
        var text: [UInt32] = (0..<500).map { 0x4E00 + UInt32(($0 &* 7919) % 20_000) }
        text += text[100..<130]
        #expect(DuplicatePasteRule.repeatedRuns(text, window: 16) == [500..<530])
    }

    @Test func sentencesAreComparedByContentNotJustLength() {
        let text = scalars("经核实该户电费无误。经核实该户电价无误。经核实该户电费无误。")
        #expect(DuplicatePasteRule.repeatedSentences(text, minLength: 8) == [20..<29])
    }

    @Test func sentencesDifferingOnlyInTheMiddleAreNotRepeats() {
        // Same length, same first and last four scalars: the same table key, told apart by content.
        let text = scalars("经核实该户电费按阶梯执行无误。经核实该户电价按阶梯执行无误。经核实该户电费按阶梯执行无误。")
        #expect(DuplicatePasteRule.repeatedSentences(text, minLength: 8) == [30..<44])
    }

    @Test func plainEndsTellUnequalTextsApartOnlyWhenTheyDiffer() {
        let pairs: [(String, String, Bool)] = [
            ("客户反映停电", "经核实停电", true), ("客户反映停电", "客户反映停水", true), ("客户反映停电", "客户反映来电", false),
            ("客户停电", "客户停电", false), (" 客户停电", "经核实停电", false), ("客户停电 ", "客户来电", false),
            ("a客户", "b客户", true), ("客", "户", true), ("", "客", false), ("丁", "一", true), ("㐀", "一", false),
            ("e\u{301}客", "\u{E9}客", false), ("e\u{301}", "\u{E9}", false), ("龥", "鿿", true), ("满意", "2024年已处理。", true),
            ("已处理。", "已处理，", true), ("已处理。", "已处理！", false), ("\t满意", "满意", false), ("满意\n", "满意", false),
            ("A\u{301}", "A", false), ("が", "か\u{3099}", false),
        ]
        for (first, second, differ) in pairs {
            #expect(DuplicatePasteRule.differAtAnEnd(first, second) == differ, "\(first) \(second)")
            if differ { #expect(first != second) }
        }
    }

    @Test func trimmingFastPathAgreesWithTheGeneralTrim() {
        let samples = ["", " ", "\u{3000}", "满意", " 满意", "满意 ", "满意\u{3000}", "\u{3000}满意", "客户。", "。客户", "a", "ab",
                       "abc", "客", "客a", "a客", "\u{2003}客户\u{2003}", "客户\u{200B}", "，已处理，", "\u{FEFF}客户", "客户\u{85}",
                       "\u{3001}好\u{3002}", "e\u{301}", "\t客户\n", "客户\n", "😀", "客😀", "\u{2028}"]
        for text in samples {
            #expect(DuplicatePasteRule.trimmed(text) == text.trimmingWhitespace(), "\(text.unicodeScalars.map(\.value))")
            #expect(DuplicatePasteRule.trimmed(text).utf8.elementsEqual(text.trimmingWhitespace().utf8))
        }
    }
}
