import Foundation
import ReplyLintCore
import ReplyLintReaders

/// Helpers shared by the CSV, XML and equivalence tests (named CSV… to sit with the CSV tests).
enum ReaderTestSupport {
    /// The repository's `Fixtures` folder.
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// The bytes of `Fixtures/<path>`.
    static func fixture(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: fixtures.appendingPathComponent(path)))
    }

    /// Every event `reader` yields for `bytes`.
    static func events(_ reader: any RecordReader, _ bytes: [UInt8]) -> [ReaderEvent] {
        var events: [ReaderEvent] = []
        reader.read(from: ByteSource(bytes: bytes)) { events.append($0) }
        return events
    }

    /// Every event `reader` yields for a file, read through a file descriptor in small chunks.
    static func events(_ reader: any RecordReader, file: URL, chunkSize: Int = 256 * 1024) -> [ReaderEvent] {
        let descriptor = open(file.path, O_RDONLY)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var events: [ReaderEvent] = []
        reader.read(from: ByteSource(fileDescriptor: descriptor, chunkSize: chunkSize)) { events.append($0) }
        return events
    }
}

extension Array where Element == ReaderEvent {
    /// The records, in order.
    var records: [RawRecord] { compactMap { if case .record(let r) = $0 { return r } else { return nil } } }
    /// The failures, in order.
    var failures: [ParseFailure] { compactMap { if case .failure(let f) = $0 { return f } else { return nil } } }
}

extension RawRecord {
    /// The first field called `name`.
    func value(_ name: String) -> FieldValue? { fields.first { $0.name == name }?.value }
}

/// Shorthand for a position.
func at(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

/// `text` encoded with iconv (test data in encodings Foundation on Linux lacks, e.g. GB18030).
func encode(_ text: String, as encoding: String) -> [UInt8] {
    guard let cd = iconv_open(encoding, "UTF-8"), cd != iconv_t(bitPattern: -1) else { return [] }
    defer { iconv_close(cd) }
    var input = Array(text.utf8)
    var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
    var inLeft = input.count
    var outLeft = output.count
    input.withUnsafeMutableBufferPointer { inBuffer in
        output.withUnsafeMutableBufferPointer { outBuffer in
            var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(inBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(outBuffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            _ = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
        }
    }
    return Array(output.prefix(output.count - outLeft))
}

/// Deterministic mutations of `bytes` (flipped, dropped and duplicated bytes) for fuzz-style tests.
func mutations(of bytes: [UInt8], count: Int, seed: UInt64 = 0x5EED) -> [[UInt8]] {
    var state = seed
    func next() -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int(truncatingIfNeeded: state >> 33)
    }
    var result: [[UInt8]] = []
    for _ in 0..<count {
        var copy = bytes
        for _ in 0..<(1 + next() % 4) where !copy.isEmpty {
            let at = next() % copy.count
            switch next() % 3 {
            case 0: copy[at] = UInt8(truncatingIfNeeded: next())
            case 1: copy.remove(at: at)
            default: copy.insert(contentsOf: copy[at..<min(copy.count, at + 1 + next() % 16)], at: at)
            }
        }
        result.append(copy)
    }
    return result
}
