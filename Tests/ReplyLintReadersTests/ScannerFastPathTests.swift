import Foundation
import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// The bulk string path of `ByteSource`/`JSONScanner` must give exactly what byte-at-a-time
/// reading gave: same text, same positions, same failures, whatever the chunk size.
@Suite struct ScannerFastPathTests {
    static let text = """
    {"id": "F1", "handling": "经核实，客户已撤诉。\\u5ba2\\u6237\\"引号\\"😀尾", "n": 12, "attachments": [{"name": "照片.zip", "size": "8MB"}]}
    {"id": "F2", "handling": "第二行，全角　空格 and ASCII", "type": "咨询"}
    {"id": "F3", "handling": "未闭合
    {"id": "F4", "handling": "最后一行"}

    """

    func events(chunkSize: Int) throws -> [ReaderEvent] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-chunks-\(getpid())-\(chunkSize).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(Self.text.utf8).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        #expect(descriptor >= 0)
        defer { close(descriptor) }
        var events: [ReaderEvent] = []
        JSONLinesReader().read(from: ByteSource(fileDescriptor: descriptor, chunkSize: chunkSize)) { events.append($0) }
        return events
    }

    func describe(_ events: [ReaderEvent]) -> [String] {
        events.map { event in
            switch event {
            case .record(let record):
                return record.fields.map { "\($0.name)=\($0.value.text)@\($0.value.source.start.line):\($0.value.source.start.column) raw=\($0.value.source.raw ?? "-") span=\($0.value.span())" }
                    .joined(separator: "|")
            case .failure(let failure):
                return "failure@\(failure.position.line):\(failure.position.column) \(failure.message.en)"
            }
        }
    }

    @Test func everyChunkSizeReadsTheSame() throws {
        let reference = describe(try events(chunkSize: 1 << 20))
        #expect(reference.count == 4)
        #expect(reference[0].contains("handling=经核实，客户已撤诉。客户\"引号\"😀尾@1:27"))
        #expect(reference[1].contains("raw=-"))  // no escape: no raw copy
        for size in [16, 17, 31, 64, 100] {
            #expect(describe(try events(chunkSize: size)) == reference, "chunk size \(size)")
        }
    }

    @Test func utf8Validation() {
        func check(_ bytes: [UInt8]) -> UTF8Text.Check { bytes.withUnsafeBufferPointer(UTF8Text.check) }
        #expect(check(Array("客户 abc 😀".utf8)) == .unicode)
        #expect(check(Array("ab".utf8)) == .ascii)
        #expect(check([]) == .ascii)
        #expect(check(Array("0123456789abcdef客".utf8)) == .unicode)  // after a run of words
        #expect(check(Array("\u{80}\u{7FF}\u{800}\u{D7FF}\u{E000}\u{FFFF}\u{10000}\u{10FFFF}".utf8)) == .unicode)
        #expect(check([0xC0, 0x80]) == .invalid)              // overlong
        #expect(check([0xE0, 0x80, 0x80]) == .invalid)        // overlong
        #expect(check([0xED, 0xA0, 0x80]) == .invalid)        // surrogate
        #expect(check([0xF4, 0x90, 0x80, 0x80]) == .invalid)  // above U+10FFFF
        #expect(check([0xE5, 0xAE]) == .invalid)              // truncated
        #expect(check([0xE5, 0xAE, 0x41]) == .invalid)        // bad last continuation byte
        #expect(check([0xE5, 0x41, 0xAE]) == .invalid)        // bad first continuation byte
        #expect(check([0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0xE5, 0xAE]) == .invalid)
        #expect(check([0x80]) == .invalid)                    // stray continuation
        #expect(check([0xFF]) == .invalid)
        // Every 1–3-byte sequence agrees with the standard library's own validation.
        for a in 0x80...0xFF {
            for b in [0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xFF] {
                for c in [0x41, 0x80, 0xBF, 0xC0] {
                    let bytes: [UInt8] = [UInt8(a), UInt8(b), UInt8(c)]
                    let valid = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes  // nothing repaired
                    #expect((check(bytes) != .invalid) == valid, "\(bytes)")
                    // Inside a run of CJK (the word-at-a-time loop) and at its end.
                    let cjk: [UInt8] = [0xE4, 0xB8, 0xAD]
                    #expect((check(cjk + bytes + [0x41]) != .invalid) == valid, "\(bytes)")
                    #expect((check(cjk + cjk + bytes) != .invalid) == valid, "\(bytes)")
                    // In the two-at-a-time loop: as the first or second of a pair, with eight
                    // bytes or more left.
                    #expect((check(cjk + cjk + cjk + bytes + cjk + [0x41, 0x41]) != .invalid) == valid, "\(bytes)")
                    #expect((check(cjk + cjk + bytes + cjk + cjk + [0x41]) != .invalid) == valid, "\(bytes)")
                }
            }
        }
        func ascii(_ bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer(UTF8Text.isASCII) }
        #expect(ascii([]) && ascii(Array("2024-01-01 12:28".utf8)) && ascii(Array("abc".utf8)))
        #expect(!ascii(Array("2024-01-01 12:2客".utf8)) && !ascii(Array("客2024-01-01".utf8)) && !ascii([0x41, 0x80]))
        let made = Array("国网湖州供电公司 2024-01-01 12:28".utf8).withUnsafeBufferPointer(UTF8Text.string(validating:))
        #expect(made == "国网湖州供电公司 2024-01-01 12:28")
        #expect([UInt8]([0xE5, 0xAE]).withUnsafeBufferPointer(UTF8Text.string(validating:)) == nil)
        let line = [UInt8](#"{"handling": "ab"#.utf8) + [0xFF] + [UInt8](#""}"#.utf8)
        var events: [ReaderEvent] = []
        JSONLinesReader().read(from: ByteSource(bytes: line)) { events.append($0) }
        guard case .failure(let failure) = events.first else { Issue.record("expected a failure"); return }
        #expect(failure.message.en.contains("UTF-8"))
    }

    @Test func recordCountsOfWholeLines() {
        func count(_ text: String) -> (Int, Int) {
            let result = Array(text.utf8).withUnsafeBufferPointer(JSONLinesReader.countRecords)
            return (result.records, result.lineFeeds)
        }
        #expect(count("") == (0, 0))
        #expect(count("{}\n") == (1, 1))
        #expect(count("{}\n\n  \t\r\n x\n{}") == (3, 4))
        #expect(count("\n\n") == (0, 2))
        #expect(count("   ") == (0, 0))
        #expect(count(" \u{3000}\n") == (1, 1))  // U+3000 is not JSON white space: a (bad) record
    }

    @Test func longRunsCountColumnsInCodePoints() {
        // Runs longer than one 31-word block, with the stop at every offset within a word, and
        // multi-byte scalars split across words: the next value's column counts code points.
        for length in [0, 1, 7, 8, 9, 247, 248, 249, 250, 500, 1001] {
            let body = String((0..<length).map { ["客", "a", "😀", "é", "户"][$0 % 5] })
            let line = #"{"handling": ""# + body + #"", "id": "x"}"# + "\n"
            var fields: [RawField] = []
            JSONLinesReader().read(from: ByteSource(bytes: Array(line.utf8))) { event in
                if case .record(let record) = event { fields = record.fields }
            }
            #expect(fields.count == 2, "length \(length)")
            guard fields.count == 2 else { continue }
            #expect(fields[0].value.text == body)
            #expect(fields[0].value.source.start == SourcePosition(line: 1, column: 15))
            #expect(fields[1].value.source.start == SourcePosition(line: 1, column: 15 + length + 10), "length \(length)")
        }
    }

    @Test func repeatedNamesAreReusedOnlyWhenTheBytesMatch() {
        let text = #"{"id": "1", "type": "咨询"}"# + "\n" + #"{"id": "2", "typo": "咨询", "extra": "e"}"# + "\n"
            + #"{"i\u0064": "3", "type": "x"}"# + "\n"
        var names: [[String]] = []
        JSONLinesReader().read(from: ByteSource(bytes: Array(text.utf8))) { event in
            if case .record(let record) = event { names.append(record.fields.map(\.name)) }
        }
        #expect(names == [["id", "type"], ["id", "typo", "extra"], ["id", "type"]])
    }

    @Test func numbersReadInPlaceOrByteByByteAlike() {
        func length(_ text: String) -> Int { Array(text.utf8).withUnsafeBufferPointer(JSONScanner.numberLength) }
        #expect(length("12,") == 2 && length("-0.5}") == 4 && length("1e9 ") == 3 && length("2.5E-3]") == 6)
        #expect(length("007,") == 3)      // as the byte-by-byte path reads it
        #expect(length("12") == 0)        // may go on past the buffer
        #expect(length("1.,") == 0 && length("-,") == 0 && length("1e,") == 0 && length("1e+") == 0 && length("1.") == 0)
        let line = #"{"a": 12, "b": -0.5, "c": 1e9, "d": 2.5E-3, "e": [7, 8], "f": 1234567}"# + "\n"
        let bad = #"{"a": 1.}"# + "\n" + #"{"a": -}"# + "\n" + #"{"a": 1e}"# + "\n" + #"{"a": 12"# + "\n"
        func describe(_ bytes: [UInt8], chunkSize: Int?) -> [String] {
            var out: [String] = []
            let source: ByteSource
            if let chunkSize {
                var fds: [Int32] = [0, 0]
                _ = pipe(&fds)
                bytes.withUnsafeBufferPointer { _ = write(fds[1], $0.baseAddress, $0.count) }
                close(fds[1])
                source = ByteSource(fileDescriptor: fds[0], chunkSize: chunkSize)
            } else {
                source = ByteSource(bytes: bytes)
            }
            JSONLinesReader().read(from: source) { event in
                switch event {
                case .record(let record):
                    out.append(record.fields.map { "\($0.name)=\($0.value.text)@\($0.value.source.start.column)" }.joined(separator: " "))
                case .failure(let failure):
                    out.append("failure@\(failure.position.line):\(failure.position.column) \(failure.message.en)")
                }
            }
            return out
        }
        let bytes = Array((line + bad).utf8)
        let reference = describe(bytes, chunkSize: nil)
        #expect(reference.first == "a=12@7 b=-0.5@16 c=1e9@27 d=2.5E-3@37 e=@50 f=1234567@63")
        #expect(reference.count == 5)
        for size in [16, 17, 19, 23, 29, 64] {
            #expect(describe(bytes, chunkSize: size) == reference, "chunk size \(size)")
        }
    }
}
