@testable import ReplyLintCore
import Testing

@Suite struct TimestampParserTests {
    let parser = TimestampParser()
    /// 2014-06-03 17:40:00 in UTC+8 is 09:40:00Z.
    let expected: Int64 = 1_401_788_400

    @Test(arguments: [
        "2014-06-03 17:40", "2014-06-03 17:40:00", "2014/6/3 17:40", "2014/06/03 17:40:00",
        "2014-06-03T17:40:00", "2014-06-03T17:40:00+08:00", "2014-06-03T09:40:00Z", "2014-06-03T09:40:00.250Z",
        "2014-06-03T17:40+0800", "2014年6月3日17时40分", "2014年6月3日17:40", "2014年6月3日17点40分",
        "2014年6月3日 17时40分00秒", " 2014-06-03 17:40 ", "2014-06-03T05:40:00-04:00",
    ])
    func parsesEveryForm(_ text: String) {
        #expect(parser.parse(text) == expected, "\(text)")
    }

    @Test func dateAloneIsMidnightChinaTime() {
        #expect(parser.parse("2014-06-03") == expected - (17 * 3600 + 40 * 60))
        #expect(parser.parse("2014年6月3日") == expected - (17 * 3600 + 40 * 60))
    }

    @Test func defaultOffsetIsConfigurable() {
        #expect(TimestampParser(defaultOffsetSeconds: 0).parse("2014-06-03 09:40") == expected)
    }

    @Test(arguments: ["下周一", "", "2014-13-01 10:00", "2014-02-30", "2014-06-03 24:00", "2014-06-03 17:60",
                      "2014-06-03 17:40 extra", "14-06-03 17:40", "2014-06-03T17:40+25:00", "2014-06-0317:40"])
    func rejectsWhatIsNotATimestamp(_ text: String) {
        #expect(parser.parse(text) == nil, "\(text)")
    }

    @Test func leapYears() {
        #expect(parser.parse("2024-02-29 00:00") != nil)
        #expect(parser.parse("2023-02-29 00:00") == nil)
        #expect(parser.parse("2000-02-29 00:00") != nil)
        #expect(parser.parse("1900-02-29 00:00") == nil)
    }

    @Test func fixedFormAnswersAsTheGeneralPath() {
        // Every byte of the fixed form replaced by a non-digit or a near-digit byte: the fast
        // path must answer exactly what the scalar path does (usually `nil`).
        let base = Array("2014-06-03 17:40:05".utf8)
        for index in base.indices {
            for byte: UInt8 in [0x2F, 0x3A, 0x41, 0x20, 0x2D, 0x39, 0x30] {
                var bytes = base
                bytes[index] = byte
                let text = String(decoding: bytes, as: UTF8.self)
                let slow = TimestampParser().parse(" " + text)  // the leading space skips the fast path
                #expect(parser.parse(text) == slow, "\(text)")
            }
        }
        #expect(parser.parse("2014-06-03 17:40:05") == expected + 5)
    }

    @Test func aMemoOfTheLastDateAnswersAsWithout() {
        // One memo through texts on the same day, other days, bad dates after good ones with
        // the same first bytes, and other forms: every answer is the memo-less one.
        let texts = ["2024-01-01 12:28", "2024-01-01 13:47:05", "2024-01-02 01:33", "2024-01-01 23:59",
                     "2024-01-01 24:00", "2024-02-29 00:00", "2024-02-30 00:00", "2024-02-29 10:00",
                     "2023-02-29 00:00", "2024-01-01T12:28", "2024-01-0x 12:28", "2024-01-01 12:2x",
                     "2024年1月1日12时28分", "2024-01-01 12:28", "", "2024-12-31 23:59:60"]
        var memo = TimestampParser.DayMemo()
        for text in texts { #expect(parser.parse(text, memo: &memo) == parser.parse(text), "\(text)") }
        let utc = TimestampParser(defaultOffsetSeconds: 0)
        for text in texts { #expect(utc.parse(text, memo: &memo) == utc.parse(text), "\(text)") }
    }
}
