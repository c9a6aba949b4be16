#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

/// The start of a UTF-8 CSV or TSV export as splitting it into chunks of whole rows needs it:
/// the header's names, which every chunk is read with, and where rows end.
///
/// Rows end at a line feed outside a quoted field, and a quote opens a quoted field only at a
/// field's start, as `CSVRowParser` reads them. Where a row is malformed the parser may read on
/// differently (it skips to the next line feed after a stray closing quote); its chunk then has
/// a failure and is abandoned, so a cut after it is never used.
public struct CSVChunkLayout: RecordChunking {
    /// Bytes of the UTF-8 byte-order mark (0 or 3).
    public let headStart: Int
    /// Bytes of the blank lines and the header row.
    public let headLength: Int
    /// The header's names.
    public let header: [String]
    /// The field separator.
    public let delimiter: UInt8
    /// True when the decoder is sure to read the file as UTF-8 (a byte-order mark or `--encoding utf-8`).
    public let knownUTF8: Bool
    /// The row parser never looks past a row's line feed (decoding faults are noted as their
    /// bytes are consumed), so a row's events depend on nothing after it.
    public var readsAhead: Bool { false }
    /// Chunks are rows as they are.
    public var prefix: [UInt8] { [] }
    /// Chunks are rows as they are.
    public var suffix: [UInt8] { [] }

    /// The layout of the file that starts with `bytes`, or `nil` when it cannot be split (not
    /// UTF-8, a header row that does not read cleanly, or none ending within `bytes`).
    public init?(_ bytes: [UInt8], delimiter: UInt8, forced: TextEncoding?) {
        guard let (start, known) = RecordChunks.utf8Start(bytes, forced: forced, xmlProlog: false) else { return nil }
        self.delimiter = delimiter
        var rowStart = start
        var headerEnd: Int?
        while headerEnd == nil {
            guard let end = Self.rowEnd(bytes, rowStart: rowStart, target: rowStart, delimiter: delimiter) else { return nil }
            let row = bytes[rowStart..<end - 1]
            if row.isEmpty || row.elementsEqual([0x0D]) { rowStart = end } else { headerEnd = end }
        }
        guard let headerEnd else { return nil }
        // The header as the reader reads it: one clean row, then nothing.
        let cursor = TextCursor(decoder: TextDecoder(source: ByteSource(bytes: Array(bytes[start..<headerEnd])), forced: .utf8))
        var parser = CSVRowParser(cursor: cursor, delimiter: delimiter)
        var names: [String]?
        while names == nil, case .row = parser.readRow() {
            if !parser.isBlankRow { names = parser.fields.map { parser.text(of: $0) } }
        }
        guard let names, case .end = parser.readRow(), !cursor.hasFailures else { return nil }
        header = names
        headStart = start
        headLength = headerEnd - start
        knownUTF8 = known
    }

    /// The index just after the first row end at or after `target`.
    public func cut(_ bytes: [UInt8], bodyStart: Int, target: Int) -> Int? {
        Self.rowEnd(bytes, rowStart: bodyStart, target: target, delimiter: delimiter)
    }

    /// The index just after the first line feed at or after `target` that ends a row, reading
    /// rows from `rowStart`; `nil` when `bytes` holds none (or cannot tell whether a quote at
    /// its end is doubled). Quotes are found with `memchr` and line feeds only looked for past
    /// `target`, so the bytes in between are not looked at one by one.
    static func rowEnd(_ bytes: [UInt8], rowStart: Int, target: Int, delimiter: UInt8) -> Int? {
        bytes.withUnsafeBufferPointer { all -> Int? in
            guard let base = all.baseAddress else { return nil }
            let count = all.count
            func find(_ byte: UInt8, from: Int, to: Int) -> Int? {
                guard from < to, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
                return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
            }
            let quote = UInt8(ascii: "\"")
            var i = rowStart
            var quoted = false
            while i <= count {
                if quoted {
                    guard let close = find(quote, from: i, to: count), close + 1 < count else { return nil }
                    if all[close + 1] == quote { i = close + 2 } else { quoted = false; i = close + 1 }
                    continue
                }
                let next = find(quote, from: i, to: count) ?? count
                let from = max(i, target)
                if from < next, let feed = find(0x0A, from: from, to: next) { return feed + 1 }
                guard next < count else { return nil }
                let before = next == rowStart ? 0x0A : all[next - 1]
                quoted = before == delimiter || before == 0x0A
                i = next + 1
            }
            return nil
        }
    }

    /// Reads the rows with the header's names (positions need no help: the cursor starts at `start`).
    public func parse(_ document: [UInt8], bodyOffset: Int, start: SourcePosition, _ handler: (ReaderEvent) -> Void) -> Bool {
        // Each chunk reads with its own copy of the names: every record's fields hold them, and
        // names shared by the chunks of both worker threads (most Chinese names are longer than
        // a string's 15 inline bytes) had their reference counts bounce between the cores.
        let names = header.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        CSVReader(delimiter: delimiter, encoding: .utf8).readChunk(document, start: start, header: names, handler)
        return true
    }
}
