import ReplyLintCore
import ReplyLintReaders
import Testing

/// `--attachments-dir`: the builder's size lookup replaces written sizes and reports missing files.
@Suite struct CSVAttachmentsDirectoryTests {
    @Test func realSizesReplaceWrittenOnesAndMissingFilesAreInvalidValues() throws {
        let sizes: [String: Int64] = ["big.zip": 6 * 1024 * 1024, "ok.pdf": 10]
        let builder = ReplyBuilder(attachmentSize: { sizes[$0] })
        let runner = Runner(packs: [try RulePack.builtIn()], builder: builder, now: 1_722_441_600)
        let csv = "工单编号,业务类型,处理情况,附件\nD1,咨询,已答复，详见附件。,big.zip(10KB);ok.pdf;missing.doc\n"
        var diagnostics: [Diagnostic] = []
        CSVReader().read(from: ByteSource(bytes: Array(csv.utf8))) { event in
            if case .record(let record) = event { diagnostics += runner.diagnostics(for: record, file: "d.csv") }
        }
        let size = diagnostics.filter { $0.rule == "attachment-size" }
        #expect(size.count == 1)
        #expect(size.first?.message.en.contains("big.zip") == true)
        let missing = diagnostics.filter { $0.rule == "invalid-value" }
        #expect(missing.count == 1)
        #expect(missing.first?.message.en.contains("missing.doc") == true)
        #expect(missing.first?.message.en.contains("--attachments-dir") == true)
        // The span is the name inside the cell: column 17 + "big.zip(10KB);ok.pdf;".count.
        #expect(missing.first?.span == SourceSpan(start: at(2, 38), end: at(2, 49)))
    }
}
