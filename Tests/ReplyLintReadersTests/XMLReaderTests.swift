import Foundation
import ReplyLintCore
@testable import ReplyLintReaders
import Testing

@Suite struct XMLReaderTests {
    func read(_ text: String, encoding: TextEncoding? = nil) -> [ReaderEvent] {
        ReaderTestSupport.events(XMLReader(encoding: encoding), Array(text.utf8))
    }

    func fixture(_ name: String) throws -> [ReaderEvent] {
        ReaderTestSupport.events(XMLReader(), try ReaderTestSupport.fixture("xml/" + name))
    }

    /// Every text the reader produced: field values, list members and failure messages.
    func allText(_ events: [ReaderEvent]) -> String {
        var parts: [String] = []
        for record in events.records {
            for field in record.fields {
                let (name, value) = (field.name, field.value)
                parts.append(name)
                parts.append(value.text)
                if case .list(let items) = value.shape {
                    for item in items { parts.append(item.value.text); parts += item.members.values.map(\.text) }
                }
            }
        }
        parts += events.failures.flatMap { [$0.message.zh, $0.message.en] }
        return parts.joined(separator: "\n")
    }

    /// A tag tracker that has scanned all of `bytes`.
    static func tracker(scanning bytes: [UInt8]) -> XMLTagTracker {
        var tracker = XMLTagTracker()
        bytes.withUnsafeBufferPointer { all in
            var from = 0
            while from < all.count { from += tracker.scan(UnsafeBufferPointer(rebasing: all[from...])) }
        }
        return tracker
    }

    @Test func elementsAndAttributesAreFieldsWithExactPositions() throws {
        let events = try fixture("attachments.xml")
        #expect(events.failures.isEmpty)
        let records = events.records
        #expect(records.map(\.index) == [0, 1, 2])
        #expect(records.map(\.start) == [at(3, 3), at(8, 3), at(13, 3)])

        let a1 = records[0]
        #expect(a1.value("工单编号")?.text == "A1")
        #expect(a1.value("工单编号")?.source == SourceText(start: at(3, 13)))
        #expect(a1.value("业务类型")?.source == SourceText(start: at(3, 23)))
        let handling = try #require(a1.value("处理情况"))
        #expect(handling.source == SourceText(start: at(4, 11)))
        #expect(handling.span(of: 4..<9) == SourceSpan(start: at(4, 15), end: at(4, 20)))

        // Text with an entity reference: only its start is known.
        let a2 = records[1]
        #expect(a2.value("处理情况")?.text == "详见附件&说明")
        #expect(a2.value("处理情况")?.source == SourceText(start: at(11, 11), dialect: .startOnly))

        // CDATA is text; a plain text attachment list passes through for the core to parse.
        let a3 = records[2]
        #expect(a3.value("orderId")?.text == "A3")
        #expect(a3.value("reply")?.text == "已答复<客户>")
        #expect(a3.value("ATTACH")?.text == "d.pdf(2MB);e.png:20480")
        #expect(a3.value("ATTACH")?.source == SourceText(start: at(16, 13)))
    }

    @Test func trackerSkipsCommentsDoctypeInstructionsAndCDATA() throws {
        let events = try fixture("tricky.xml")
        #expect(events.failures.isEmpty)
        let records = events.records
        #expect(records.map(\.start) == [at(10, 3), at(14, 3)])
        #expect(records[0].value("a")?.text == "1>2")
        #expect(records[0].value("b")?.source == SourceText(start: at(10, 21)))
        #expect(records[0].value("handling")?.text == "<not>a tag</not>客户已撤诉")
        #expect(records[0].value("handling")?.source == SourceText(start: at(11, 17), dialect: .startOnly))
        #expect(records[0].value("id")?.source == SourceText(start: at(12, 9)))
        #expect(records[1].value("handling")?.source == SourceText(start: at(14, 31)))
    }

    @Test func attachmentElementsBecomeListItems() throws {
        let records = try fixture("attachments.xml").records
        func items(_ record: RawRecord, _ field: String) -> [FieldItem] {
            if case .list(let items)? = record.value(field)?.shape { return items }
            Issue.record("\(field) is not a list")
            return []
        }
        // <附件 name size/> directly in the record: one field 附件 with two items.
        #expect(records[0].fields.filter { $0.name == "附件" }.count == 1)
        let direct = items(records[0], "附件")
        #expect(direct.map { $0.members["name"]?.text } == ["现场照片.zip", "说明.pdf"])
        #expect(direct.map { $0.members["size"]?.text } == ["6MB", "20KB"])
        #expect(direct[0].members["name"]?.source.start == at(5, 15))
        #expect(direct[0].members["size"]?.source.start == at(5, 31))
        // <附件列表> is named 附件; items may use child elements for their members.
        let listed = items(records[1], "附件")
        #expect(listed.map { $0.members["name"]?.text } == ["a.pdf", "b.jpg"])
        #expect(listed[1].members["size"]?.text == "7MB")
        #expect(listed[1].members["size"]?.source.start == at(10, 68))
        // <attachments><attachment …/></attachments>
        #expect(items(records[2], "attachments").map { $0.members["name"]?.text } == ["c.doc"])
    }

