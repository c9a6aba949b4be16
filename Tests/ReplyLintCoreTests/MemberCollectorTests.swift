@testable import ReplyLintCore
import Testing

@Suite struct MemberCollectorTests {
    func value(_ text: String) -> FieldValue { FieldValue(text: text, source: SourceText(start: .start)) }

    @Test func keepsOrderAndTheFirstOfEachName() {
        var members = MemberCollector()
        members.add("size", value("1MB"))
        members.add("name", value("a.pdf"))
        members.add("size", value("2MB"))
        #expect(members.list.map(\.name) == ["size", "name"])
        #expect(members.list.map(\.value.text) == ["1MB", "a.pdf"])
    }

    @Test func namesCompareAsStrings() {
        var members = MemberCollector()
        members.add("e\u{301}", value("decomposed"))
        members.add("\u{E9}", value("composed"))  // canonically equivalent: the same key
        #expect(members.list.map(\.value.text) == ["decomposed"])
    }

    @Test func manyMembersStayFirstWins() {
        var members = MemberCollector(capacity: 0)
        for round in 0..<3 {
            for index in 0..<40 { members.add("m\(index)", value("\(round)")) }
        }
        #expect(members.list.map(\.name) == (0..<40).map { "m\($0)" })
        #expect(members.list.allSatisfy { $0.value.text == "0" })
    }
}
