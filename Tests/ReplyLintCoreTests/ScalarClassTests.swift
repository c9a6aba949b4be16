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

    @Test func fastTestsAgreeWithTheFullOnes() {
        for value in UInt32(0)..<0x10000 {
            #expect(ScalarClass.isContent(value) == !(ScalarClass.isSpace(value) || ScalarClass.isPunctuation(value)))
            if ScalarClass.isBasicHan(value) { #expect(ScalarClass.isHan(value)) }
        }
    }
}
