@testable import ReplyLintCore
import Testing

/// `[PhraseHit].maximal(excluding:)`: containment, exclusion, duplicates, and no quadratic blow-up.
@Suite struct PhraseHitMaximalTests {
    func hit(_ phrase: Int, _ range: Range<Int>) -> PhraseHit { PhraseHit(phrase: phrase, range: range) }

    @Test func longerHitsSwallowTheirParts() {
        let hits = [hit(1, 4..<6), hit(0, 2..<6), hit(2, 8..<10)]
        #expect(hits.maximal() == [hit(0, 2..<6), hit(2, 8..<10)])
    }

    @Test func hitsInsideExcludedWordsAreDropped() {
        // 属实 at 1..<3 inside 不属实 at 0..<3; 属实 at 5..<7 stands alone.
        let hits = [hit(0, 1..<3), hit(0, 5..<7)]
        #expect(hits.maximal(excluding: [hit(0, 0..<3)]) == [hit(0, 5..<7)])
    }

    @Test func overlappingButNotContainedHitsBothStay() {
        #expect([hit(0, 0..<4), hit(1, 2..<6)].maximal() == [hit(0, 0..<4), hit(1, 2..<6)])
    }

    @Test func theSameRangeCountsOnce() {
        #expect([hit(1, 3..<7), hit(4, 3..<7)].maximal().map(\.range) == [3..<7])
    }

