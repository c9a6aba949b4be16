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

    /// Random sets, replacements, removals and adds over every field, checked against a dictionary
    /// after each step, for values of several kinds.
    func matchesADictionary<Value: Equatable>(_ make: (Int) -> Value, seed: UInt64) {
        var state = seed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % bound
        }
        var table = FieldTable<Value>()
        var model: [CanonicalField: Value] = [:]
        table.reserveCapacity(next(24))
        for step in 0..<2_000 {
            let field = CanonicalField.allCases[next(CanonicalField.allCases.count)]
            switch next(4) {
            case 0, 1:
                let value = make(step)
                if model[field] == nil, next(2) == 0 { table.add(value, for: field) } else { table[field] = value }
                model[field] = value
            case 2:
                #expect(table.removeValue(forKey: field) == model.removeValue(forKey: field))
            default:
                #expect(table[field] == model[field] && table.contains(field) == (model[field] != nil))
            }
            #expect(table.count == model.count && table.isEmpty == model.isEmpty)
            #expect(table.map(\.key) == model.keys.sorted())
            #expect(table.allSatisfy { model[$0.key] == $0.value })
        }
    }

    @Test func tablesOfEveryKindMatchADictionary() {
        matchesADictionary({ Int64($0) * 86_400 - 1 }, seed: 1)
        matchesADictionary({ $0 % 3 == 0 }, seed: 2)
        matchesADictionary({ "值\($0)" }, seed: 3)
        matchesADictionary({ UInt8(truncatingIfNeeded: $0) }, seed: 4)
    }
}
