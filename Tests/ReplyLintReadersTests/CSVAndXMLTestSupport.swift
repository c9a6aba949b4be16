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
