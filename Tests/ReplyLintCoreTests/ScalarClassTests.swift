import Testing
@testable import ReplyLintCore

/// The scalar tests the rule kinds use, against the Unicode properties they stand for.
@Suite struct ScalarClassTests {
    /// Beyond ASCII (where $, ^ and the backtick count as punctuation too) the test is the
    /// general category; the bitmaps of the fast path are all in the Basic Multilingual Plane.
    @Test func punctuationMatchesTheGeneralCategoryBeyondASCII() {
        for value in UInt32(0x80)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected: Bool
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
                 .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol:
                expected = true
            default:
                expected = false
            }
            if ScalarClass.isPunctuation(value) != expected {
                Issue.record("U+\(String(value, radix: 16, uppercase: true)) should be \(expected ? "" : "no ")punctuation")
            }
        }
    }

    @Test func pairTestsAgreeWithTheScalarOnes() {
        // Every BMP value in one lane against a few neighbours of the bounds in the other, and the
        // top of the code space (no carry between lanes).
        let others: [UInt32] = [0, 0x20, 0x4DFF, 0x4E00, 0x9FFF, 0xA000, 0x10FFFF]
        for value in UInt32(0)..<0x10000 {
            for other in others {
                for lanes in [UInt64(value) | UInt64(other) << 32, UInt64(other) | UInt64(value) << 32] {
                    let han = ScalarClass.basicHanLanes(lanes) == ScalarClass.bothLanes
                    #expect(han == (ScalarClass.isBasicHan(value) && ScalarClass.isBasicHan(other)))
                }
            }
        }
        #expect(ScalarClass.basicHanLanes(0x10FFFF | 0x10FFFF << 32) == 0)
    }

    @Test func fastTestsAgreeWithTheFullOnes() {
        for value in UInt32(0)..<0x10000 {
            #expect(ScalarClass.isContent(value) == !(ScalarClass.isSpace(value) || ScalarClass.isPunctuation(value)))
            if ScalarClass.isBasicHan(value) { #expect(ScalarClass.isHan(value)) }
        }
    }
}
