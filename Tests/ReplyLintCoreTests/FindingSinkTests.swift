import Testing
@testable import ReplyLintCore

/// The list the rules of one reply append to.
@Suite struct FindingSinkTests {
    private func finding(_ text: String) -> Finding {
        Finding(field: .handling, location: nil, message: LocalizedText(zh: text, en: text))
    }

    @Test func findingsKeepTheirOrderAndTheRuleThatMadeThem() {
        var sink = FindingSink()
        #expect(sink.found.isEmpty && sink.findings.isEmpty)
        sink.append(finding("a"))
        sink.rule = 3
        sink.append(finding("b"))
        sink.append(finding("c"))
        #expect(sink.found.map(\.rule) == [0, 3, 3])
        #expect(sink.findings.map(\.message.zh) == ["a", "b", "c"])
    }

    @Test func arrayReturningKindsAreAppendedAsTheyReturn() throws {
        // A kind without its own sink method goes through the protocol's default.
        let rule = try #require(try RulePack.builtIn().rules.first { $0.metadata.kind == "required" })
        let reply = Reply(index: 0, start: SourcePosition(line: 1, column: 1))
        var sink = FindingSink(rule: 7)
        rule.check(reply, context: RuleContext(now: 0), into: &sink)
        #expect(sink.findings.map(\.message.en) == rule.check(reply, context: RuleContext(now: 0)).map(\.message.en))
        #expect(sink.found.allSatisfy { $0.rule == 7 })
    }
}
