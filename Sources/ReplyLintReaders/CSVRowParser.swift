import ReplyLintCore

// Hand-written rather than SwiftCSV or CSV.swift: those give no source positions for fields (let
// alone for characters inside a quoted field with doubled quotes and line breaks), they stop at
// the first malformed row instead of resynchronising, and they do not stream with positions.

/// Splits decoded CSV text into rows of fields (RFC 4180), keeping each field's position and its
/// body as written. Storage is reused from row to row, so parsing allocates little.
struct CSVRowParser {
    /// One field of the current row: a range of `storage` holding its body as written.
    struct Field {
        /// The body as written (for a quoted field: without the quotes, doubled quotes kept).
        var range: Range<Int>
        /// Position of the first body character.
        var start: SourcePosition
        /// True when the field was quoted.
        var quoted: Bool
        /// True when the body holds a doubled quote.
        var doubled: Bool
    }

    /// How reading a row ended.
    enum Outcome {
        /// A complete row is in `fields`.
        case row
        /// No more input.
        case end
        /// The row is malformed at `position`; the parser has moved on as `resync` says.
        case malformed(position: SourcePosition, message: LocalizedText, resync: Bool)
    }

    let cursor: TextCursor
    let delimiter: UInt8
    /// A field longer than this many bytes is treated as a runaway quote (memory stays bounded).
    let maxFieldBytes: Int
    private(set) var storage: [UInt8] = []
    private(set) var fields: [Field] = []
    /// Position where the current row starts.
    private(set) var rowStart = SourcePosition.start
    /// Texts of fields read lately (see `TextInterner`).
    private let texts = TextInterner()

    init(cursor: TextCursor, delimiter: UInt8, maxFieldBytes: Int = 1 << 20) {
        self.cursor = cursor
        self.delimiter = delimiter
        self.maxFieldBytes = maxFieldBytes
        storage.reserveCapacity(64 * 1024)
    }

    private static let quote = UInt8(ascii: "\"")
    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D

    /// True when the current row is a blank line (one empty, unquoted field).
    var isBlankRow: Bool {
        fields.count == 1 && !fields[0].quoted && fields[0].range.isEmpty
    }

    /// The decoded text of a field (doubled quotes collapsed).
    func text(of field: Field) -> String {
        storage.withUnsafeBufferPointer { all in
            let body = UnsafeBufferPointer(rebasing: all[field.range])
            guard field.doubled else { return string(body) }
            var collapsed: [UInt8] = []
            collapsed.reserveCapacity(body.count)
            var i = 0
            while i < body.count {
                collapsed.append(body[i])
                if body[i] == Self.quote, i + 1 < body.count, body[i + 1] == Self.quote { i += 2 } else { i += 1 }
            }
            return collapsed.withUnsafeBufferPointer(string)
        }
    }

    /// A field body as a `String`. A field lies between ASCII bytes (delimiters, quotes, line
    /// breaks), so when the decoder checked its output the body is whole, well-formed scalars
    /// and needs no check again: `String(decoding:as:)` validated and repaired every byte in the
    /// standard library's general loop (79 M of the 899 M instructions for 10k CSV records).
    private func string(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if cursor.yieldsCheckedUTF8 {
            // A text met before needs no new string.
            if bytes.count >= TextInterner.minimumCount, bytes.count <= TextInterner.maximumCount {
                return texts.text(of: bytes) { UTF8Text.string(trusting: bytes, isASCII: UTF8Text.isASCII(bytes)) }
            }
            return UTF8Text.string(trusting: bytes, isASCII: UTF8Text.isASCII(bytes))
        }
        return UTF8Text.string(validating: bytes) ?? String(decoding: bytes, as: UTF8.self)
    }

    /// The body of a field as written.
    func raw(of field: Field) -> String {
        String(decoding: storage[field.range], as: UTF8.self)
    }

