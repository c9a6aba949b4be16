import ReplyLintCore

/// Reads a CSV or TSV export (RFC 4180): a header row of field names, then one record per row.
/// Quoted fields may hold delimiters, doubled quotes and line breaks; CRLF and LF both end rows;
/// the encoding is detected (byte-order mark, then valid UTF-8, else GB18030) or forced.
///
/// Malformed rows are parse errors and reading goes on:
/// - a row with more non-empty columns than the header: the error points at the first extra
///   column and the next row is read as usual;
/// - an unterminated quote: the error points at the opening quote, and reading resumes at the
///   first later line that, read on its own, is a complete row reaching the header's last named
///   column (quotes closed on that line). Lines in between belong to the broken row.
public struct CSVReader: RecordReader, Sendable {
    /// The field separator: `,` for CSV, tab for TSV.
    public var delimiter: UInt8
    /// The encoding to use, or `nil` to detect it.
    public var encoding: TextEncoding?

    /// Creates a reader; `delimiter` is `,` (CSV) or `\t` (TSV).
    public init(delimiter: UInt8 = UInt8(ascii: ","), encoding: TextEncoding? = nil) {
        self.delimiter = delimiter
        self.encoding = encoding
    }

    /// A reader for `path`: tab-separated for `.tsv`, comma-separated otherwise.
    public init(path: String, encoding: TextEncoding? = nil) {
        self.init(delimiter: path.lowercased().hasSuffix(".tsv") ? 0x09 : UInt8(ascii: ","), encoding: encoding)
    }

    public func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        let cursor = TextCursor(decoder: TextDecoder(source: source, forced: encoding))
        var parser = CSVRowParser(cursor: cursor, delimiter: delimiter)
        func flushDecodingFailures(record: Int?) {
            for var failure in cursor.takeFailures() {
                failure.recordIndex = record
                handler(.failure(failure))
            }
        }

        // The header: the first non-blank row.
        var header: [String] = []
        while header.isEmpty {
            switch parser.readRow() {
            case .end:
                flushDecodingFailures(record: nil)
                return
            case .malformed(let position, let message, _):
                flushDecodingFailures(record: nil)
                handler(.failure(ParseFailure(position: position, message: LocalizedText(
                    zh: "表头行无法读取：" + message.zh, en: "cannot read the header row: " + message.en))))
                return
            case .row:
                if parser.isBlankRow { continue }
                header = parser.fields.map { parser.text(of: $0) }
            }
        }
        flushDecodingFailures(record: nil)
        readRows(&parser, header: header, handler)
    }

    /// Reads the rows after the header, numbered from 0.
    func readRows(_ parser: inout CSVRowParser, header: [String], _ handler: (ReaderEvent) -> Void) {
        let cursor = parser.cursor
        func flushDecodingFailures(record: Int?) {
            for var failure in cursor.takeFailures() {
                failure.recordIndex = record
                handler(.failure(failure))
            }
        }
        // A row that resumes reading after a broken quote must reach the last named column
        // (Excel often writes header columns with no name and rows without trailing commas).
        let namedColumns = (header.lastIndex { !$0.isEmpty } ?? 0) + 1

        var index = 0
        var resynchronising = false
        // Empty storage for the next record's fields.
        var spareFields: [RawField] = []
        while true {
            let outcome = parser.readRow(singleLine: resynchronising)
            flushDecodingFailures(record: index)
            switch outcome {
            case .end:
                return
            case .malformed(let position, let message, let resync):
                if resynchronising { continue }  // still inside the broken row
                handler(.failure(ParseFailure(position: position, message: message, recordIndex: index)))
                index += 1
                resynchronising = resync
            case .row:
                if parser.isBlankRow { continue }
                if let extra = extraColumn(parser, columns: header.count) {
                    if resynchronising { continue }
                    handler(.failure(ParseFailure(position: extra, message: LocalizedText(
                        zh: "此行有 \(parser.fields.count) 列，多于表头的 \(header.count) 列",
                        en: "this row has \(parser.fields.count) columns, more than the \(header.count) of the header"),
                        recordIndex: index)))
                    index += 1
                    continue
                }
                if resynchronising {
                    guard parser.fields.count >= namedColumns else { continue }
                    resynchronising = false
                }
                var read = record(parser, header: header, index: index, reusing: &spareFields)
                handler(.record(read))
                // Emptied and kept for the next row: the storage itself is reused when the handler
                // kept nothing of the record (see `JSONScanner.recycle(_:)`, about 700
                // instructions a record).
                read.fields.removeAll(keepingCapacity: true)
                swap(&read.fields, &spareFields)
                index += 1
            }
        }
    }

    /// Where the first non-empty column beyond the header's is, if there is one; trailing empty
    /// columns (Excel writes them) are fine.
    private func extraColumn(_ parser: CSVRowParser, columns: Int) -> SourcePosition? {
        guard parser.fields.count > columns else { return nil }
        for field in parser.fields[columns...] where field.quoted || !field.range.isEmpty {
            return parser.fields[columns].start
        }
        return nil
    }

    /// The record of the row `parser` holds, its fields in `spare`'s storage (left empty).
    private func record(_ parser: CSVRowParser, header: [String], index: Int, reusing spare: inout [RawField]) -> RawRecord {
        var record = RawRecord(index: index, start: parser.rowStart)
        swap(&record.fields, &spare)
        record.fields.reserveCapacity(header.count)
        for (column, field) in parser.fields.prefix(header.count).enumerated() {
            let name = header[column]
            // A column without a name (Excel's trailing empty columns) carries no field.
            if name.isEmpty { continue }
            let text = parser.text(of: field)
            let source = field.doubled
                ? SourceText(start: field.start, raw: parser.raw(of: field), dialect: .csvQuoted)
                : SourceText(start: field.start)
            record.fields.append(RawField(name: name, value: FieldValue(text: text, source: source)))
        }
        return record
    }
}

extension CSVReader {
    /// Reads whole rows after the header (a chunk of a bigger UTF-8 file whose first byte is at
    /// `start` in it) with the header's names, numbering records from 0.
    func readChunk(_ rows: [UInt8], start: SourcePosition, header: [String], _ handler: (ReaderEvent) -> Void) {
        let cursor = TextCursor(decoder: TextDecoder(source: ByteSource(bytes: rows), forced: .utf8), startingAt: start)
        var parser = CSVRowParser(cursor: cursor, delimiter: delimiter)
        readRows(&parser, header: header, handler)
    }
}
