@testable import ReplyLintCore
import Testing

/// `FindingPlacer` maps every requested range of a value in one walk and cuts excerpts from the
/// value's UTF-8, as `FieldValue.span(of:)` and scalar slicing would.
@Suite struct FindingPlacerTests {
    let value = FieldValue(text: "客户已撤诉😀abc\n第二行",
                           source: SourceText(start: SourcePosition(line: 3, column: 5)))
    let other = FieldValue(text: "x", source: SourceText(start: SourcePosition(line: 9, column: 1)))

    func scalars(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(value.text.unicodeScalars.dropFirst(range.lowerBound).prefix(range.count)))
    }

    @Test func spansAndExcerptsMatchDirectComputation() {
        let ranges = [0..<2, 3..<6, 5..<5, 6..<12, 0..<12, 2..<3, 3..<6]
        var placer = FindingPlacer()
        for range in ranges { placer.request(ValueLocation(value: value, range: range)) }
        placer.request(ValueLocation(value: other))
        placer.request(ValueLocation(value: value))
        placer.resolve()
        for range in ranges {
            let location = ValueLocation(value: value, range: range)
            #expect(placer.span(location) == value.span(of: range))
            #expect(placer.excerpt(location).text == scalars(range))
        }
        #expect(placer.span(ValueLocation(value: value)) == value.span())
        #expect(placer.excerpt(ValueLocation(value: value)).text == value.text)
        #expect(placer.span(ValueLocation(value: other)) == other.span())
    }

    @Test func rangesPastTheEndAreClamped() {
        var placer = FindingPlacer()
        let location = ValueLocation(value: value, range: 10..<40)
        placer.request(location)
        placer.resolve()
        #expect(placer.excerpt(location).text == "第二行")
        #expect(placer.excerpt(ValueLocation(value: value, range: 30..<40)).text == "")
    }

    @Test func manyValuesUseTheIndex() {
        let values = (0..<40).map { FieldValue(text: "值\($0)", source: SourceText(start: SourcePosition(line: $0 + 1, column: 1))) }
        var placer = FindingPlacer()
        for value in values { placer.request(ValueLocation(value: value, range: 1..<2)) }
        placer.resolve()
        for value in values {
            #expect(placer.span(ValueLocation(value: value, range: 1..<2)) == value.span(of: 1..<2))
            #expect(placer.excerpt(ValueLocation(value: value, range: 1..<2)).text == String(value.text.dropFirst().prefix(1)))
        }
    }

    @Test func aValueWithManyLocationsGetsTheSameExcerpts() {
        let ranges = (0..<14).flatMap { [$0..<($0 + 1), $0..<min($0 + 5, 40)] }
        #expect(ranges.count > FindingPlacer.lazyExcerptLimit)
        var placer = FindingPlacer()
        for range in ranges { placer.request(ValueLocation(value: value, range: range)) }
        placer.resolve()
        for range in ranges {
            let location = ValueLocation(value: value, range: range)
            let expected = DiagnosticExcerpt(of: value.text, scalars: range).text
            #expect(placer.excerpt(location).text == expected)
            #expect(expected == scalars(range.clamped(to: 0..<value.text.unicodeScalars.count)))
        }
    }
}
