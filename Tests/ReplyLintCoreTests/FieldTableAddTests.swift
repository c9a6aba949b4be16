@testable import ReplyLintCore
import Testing

@Suite struct FieldTableAddTests {
    @Test func addedValuesReadLikeAssignedOnes() {
        var added = FieldTable<String>()
        added.add("b", for: .handling)
        added.add("a", for: .id)
        var assigned = FieldTable<String>()
        assigned[.handling] = "b"
        assigned[.id] = "a"
        #expect(added == assigned)
        #expect(added[.id] == "a" && added[.handling] == "b" && added[.type] == nil)
        #expect(added.keys == [.id, .handling])
        added[.id] = nil
        #expect(added[.handling] == "b" && added.count == 1)
    }
}