    /// Reads the next row. With `singleLine`, a quoted field may not cross a line break: the row
    /// is then malformed (used while resynchronising, where only complete one-line rows count).
    mutating func readRow(singleLine: Bool = false) -> Outcome {
        storage.removeAll(keepingCapacity: true)
        fields.removeAll(keepingCapacity: true)
        guard cursor.peek() != nil else { return .end }
        rowStart = cursor.position
        while true {
            let fieldStart = cursor.position
            if cursor.peek() == Self.quote {
                cursor.next()
                if let failure = readQuoted(singleLine: singleLine, quotePosition: fieldStart) { return failure }
                // After the closing quote: a delimiter, the end of the line, or the end of input.
                switch cursor.peek() {
                case delimiter?:
                    cursor.next()
                    continue
                case Self.lineFeed?, nil:
                    cursor.next()
                    return .row
                case Self.carriageReturn?:
                    cursor.next()
                    if cursor.peek() == Self.lineFeed { cursor.next(); return .row }
                    fallthrough
                default:
                    let at = cursor.position
                    skipLine()
                    return .malformed(position: at, message: LocalizedText(
                        zh: "引号字段结束后应为分隔符或行尾（字段中的引号应写成两个 \"\"）",
                        en: "expected a delimiter or the end of the line after a closing quote (write a quote inside a field as \"\")"),
                        resync: false)
                }
            }
            let bodyStart = storage.count
            while true {
                // Whole runs of plain field bytes at once; the byte-by-byte path below handles
                // the stops (and whatever the cursor cannot hand over as a run).
                let room = maxFieldBytes + 1 - (storage.count - bodyStart)
                if cursor.consumeRun(stoppingAt: delimiter, Self.lineFeed, Self.carriageReturn, limit: room,
                                     appendingTo: &storage) > 0, storage.count - bodyStart > maxFieldBytes {
                    skipLine()
                    return .malformed(position: fieldStart, message: LocalizedText(
                        zh: "字段超过 \(maxFieldBytes) 字节", en: "a field longer than \(maxFieldBytes) bytes"), resync: false)
                }
                guard let byte = cursor.peek() else { break }
                if byte == delimiter || byte == Self.lineFeed { break }
                if byte == Self.carriageReturn {
                    cursor.next()
                    if cursor.peek() == Self.lineFeed { break }
                    storage.append(byte)
                    continue
                }
                storage.append(byte)
                cursor.next()
                if storage.count - bodyStart > maxFieldBytes {
                    skipLine()
                    return .malformed(position: fieldStart, message: LocalizedText(
                        zh: "字段超过 \(maxFieldBytes) 字节", en: "a field longer than \(maxFieldBytes) bytes"), resync: false)
                }
            }
            fields.append(Field(range: bodyStart..<storage.count, start: fieldStart, quoted: false, doubled: false))
            switch cursor.next() {
            case delimiter?: continue
            default: return .row  // line feed or end of input
            }
        }
    }

    /// Reads a quoted body up to its closing quote; on failure, pushes back what follows the
    /// opening line so that resynchronisation can look at those lines again.
    private mutating func readQuoted(singleLine: Bool, quotePosition: SourcePosition) -> Outcome? {
        let bodyStart = storage.count
        let start = cursor.position
        var doubled = false
        var firstBreak: (index: Int, position: SourcePosition)?
        while true {
            // Runs stop at a quote or a line feed, which need the checks below; the limit keeps
            // the runaway-quote cut at exactly the same byte as byte-by-byte reading.
            let room = maxFieldBytes + 1 - (storage.count - bodyStart)
            if cursor.consumeRun(stoppingAt: Self.quote, Self.lineFeed, Self.lineFeed, limit: room,
                                 appendingTo: &storage) > 0, storage.count - bodyStart > maxFieldBytes {
                return unterminated(quotePosition, bodyStart: bodyStart, firstBreak: firstBreak)
            }
            guard let byte = cursor.next() else {
                return unterminated(quotePosition, bodyStart: bodyStart, firstBreak: firstBreak)
            }
            if byte == Self.quote {
                if cursor.peek() == Self.quote {
                    cursor.next()
                    storage.append(byte)
                    storage.append(byte)
                    doubled = true
                    continue
                }
                fields.append(Field(range: bodyStart..<storage.count, start: start, quoted: true, doubled: doubled))
                return nil
            }
            storage.append(byte)
            if byte == Self.lineFeed {
                if singleLine {
                    return .malformed(position: quotePosition, message: Self.unterminatedMessage, resync: true)
                }
                if firstBreak == nil { firstBreak = (storage.count, cursor.position) }
            }
            if storage.count - bodyStart > maxFieldBytes {
                return unterminated(quotePosition, bodyStart: bodyStart, firstBreak: firstBreak)
            }
        }
    }

    private static let unterminatedMessage = LocalizedText(
        zh: "引号没有闭合（此行起的内容无法分成字段）", en: "unterminated quoted field (the row from here cannot be split into fields)")

    private mutating func unterminated(_ quotePosition: SourcePosition, bodyStart: Int,
                                       firstBreak: (index: Int, position: SourcePosition)?) -> Outcome {
        if let firstBreak {
            cursor.pushBack(storage[firstBreak.index...], at: firstBreak.position)
        }
        return .malformed(position: quotePosition, message: Self.unterminatedMessage, resync: true)
    }

    /// Skips to just after the next line feed.
    private func skipLine() {
        while let byte = cursor.next(), byte != Self.lineFeed {}
    }
}
