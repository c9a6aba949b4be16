import ReplyLintCore
import Testing

/// The date, clock and 《…》 recognisers behind `required-elements`.
@Suite struct TextPatternTests {
    func occurs(_ pattern: TextPattern, _ text: String) -> Bool { pattern.occurs(in: text.unicodeScalars.map(\.value)) }

    @Test func dates() {
        #expect(occurs(.date, "2024年7月1日已答复"))
        #expect(occurs(.date, "于2024-07-01处理"))
        #expect(occurs(.date, "七月一日处理"))
        #expect(!occurs(.date, "已答复客户"))
        #expect(!occurs(.date, "10千伏线路"))
    }

    @Test func clockTimes() {
        #expect(occurs(.clock, "10时30分到达"))
        #expect(occurs(.clock, "10:30到达"))
        #expect(occurs(.clock, "下午3点到达"))
        #expect(!occurs(.clock, "30分钟内到达"))
        #expect(!occurs(.clock, "电价3.5元"))
    }

    @Test func bookTitles() {
        #expect(occurs(.bookTitle, "根据《供电营业规则》"))
        #expect(!occurs(.bookTitle, "《》"))
        #expect(!occurs(.bookTitle, "《未闭合"))
    }
}
