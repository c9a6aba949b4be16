#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

/// The start of a UTF-8 XML export as splitting it into chunks of whole records needs it: the
/// head (prolog and the root's start tag) that every chunk is parsed behind, the root's end tag
/// that closes a chunk, and the first record's end tag, after which chunks are cut.
///
/// Only plain exports qualify (`init` fails otherwise, and the file is read in one piece): no
/// byte-order mark but UTF-8's, no declared encoding but UTF-8, no DOCTYPE (so no entity
/// declarations or defaults that a chunk would lack), a root with content. A cut that is not
/// between two records can only make some chunk malformed (the chunk's prefix up to the cut
/// then is not balanced content), which the chunk's parse reports; the caller then reads the
/// file again in one piece, so a wrong guess costs time, never a different report.
public struct XMLChunkLayout: RecordChunking {
    /// Bytes of the UTF-8 byte-order mark before `head` (0 or 3); the decoder drops them.
    public let headStart: Int
    /// The prolog and the root's start tag, as in the file.
    public let head: [UInt8]
    /// The root's end tag.
    public let close: [UInt8]
    /// The end tag of the first record, after which chunks are cut.
    public let recordEnd: [UInt8]
    /// True when the decoder is sure to read the file as UTF-8 (a byte-order mark, a declaration
    /// or `--encoding utf-8`).
    public let knownUTF8: Bool
    /// libxml2 parses ahead of the record the reader returns.
    public var readsAhead: Bool { true }
    /// The bytes of `head`.
    public var headLength: Int { head.count }
    /// Each chunk is parsed behind the file's head.
    public var prefix: [UInt8] { head }
    /// Each chunk but the last is closed by the root's end tag.
    public var suffix: [UInt8] { close }

    /// The layout of the file that starts with `bytes`, or `nil` when it is not a plain export
    /// (or its head and first record's start are not within `bytes`).
    public init?(_ bytes: [UInt8], forced: TextEncoding?) {
        guard let (i, known) = RecordChunks.utf8Start(bytes, forced: forced, xmlProlog: true) else { return nil }
        headStart = i
        knownUTF8 = known
        guard let rootStart = Self.skipMisc(bytes, from: i), let root = Self.startTag(bytes, at: rootStart),
              !root.empty, let recordStart = Self.skipMisc(bytes, from: root.end),
              let record = Self.startTag(bytes, at: recordStart) else { return nil }
        head = Array(bytes[i..<root.end])
        close = Array("</".utf8) + root.name + [UInt8(ascii: ">")]
        recordEnd = Array("</".utf8) + record.name + [UInt8(ascii: ">")]
    }

    /// Where `bytes` from `i` on leave white space, comments and processing instructions behind
    /// at a `<` that may start an element; `nil` at anything else (a DOCTYPE, text, the end).
    static func skipMisc(_ bytes: [UInt8], from start: Int) -> Int? {
        var i = start
        while i < bytes.count {
            let byte = bytes[i]
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { i += 1; continue }
            guard byte == UInt8(ascii: "<"), i + 1 < bytes.count else { return nil }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "?") {
                guard let end = find(Array("?>".utf8), in: bytes, from: i + 2) else { return nil }
                i = end
            } else if next == UInt8(ascii: "!") {
                guard bytes[i...].starts(with: Array("<!--".utf8)),
                      let end = find(Array("-->".utf8), in: bytes, from: i + 4) else { return nil }
                i = end
            } else if next == UInt8(ascii: "/") {
                return nil
            } else {
                return i
            }
        }
        return nil
    }

    /// The start tag at `i`: its name, the index after its `>`, and whether it is empty (`/>`).
    private static func startTag(_ bytes: [UInt8], at start: Int) -> (name: [UInt8], end: Int, empty: Bool)? {
        var i = start + 1
        while i < bytes.count, !isNameEnd(bytes[i]) { i += 1 }
        let name = Array(bytes[(start + 1)..<i])
        guard !name.isEmpty else { return nil }
        var quote: UInt8 = 0
        while i < bytes.count {
            let byte = bytes[i]
            if quote != 0 {
                if byte == quote { quote = 0 }
            } else if byte == 0x22 || byte == 0x27 {
                quote = byte
            } else if byte == UInt8(ascii: ">") {
                return (name, i + 1, bytes[i - 1] == UInt8(ascii: "/"))
            } else if byte == UInt8(ascii: "<") {
                return nil
            }
            i += 1
        }
        return nil
    }

    private static func isNameEnd(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "/")
    }

    /// The index just after the first `needle` in `bytes` from `start`, if any: `memchr` for its
    /// first byte, then a compare (glibc's `memmem` is not visible to Swift).
    static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard start >= 0, start < bytes.count, let first = needle.first else { return nil }
        return bytes.withUnsafeBufferPointer { all in
            needle.withUnsafeBufferPointer { pattern in
                let base = all.baseAddress!
                var from = start
                while all.count - from >= pattern.count {
                    guard let hit = memchr(base + from, Int32(first), all.count - from - pattern.count + 1) else { return nil }
                    let at = UnsafeRawPointer(hit) - UnsafeRawPointer(base)
                    if memcmp(base + at, pattern.baseAddress!, pattern.count) == 0 { return at + pattern.count }
                    from = at + 1
                }
                return nil
            }
        }
    }

    /// The index just after the first record end that ends at or after `target`.
    public func cut(_ bytes: [UInt8], bodyStart: Int, target: Int) -> Int? {
        Self.find(recordEnd, in: bytes, from: max(bodyStart, target - recordEnd.count))
    }

    /// Parses the chunk with libxml2 as `XMLReader.readChunk` does.
    public func parse(_ document: [UInt8], bodyOffset: Int, start: SourcePosition, _ handler: (ReaderEvent) -> Void) -> Bool {
        XMLReader().readChunk(document, bodyOffset: bodyOffset, bodyStart: start, firstIndex: 0, handler)
    }
}
