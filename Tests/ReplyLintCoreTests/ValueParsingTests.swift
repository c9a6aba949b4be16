import ReplyLintCore
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
        let raw = RawRecord(index: 0, start: .start, fields: [("附件", value("照片(1).jpg(1.2MB)；说明.pdf:20480 | 录音.mp3"))])
        let reply = ReplyBuilder().build(raw)
        #expect(reply.attachments.map(\.name) == ["照片(1).jpg", "说明.pdf", "录音.mp3"])
        #expect(reply.attachments.map(\.size) == [1_258_291, 20480, nil])
        #expect(reply.attachments[1].sizeLocation?.range == 24..<29)
        #expect(reply.problems.isEmpty)
    }

    @Test func unparsableValuesBecomeProblems() {
        let raw = RawRecord(index: 0, start: .start, fields: [
            ("业务类型", value("投拆")), ("是否属实", value("也许")), ("处理时间", value("昨天")), ("附件", value("a.zip(大)")),
            ("城乡类别", value("郊区")),
        ])
        let reply = ReplyBuilder().build(raw)
        #expect(Set(reply.problems.map(\.expected)) == [.businessType, .flag, .timestamp, .size, .area])
    }
}
