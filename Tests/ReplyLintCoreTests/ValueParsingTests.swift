@testable import ReplyLintCore
import Testing

@Suite struct ValueParsingTests {
    @Test(arguments: [("20480", 20480), ("1KB", 1024), ("1.5K", 1536), ("4.8MB", 5_033_165), ("5 MB", 5_242_880),
                      ("300kb", 307_200), ("1G", 1_073_741_824), ("2GB", 2_147_483_648), ("12B", 12), ("1MiB", 1_048_576)])
    func sizes(_ text: String, _ bytes: Int64) {
        #expect(SizeParser.bytes(text) == bytes, "\(text)")
    }

    @Test(arguments: ["大", "", "MB", "1.2.3MB", "1.5", "5TB", "-1KB"])
    func badSizes(_ text: String) {
        #expect(SizeParser.bytes(text) == nil, "\(text)")
    }

    func value(_ text: String) -> FieldValue { FieldValue(text: text, source: SourceText(start: .start)) }

    @Test func flags() {
        for yes in ["是", "Y", "yes", "TRUE", "1"] { #expect(ReplyBuilder.flag(value(yes)) == true, "\(yes)") }
        for no in ["否", "n", "No", "false", "0"] { #expect(ReplyBuilder.flag(value(no)) == false, "\(no)") }
        #expect(ReplyBuilder.flag(value("可能")) == nil)
    }

    @Test func itemMembersAsListOrDictionary() {
        let size = value("1MB"), name = value("a.pdf")
        let listed = FieldItem(value: value(""), memberList: [RawField(name: "size", value: size), RawField(name: "name", value: name)])
        let keyed = FieldItem(value: value(""), members: ["name": name, "size": size])
        #expect(listed.members == ["size": size, "name": name])
        #expect(Set(keyed.memberList.map(\.name)) == ["size", "name"])
        #expect(listed == keyed)  // equal whatever the members' order
        #expect(listed.hashValue == keyed.hashValue)
        #expect(listed != FieldItem(value: value(""), memberList: [RawField(name: "size", value: size)]))
        var changed = listed
        changed.members = ["size": name]
        #expect(changed.memberList.map(\.value.text) == ["a.pdf"])
    }

    @Test func trimmingWhitespaceLooksAtTheEndScalars() {
        func reference(_ text: String) -> String {
            let scalars = text.unicodeScalars
            guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }),
                  let last = scalars.lastIndex(where: { !$0.isWhiteSpace }) else { return "" }
            return String(scalars[first...last])
        }
        let texts = ["", " ", "a", " a", "a ", "\u{3000}客户", "客户\u{3000}", "客户。", "\u{A0}x", "x\u{A0}", "x\u{85}",
                     "x\u{2028}", "\u{2029}", "a\u{1680}", "\u{202F}b", "b\u{205F}", "😀", "😀 ", "e\u{301}", "\u{301}",
                     "\t\n x \r", "\u{2000}\u{200A}", "ab\u{200B}", "\u{FEFF}", "\u{80}", "x\u{7FF}", "\u{10FFFF}"]
        for text in texts {
            #expect(text.trimmingWhitespace() == reference(text), "\(text.debugDescription)")
            #expect(String(text.utf8).trimmingWhitespace() == reference(text))
        }
    }

    @Test func businessTypes() {
        #expect(BusinessType(parsing: "故障报修") == .repair)
        #expect(BusinessType(parsing: " 投诉 ") == .complaint)
        #expect(BusinessType(parsing: "Service Request") == .serviceRequest)
        #expect(BusinessType(parsing: "投拆") == nil)
        #expect(BusinessType.allCases.filter { !$0.isRepair }.count == 8)
    }