    @Test func externalEntitiesAreNeverResolved() throws {
        let passwd = (try? String(contentsOfFile: "/etc/passwd", encoding: .utf8))?.split(separator: "\n").first.map(String.init) ?? "root:x:0:0"
        let events = try fixture("external-entity.xml")
        #expect(!allText(events).contains(passwd))
        #expect(!allText(events).contains("root:"))
        #expect(events.failures.count == 2)
        #expect(events.failures.map(\.position) == [at(4, 43), at(5, 43)])
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["E1", "E2"])
        #expect(events.records[0].value("处理情况")?.isBlank == true)

        // An external DTD and an external parameter entity are not loaded either.
        for doctype in [#"<!DOCTYPE r SYSTEM "file:///etc/passwd">"#,
                        #"<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>"#,
                        #"<!DOCTYPE r [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>"#] {
            let hostile = read("<?xml version=\"1.0\"?>\n" + doctype + "\n<r><rec><h>&x;</h></rec></r>")
            #expect(!allText(hostile).contains("root:"))
            #expect(!hostile.failures.isEmpty)
        }
    }

    @Test func billionLaughsDoesNotBlowUp() throws {
        let clock = ContinuousClock()
        let started = clock.now
        let events = try fixture("billion-laughs.xml")
        #expect(clock.now - started < .seconds(5))
        #expect(!events.failures.isEmpty)
        #expect(allText(events).count < 10_000)
        // The same attack with a simpler shape, inline.
        let quadratic = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"" + String(repeating: "x", count: 100_000) + "\">]><r><rec><h>"
            + String(repeating: "&a;", count: 10_000) + "</h></rec></r>"
        let second = read(quadratic)
        #expect(allText(second).count < 1_000_000)
    }

    @Test func truncatedFileKeepsTheRecordsBeforeTheCut() throws {
        let events = try fixture("truncated.xml")
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["T1", "T2"])
        #expect(events.failures.count == 1)
        #expect(events.failures[0].position.line == 18)
        #expect(events.failures[0].message.en.contains("truncated"))
    }

    @Test func notWellFormedStopsAfterTheRecordsBeforeIt() throws {
        let events = try fixture("mismatched.xml")
        #expect(events.records.compactMap { $0.value("工单编号")?.text } == ["M1"])
        #expect(events.failures.map(\.position) == [at(4, 43)])
        #expect(events.failures[0].message.zh.hasPrefix("XML 格式错误"))
    }

    @Test func declaredAndForcedEncodings() throws {
        let gb = try fixture("gb18030.xml")
        #expect(gb.failures.isEmpty)
        #expect(gb.records.first?.value("处理情况")?.text == "经核实，客户已撤诉。")
        #expect(gb.records.first?.value("处理情况")?.source.start == at(3, 43))

        let document = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<r><rec><id>U😀</id></rec></r>"
        let utf16 = ReaderTestSupport.events(XMLReader(), [0xFF, 0xFE] + encode(document, as: "UTF-16LE"))
        #expect(utf16.failures.isEmpty)
        #expect(utf16.records.first?.value("id")?.text == "U😀")
        #expect(utf16.records.first?.value("id")?.source.start == at(2, 13))

        let undeclared = encode("<r><rec><处理情况>已答复</处理情况></rec></r>", as: "GB18030")
        #expect(ReaderTestSupport.events(XMLReader(), undeclared).records.first?.value("处理情况")?.text == "已答复")
        #expect(ReaderTestSupport.events(XMLReader(encoding: .gb18030), undeclared).records.first?.value("处理情况")?.text == "已答复")
        let wrong = ReaderTestSupport.events(XMLReader(encoding: .utf8), undeclared)
        #expect(wrong.failures.first?.position == at(1, 10))
    }

    @Test func everyTruncationKeepsACleanPrefixOfTheRecords() throws {
        let bytes = try ReaderTestSupport.fixture("equivalence/replies.xml")
        let full = ReaderTestSupport.events(XMLReader(), bytes).records.compactMap { $0.value("工单编号")?.text }
        #expect(full.count == 10)
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            let events = ReaderTestSupport.events(XMLReader(), Array(bytes.prefix(cut)))
            let ids = events.records.compactMap { $0.value("工单编号")?.text }
            #expect(Array(full.prefix(ids.count)) == ids, "cut at \(cut)")
            // The XML error, plus a decoding one when the cut splits a character.
            #expect((1...2).contains(events.failures.count), "cut at \(cut): \(events.failures.map(\.message.en))")
            if events.failures.count == 2 { #expect(events.failures[0].message.en.contains("ends inside")) }
        }
    }

    @Test func anErrorRightAfterARecordKeepsThatRecord() throws {
        let bytes = try ReaderTestSupport.fixture("equivalence/replies.xml")
        let end = Array("</工单>".utf8)
        for cut in stride(from: 60, to: bytes.count - 20, by: 3) {
            let before = Array(bytes.prefix(cut))
            var complete = 0
            for i in 0..<max(0, before.count - end.count + 1) where Array(before[i..<(i + end.count)]) == end { complete += 1 }
            let events = ReaderTestSupport.events(XMLReader(), before + Array("</x>".utf8) + bytes.dropFirst(cut))
            #expect(events.records.count == complete, "error inserted at \(cut)")
            #expect(!events.failures.isEmpty)
        }
    }

    @Test func readersRunInParallel() async throws {
        let bytes = try ReaderTestSupport.fixture("equivalence/replies.xml")
        let hostile = try ReaderTestSupport.fixture("xml/external-entity.xml")
        let counts = await withTaskGroup(of: Int.self) { group in
            for i in 0..<16 {
                group.addTask { ReaderTestSupport.events(XMLReader(), i % 2 == 0 ? bytes : hostile).records.count }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(counts.sorted() == Array(repeating: 2, count: 8) + Array(repeating: 10, count: 8))
    }

    @Test func mutatedInputNeverCrashes() throws {
        for bytes in mutations(of: try ReaderTestSupport.fixture("equivalence/replies.xml"), count: 400) {
            let events = ReaderTestSupport.events(XMLReader(), bytes)
            #expect(events.records.count <= 20)
        }
    }

    @Test func hostileInputNeverCrashes() {
        #expect(!read("").failures.isEmpty || read("").records.isEmpty)
        #expect(!read(String(repeating: "<a>", count: 100_000)).failures.isEmpty)
        #expect(!read("\u{0}\u{1}binary<<<>>>").failures.isEmpty)
        #expect(read("<r/>").records.isEmpty)
        #expect(read("<r><rec/></r>").records.count == 1)
        let deep = "<r><rec><f>" + String(repeating: "<x>", count: 200) + String(repeating: "</x>", count: 200) + "</f></rec></r>"
        #expect(read(deep).records.count == 1)
    }

    @Test func textInSeveralNodesIsJoinedAndListNamesMapped() {
        let events = read("<orders><order><处理情况>前文<![CDATA[中段&]]>后文😀</处理情况><附件列表><附件 name=\"a.jpg\"/></附件列表>"
                          + "<附件列表x>y</附件列表x></order></orders>")
        #expect(events.failures.isEmpty)
        #expect(events.records.first?.value("处理情况")?.text == "前文中段&后文😀")
        #expect(events.records.first?.fields.map(\.name) == ["处理情况", "附件", "附件列表x"])
    }

    @Test func wordScanHelpersMatchByteChecks() {
        let samples: [[UInt8]] = [Array("abcdefgh".utf8), Array("经核实，".utf8.prefix(8)), Array("ab<cdefg".utf8),
                                  Array("&bcdefgh".utf8), Array("abcdefg\r".utf8), Array("abc\ndefg".utf8),
                                  [0x3B, 0x3D, 0x25, 0x27, 0x0B, 0x0C, 0x3C + 0x80, 0xA6], [0x80, 0xBF, 0xC0, 0xFF, 0x00, 0x7F, 0x26, 0x41],
                                  [0x3D, 0x3C, 0x3C, 0x0B, 0x0A, 0x27, 0x0D, 0x0E], [0x0B, 0x0A, 0x3C, 0x26, 0, 0, 0, 0]]
        for sample in samples {
            let word = sample.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
            let stops = sample.contains { [UInt8(ascii: "<"), UInt8(ascii: "&"), 0x0D, 0x0A].contains($0) }
            let first = sample.firstIndex { [UInt8(ascii: "<"), UInt8(ascii: "&"), 0x0D, 0x0A].contains($0) }
            let mask = XMLTagTracker.stopMask(word)
            #expect((mask != 0) == stops, "\(sample)")
            if let first { #expect(mask.trailingZeroBitCount >> 3 == first, "\(sample)") }
            #expect(XMLTagTracker.continuationCount(word) == sample.filter { $0 & 0xC0 == 0x80 }.count, "\(sample)")
        }
    }

    @Test func validRunEndAgreesWithSequenceLengthByteByByte() {
        // The four-byte fast path for three-byte sequences must stop where the sequence-by-
        // sequence check does: E0 and ED leads, bad continuations, cut-off ends, ASCII runs.
        let pieces: [[UInt8]] = [
            Array("经核实".utf8), Array("abcdefghij".utf8), [0xE0, 0xA0, 0x80], [0xE0, 0x80, 0x80],
            [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBD], [0xE4, 0xB8], [0xE4, 0x41, 0x80],
            [0xF0, 0x9F, 0x98, 0x80], [0xC3, 0xA9], [0x80], [0xFF], Array("\n<a>".utf8),
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...6, using: &generator) { bytes += pieces.randomElement(using: &generator)! }
            for start in 0...bytes.count {
                #expect(TextDecoder.validRunEnd(bytes, from: start) == byteByByteValidRunEnd(bytes, from: start), "\(bytes) from \(start)")
            }
        }
    }

    @Test func trackerKeepsNamesAcrossSlicesAndDiscards() {
        // Names are written straight into the shared name buffer while they are read; a
        // discard between two slices of one name must keep its first bytes.
        let bytes = Array("<根><记录><甲>1</甲><乙乙 a='1'/></记录><记录/><记录><丙丙丙>x</丙丙丙></记录></根>".utf8)
        let expected = ["根", "记录", "甲", "乙乙", "记录", "记录", "丙丙丙"]
        for slice in [1, 2, 5, bytes.count] {
            var tracker = XMLTagTracker()
            var checked = 0
            bytes.withUnsafeBufferPointer { all in
                var from = 0
                while from < all.count {
                    from += tracker.scan(UnsafeBufferPointer(rebasing: all[from..<min(all.count, from + slice)]))
                    while checked < tracker.count {
                        let name = expected[checked]
                        #expect(name.withCString { tracker.hasName(checked, cString: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self)) },
                                "slice \(slice) tag \(checked)")
                        checked += 1
                        tracker.discard(below: checked)
                    }
                }
            }
            #expect(checked == expected.count)
        }
    }

    @Test func trackerFindsEachTagsOwnAttributesAfterDiscards() {
        let bytes = Array("<r><a x=\"1\" y='a&amp;b'/><b z=\"2\"/><c/></r>".utf8)
        var tracker = Self.tracker(scanning: bytes)
        #expect(tracker.attribute(1, named: Array("x".utf8))?.plain == true)
        #expect(tracker.attribute(1, named: Array("y".utf8))?.plain == false)
        #expect(tracker.attribute(1, named: Array("z".utf8)) == nil)
        #expect(tracker.attribute(0, named: Array("x".utf8)) == nil)
        tracker.discard(below: 2)
        #expect(tracker.attribute(1, named: Array("x".utf8)) == nil)
        #expect(tracker.attribute(2, named: Array("z".utf8))?.valueStart == SourcePosition(line: 1, column: 32))
        #expect(tracker.attribute(3, named: Array("z".utf8)) == nil)
    }

    @Test func trackerReadsAttributeValuesInSlicesOfAnySize() {
        // Values with each byte that makes them not plain (tab, LF, CR, `<`, a reference), a
        // Chinese one, the other quote inside, and positions after a line feed in a value.
        let bytes = Array("<r><a v=\"名称.pdf\" t='a\tb' n=\"x\ny\" c='a\rb' l=\"a<b\" e='&amp;' q=\"it's\"/>\n<b w='末'>文</b></r>".utf8)
        for slice in 1...bytes.count {
            var tracker = XMLTagTracker()
            bytes.withUnsafeBufferPointer { all in
                var from = 0
                while from < all.count { from += tracker.scan(UnsafeBufferPointer(rebasing: all[from..<min(all.count, from + slice)])) }
            }
            func attribute(_ tag: Int, _ name: String) -> XMLTagTracker.Attribute? { tracker.attribute(tag, named: Array(name.utf8)) }
            #expect(attribute(1, "v")?.plain == true, "slice \(slice)")
            #expect(attribute(1, "v")?.valueStart == SourcePosition(line: 1, column: 10), "slice \(slice)")
            #expect(attribute(1, "q")?.plain == true, "slice \(slice)")
            for name in ["t", "n", "c", "l", "e"] { #expect(attribute(1, name)?.plain == false, "slice \(slice) \(name)") }
            #expect(attribute(1, "c")?.valueStart == SourcePosition(line: 2, column: 7), "slice \(slice)")
            #expect(tracker.isSelfClosing(1), "slice \(slice)")
            #expect(attribute(2, "w")?.valueStart == SourcePosition(line: 3, column: 7), "slice \(slice)")
            #expect(tracker.positions(2)?.start == SourcePosition(line: 3, column: 1), "slice \(slice)")
            #expect(tracker.positions(2)?.contentStart == SourcePosition(line: 3, column: 10), "slice \(slice)")
            #expect(tracker.end(2) == SourcePosition(line: 3, column: 15), "slice \(slice)")
        }
    }

    @Test func trackerFindsAttributesByPrefixAndLocalName() {
        let bytes = Array("<r><a x=\"1\" p:x='2' px='3' 名称=\"4\" p:名称='5' pp:x='6'/></r>".utf8)
        let tracker = Self.tracker(scanning: bytes)
        func column(_ prefix: String?, _ local: String) -> Int? {
            let localBytes = Array(local.utf8) + [0]
            return localBytes.withUnsafeBufferPointer { localName in
                guard let prefix else { return tracker.attribute(1, prefix: nil, localName: localName.baseAddress!)?.valueStart.column }
                let prefixBytes = Array(prefix.utf8) + [0]
                return prefixBytes.withUnsafeBufferPointer {
                    tracker.attribute(1, prefix: $0.baseAddress!, localName: localName.baseAddress!)?.valueStart.column
                }
            }
        }
        #expect(column(nil, "x") == 10)
        #expect(column("p", "x") == 18)
        #expect(column(nil, "px") == 25)
        #expect(column(nil, "名称") == 32)
        #expect(column("p", "名称") == 41)
        #expect(column("pp", "x") == 50)
        #expect(column("p", "y") == nil)
        #expect(column("q", "x") == nil)
        #expect(column(nil, "p") == nil)
        #expect(column(nil, "") == nil)
        let local = Array("x".utf8) + [0]
        #expect(local.withUnsafeBufferPointer { tracker.attribute(0, prefix: nil, localName: $0.baseAddress!) } == nil)
    }

    @Test func namesWithAKnownLengthMatchTheCStringChecks() {
        let bytes = Array("<r><工单编号/><ab/></r>".utf8)
        var tracker = XMLTagTracker()
        bytes.withUnsafeBufferPointer { _ = tracker.scan($0) }
        var cache = XMLNameCache()
        for name in ["工单编号", "ab", "a", "abc", "工单", ""] {
            let cString = Array(name.utf8) + [0]
            cString.withUnsafeBufferPointer { pointer in
                let base = pointer.baseAddress!, count = pointer.count - 1
                for tag in 0..<4 {
                    #expect(tracker.hasName(tag, cString: base, count: count) == tracker.hasName(tag, cString: base), "\(name) \(tag)")
                }
                #expect(cache.name(base, count: count) == name)
                #expect(cache.name(base) == name)
            }
        }
        let known = Array("工单编号".utf8) + [0]
        #expect(known.withUnsafeBufferPointer { tracker.hasName(1, cString: $0.baseAddress!, count: 12) })
    }

    @Test func trackerGivesTheSamePositionsWhateverTheSlices() throws {
        let bytes = try ReaderTestSupport.fixture("equivalence/replies.xml") + Array("<x a='1&amp;2'>经核实，客户已撤诉。\r\n&lt;ok&gt;</x>".utf8)
            + Array("<名称名称名称 a=\"1\">文</名称名称名称\n><名称名称名称名称/><名称名称名称名称a>b</名称名称名称名称a  >".utf8)
        func tags(slice: Int) -> [String] {
            var tracker = XMLTagTracker()
            bytes.withUnsafeBufferPointer { all in
                var from = 0
                while from < all.count {
                    from += tracker.scan(UnsafeBufferPointer(rebasing: all[from..<min(all.count, from + slice)]))
                }
            }
            let described = (0..<tracker.count).compactMap { tracker.tag($0) }.map {
                "\($0.start) \($0.contentStart) \($0.runBytes) \($0.runSpecial) \(String(describing: $0.end))"
            }
            return described + ["\(tracker.position) \(tracker.offset)"]
        }
        let whole = tags(slice: bytes.count)
        #expect(whole.count > 20)
        for slice in [1, 3, 7, 8, 9, 64] { #expect(tags(slice: slice) == whole, "slice \(slice)") }
    }
}
