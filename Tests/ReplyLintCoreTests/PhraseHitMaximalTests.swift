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