    @Test func aliasesAreTrimmedAndCaseInsensitive() {
        let aliases = FieldAliases(extra: [.handling: ["答复"]])
        #expect(aliases.field(named: "处理情况") == .handling)
        #expect(aliases.field(named: " handle_opinion ") == .handling)
        #expect(aliases.field(named: "TRUE_FLAG") == .isTrue)
        #expect(aliases.field(named: "答复") == .handling)
        #expect(aliases.field(named: "HANDLE_TIME") == .acceptedAt)
        #expect(aliases.field(named: "备注") == nil)
        for field in CanonicalField.allCases {
            for alias in field.defaultAliases { #expect(aliases.field(named: alias) == field, "\(alias)") }
        }
    }

    @Test func textAttachmentsWithSizesAndSpans() {
        let raw = RawRecord(index: 0, start: .start, fields: [RawField(name: "附件", value: value("照片(1).jpg(1.2MB)；说明.pdf:20480 | 录音.mp3"))])
        let reply = ReplyBuilder().build(raw)
        #expect(reply.attachments.map(\.name) == ["照片(1).jpg", "说明.pdf", "录音.mp3"])
        #expect(reply.attachments.map(\.size) == [1_258_291, 20480, nil])
        #expect(reply.attachments[1].sizeLocation?.range == 24..<29)
        #expect(reply.problems.isEmpty)
    }

    @Test func unparsableValuesBecomeProblems() {
        let raw = RawRecord(index: 0, start: .start, fields: [
            RawField(name: "业务类型", value: value("投拆")), RawField(name: "是否属实", value: value("也许")),
            RawField(name: "处理时间", value: value("昨天")), RawField(name: "附件", value: value("a.zip(大)")),
            RawField(name: "城乡类别", value: value("郊区")),
        ])
        let reply = ReplyBuilder().build(raw)
        #expect(Set(reply.problems.map(\.expected)) == [.businessType, .flag, .timestamp, .size, .area])
    }

    @Test func exactNamesMatchWholeUTF8Names() {
        let table = ExactNames<Int>([("处理情况", 1), ("处理结果", 2), ("id", 3), ("", 4), ("arrivedAt", 5),
                                     ("arrivalRecordedAt", 6), ("id", 7)])
        #expect(table.value(for: "处理情况") == 1)
        #expect(table.value(for: "处理结果") == 2)
        #expect(table.value(for: "id") == 7)  // a later duplicate wins
        #expect(table.value(for: "") == 4)
        #expect(table.value(for: "arrivedAt") == 5)
        #expect(table.value(for: "arrivalRecordedAt") == 6)
        #expect(table.value(for: "arrivalRecordedA") == nil)
        #expect(table.value(for: "处理") == nil)
        #expect(table.value(for: "ID") == nil)
        #expect(table.value(for: "Id ") == nil)
        // Bridged or not, the same bytes answer the same.
        #expect(table.value(for: String(decoding: Array("处理结果".utf8), as: UTF8.self)) == 2)
        // Many names: probing past collisions still finds each one.
        let many = ExactNames<Int>((0..<200).map { ("字段\($0)", $0) })
        for n in 0..<200 { #expect(many.value(for: "字段\(n)") == n) }
        #expect(many.value(for: "字段200") == nil)
        // Equal first eight bytes (or zero padding) with different tails or lengths.
        let heads = ExactNames<Int>([("arrivalRecordedAt", 1), ("arrivalRecordedAx", 2), ("arrival", 3), ("arrival\u{0}", 4),
                                     ("abcdefgh", 5), ("abcdefghi", 6)])
        #expect(heads.value(for: "arrivalRecordedAt") == 1)
        #expect(heads.value(for: "arrivalRecordedAx") == 2)
        #expect(heads.value(for: "arrival") == 3)
        #expect(heads.value(for: "arrival\u{0}") == 4)
        #expect(heads.value(for: "abcdefgh") == 5)
        #expect(heads.value(for: "abcdefghi") == 6)
        #expect(heads.value(for: "abcdefghj") == nil)
        #expect(heads.value(for: "arrivalRecordedAy") == nil)
    }

    @Test func exactNamesAnswerWhateverFormTheStringHas() {
        // Short names are found by their string's words, others by their bytes: a string of
        // the same contents in another form (heap storage, a slice made a string, a literal)
        // must answer the same, and the table's own long names must not be needed as such.
        let table = ExactNames<Int>([("id", 1), ("处理情况", 2), ("arrivalRecordedAt", 3), ("到达现场时间", 4)])
        func forms(_ text: String) -> [String] {
            var reserved = String()
            reserved.reserveCapacity(64)
            reserved += text
            let padded = "<" + text + ">"
            let slice = String(padded.dropFirst().dropLast())
            return [text, String(decoding: Array(text.utf8), as: UTF8.self), reserved, slice]
        }
        for (name, value) in [("id", 1), ("处理情况", 2), ("arrivalRecordedAt", 3), ("到达现场时间", 4)] {
            for form in forms(name) { #expect(table.value(for: form) == value, "\(name)") }
        }
        for miss in ["i", "idd", "处理情", "arrivalRecordedA", "到达现场时"] {
            for form in forms(miss) { #expect(table.value(for: form) == nil, "\(miss)") }
        }
    }

    @Test func canonicallyEquivalentSpellingsStillParse() {
        // "e\u{301}" is not byte-equal to "é": the byte tables miss and the string paths answer.
        let aliases = FieldAliases(extra: [.handler: ["caf\u{E9}"]])
        #expect(aliases.field(named: "cafe\u{301}") == .handler)
        #expect(aliases.field(named: "caf\u{E9}") == .handler)
        #expect(Area(parsing: " 城区 ") == .urban)
        #expect(Area(parsing: "URBAN") == .urban)
        #expect(BusinessType(parsing: " 故障报修") == .repair)
    }

    @Test func typeScopesTestTypesByBit() {
        let scope = TypeScope(names: ["N"])
        #expect(scope?.contains(.complaint) == true)
        #expect(scope?.contains(.repair) == false)
        #expect(scope?.contains(nil) == false)
        #expect(TypeScope.all.contains(nil))
        var changed = TypeScope(types: [.repair])
        #expect(changed.contains(.repair) && !changed.contains(.urge))
        changed.types = [.urge]
        #expect(changed.contains(.urge) && !changed.contains(.repair))
        #expect(Set(BusinessType.allCases).count == BusinessType.allCases.count)
    }

    @Test func fieldTablesKeepFieldOrderWhateverTheSettingOrder() {
        var table = FieldTable<String>()
        #expect(table.isEmpty && table[.id] == nil && !table.contains(.id))
        table[.sentAt] = "s"
        table[.id] = "i"
        table[.handling] = "h"
        table[.area] = "a"
        #expect(table.count == 4 && table.contains(.sentAt) && !table.contains(.type))
        #expect(table.map(\.key) == [.id, .handling, .area, .sentAt])
        table[.handling] = "h2"
        #expect(table[.handling] == "h2" && table.count == 4)
        #expect(table.removeValue(forKey: .id) == "i")
        #expect(table.map(\.value) == ["h2", "a", "s"])
        #expect(table[.sentAt] == "s" && table[.area] == "a" && table[.id] == nil)
        table[.id] = "i"
        let same: FieldTable<String> = [.area: "a", .id: "i", .sentAt: "s", .handling: "h2"]
        #expect(table == same)
        #expect(table != [.area: "a", .id: "i", .sentAt: "s", .handling: "h"])
        var all = FieldTable<Int>()
        for field in CanonicalField.allCases.reversed() { all[field] = CanonicalField.allCases.firstIndex(of: field)! }
        #expect(all.map(\.value) == Array(0..<CanonicalField.allCases.count))
        all[.type] = nil
        #expect(all[.sentAt] == CanonicalField.allCases.count - 1 && all[.type] == nil && all[.request] == 2)
    }
}