    @Test func spansAgreeWithHits() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            func random(_ count: Int) -> [PhraseHit] {
                (0..<count).map { _ in
                    let start = Int.random(in: 0..<12, using: &generator)
                    return hit(Int.random(in: 0..<4, using: &generator), start..<(start + Int.random(in: 1...4, using: &generator)))
                }
            }
            // Half the time in end order, as the automaton lists matches (often in start order
            // too, when the sorts are skipped).
            var hits = random(Int.random(in: 0...6, using: &generator))
            var excluded = random(Int.random(in: 0...3, using: &generator))
            if Bool.random(using: &generator) {
                hits.sort { $0.range.upperBound < $1.range.upperBound }
                excluded.sort { $0.range.upperBound < $1.range.upperBound }
            }
            let spans = hits.map { PhraseSpan(phrase: $0.phrase, range: $0.range) }
            let blockers = excluded.map { PhraseSpan(phrase: $0.phrase, range: $0.range) }
            let kept = spans.withUnsafeBufferPointer { all in
                blockers.withUnsafeBufferPointer { all.withMaximal(excluding: $0) { Array($0) } }
            }
            #expect(kept.map { hit($0.phrase, $0.range) } == hits.maximal(excluding: excluded), "\(hits) \(excluded)")
        }
    }

    @Test func contextAnswersFromGivenHits() {
        let context = RuleContext(now: 0, phraseHits: [[hit(1, 4..<6), hit(0, 2..<6)], [hit(0, 1..<7)], []])
        #expect(context.hasHits(0) && context.hasHits(1) && !context.hasHits(2) && !context.hasHits(3))
        #expect(context.maximalHits(0) == [PhraseSpan(phrase: 0, range: 2..<6)])
        #expect(context.maximalHits(0, excluding: 1).isEmpty)
        #expect(context.firstMaximalHit(1) == PhraseSpan(phrase: 0, range: 1..<7))
        #expect(context.hasMaximalHit(0, outside: [PhraseSpan(phrase: 0, range: 3..<6)]))
        #expect(!context.hasMaximalHit(0, outside: [PhraseSpan(phrase: 0, range: 2..<6)]))
        #expect(context.hits(5).isEmpty)
    }

    @Test func tableKeepsEachListsHitsInMatchOrder() {
        var values = FieldValueTable()
        values[.handling] = FieldValue(text: "客戶要求", source: SourceText(start: .start))
        // Patterns 0, 1 and 2 belong to slots 1, 0 and 1.
        let matches = [PhraseAutomaton.Match(pattern: 0, start: 2, end: 4), PhraseAutomaton.Match(pattern: 1, start: 0, end: 2),
                       PhraseAutomaton.Match(pattern: 2, start: 1, end: 3)]
        let owners: [(slot: Int32, phrase: Int)] = [(1, 0), (0, 1), (1, 2)]
        let fields: [CanonicalField] = [.handling, .handling, .handling]
        let quotes = [true, true, false]
        owners.withUnsafeBufferPointer { owners in fields.withUnsafeBufferPointer { fields in quotes.withUnsafeBufferPointer { quotes in
        PhraseHitTable.build(matches: matches, owners: owners, slotCount: 3, values: values,
                             fields: fields, quotes: quotes, passing: ()) { _, table in withUnsafePointer(to: table) { table in
            let context = RuleContext(now: 0, table: table, firstSlot: 1, listCount: 2)
            #expect(context.hits(0) == [PhraseHit(phrase: 0, range: 2..<4, text: "要求"), PhraseHit(phrase: 2, range: 1..<3, text: "戶要")])
            #expect(context.hits(1).isEmpty && context.hits(2).isEmpty && !context.hasHits(1) && !context.hasHits(2))
            #expect(context.phraseHits == [context.hits(0), []])
            #expect(RuleContext(now: 0, table: table, firstSlot: 0, listCount: 1).hits(0) == [PhraseHit(phrase: 1, range: 0..<2, text: "客戶")])
            #expect(context.text(of: PhraseSpan(phrase: 0, range: 1..<3), in: values[.handling]!) == "戶要")
        } }
        } } }
    }

    @Test func findingsQuoteTheTextAsWritten() throws {
        let runner = Runner(packs: [try RulePack.builtIn()], now: 0)
        let record = RawRecord(index: 0, start: SourcePosition(line: 1, column: 1), fields: [
            RawField(name: "type", value: FieldValue(text: "投诉", source: SourceText(start: .start))),
            RawField(name: "handling", value: FieldValue(text: "经核实，客戶 要求撤訴，已办结。", source: SourceText(start: .start))),
        ])
        let messages = runner.diagnostics(for: record, file: "t").map(\.message.zh)
        #expect(messages.contains { $0.contains("“客戶 要求撤訴”") }, "\(messages)")
    }

    @Test func fieldsAreMatchedForTheRulesInScopeOnly() throws {
        // The request is matched only for unaddressed-request (non-repair types): the same
        // record is judged as 意见 and skipped as 报修, and a record without a type is not judged.
        let runner = Runner(packs: [try RulePack.builtIn()], now: 0)
        func rules(_ type: String?) -> [String] {
            var fields = [RawField(name: "request", value: FieldValue(text: "小区附近变压器噪音很大。", source: SourceText(start: .start))),
                          RawField(name: "handling", value: FieldValue(text: "已修剪绿化带，客户表示满意。", source: SourceText(start: .start)))]
            if let type { fields.append(RawField(name: "type", value: FieldValue(text: type, source: SourceText(start: .start)))) }
            let record = RawRecord(index: 0, start: SourcePosition(line: 1, column: 1), fields: fields)
            return runner.diagnostics(for: record, file: "t").map(\.rule)
        }
        #expect(rules("意见").contains("unaddressed-request"))
        #expect(!rules("报修").contains("unaddressed-request"))
        #expect(!rules(nil).contains("unaddressed-request"))
        #expect(rules(nil).contains("field-placement"))
    }

    @Test func scalarSliceCutsAtScalars() {
        #expect("经核实，客户反映情況屬實".scalarSlice(8..<12) == "情況屬實")
        #expect("ab".scalarSlice(1..<5) == "b" && "ab".scalarSlice(3..<5).isEmpty && "客户".scalarSlice(0..<0).isEmpty)
        #expect("a😀b".scalarSlice(1..<2) == "😀")
        // Long mixed texts (whole words are skipped before the slice): every slice against the
        // scalars themselves.
        for text in ["经核实，客户反映情況屬實，已于2024年5月3日处理完毕。", "abcdefghijklmnopqrstuvwxyz0123456789",
                     "é😀客a" + String(repeating: "客户é😀ab", count: 5)] {
            let scalars = Array(text.unicodeScalars)
            for lower in 0...scalars.count {
                for upper in lower...min(scalars.count, lower + 4) {
                    var expected = String.UnicodeScalarView()
                    expected.append(contentsOf: scalars[lower..<upper])
                    #expect(text.scalarSlice(lower..<upper) == String(expected), "\(lower)..<\(upper) of \(text)")
                }
            }
        }
    }

    @Test func manyHitsStayFast() {
        let hits = (0..<200_000).map { hit(0, (2 * $0)..<(2 * $0 + 2)) }
        let excluded = (0..<1000).map { hit(0, (400 * $0)..<(400 * $0 + 4)) }
        let clock = ContinuousClock()
        var kept = 0
        let elapsed = clock.measure { kept = hits.maximal(excluding: excluded).count }
        #expect(kept == 198_000)
        #expect(elapsed < .seconds(10))
    }
}
