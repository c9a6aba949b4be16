import ReplyLintCore

/// Reads a JSON export: an array of record objects, or an object with one array member holding
/// them (`{"records": [...]}`). Streams the array element by element. After a syntax error the
/// rest of the file cannot be trusted, so reading stops there with a `parse-error`.
public struct JSONReader: RecordReader {
    /// Creates a reader.
    public init() {}

    public func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        source.skipByteOrderMark()
        var scanner = JSONScanner(source: source)
        var index = 0
        do {
            scanner.skipWhitespace()
            switch source.peek() {
            case UInt8(ascii: "["):
                try readArray(&scanner, index: &index, handler)
            case UInt8(ascii: "{"):
                source.next()
                var found = false
                scanner.skipWhitespace()
                if source.peek() == UInt8(ascii: "}") { source.next() }
                else {
                    while true {
                        scanner.skipWhitespace()
                        guard source.peek() == UInt8(ascii: "\"") else {
                            throw scanner.unexpected(("字段名", "a member name"))
                        }
                        _ = try scanner.string()
                        scanner.skipWhitespace()
                        try scanner.expect(UInt8(ascii: ":"), ("冒号“:”", "':'"))
                        scanner.skipWhitespace()
                        if !found, source.peek() == UInt8(ascii: "[") {
                            found = true
                            try readArray(&scanner, index: &index, handler)
                        } else {
                            _ = try scanner.value(depth: 1)
                        }
                        scanner.skipWhitespace()
                        if source.peek() == UInt8(ascii: ",") { source.next(); continue }
                        try scanner.expect(UInt8(ascii: "}"), ("逗号“,”或“}”", "',' or '}'"))
                        break
                    }
                }
                if !found {
                    handler(.failure(ParseFailure(position: .start, message: LocalizedText(
                        zh: "JSON 对象中没有记录数组（应为 [...] 或 {\"records\": [...]}）",
                        en: "no array of records in the JSON object (expected [...] or {\"records\": [...]})"))))
                }
            default:
                throw scanner.unexpected(("“[”或“{”", "'[' or '{'"))
            }
            scanner.skipWhitespace()
            if source.peek() != nil { throw scanner.unexpected(("文件结束", "end of input")) }
        } catch let failure as JSONScanner.Failure {
            handler(.failure(ParseFailure(position: failure.position, message: failure.message,
                                          recordIndex: nil)))
        } catch {
            handler(.failure(ParseFailure(position: source.position, message: LocalizedText(zh: "读取失败", en: "read failed"))))
        }
    }

    private func readArray(_ scanner: inout JSONScanner, index: inout Int, _ handler: (ReaderEvent) -> Void) throws {
        let source = scanner.source
        source.next()  // [
        scanner.skipWhitespace()
        if source.peek() == UInt8(ascii: "]") { source.next(); return }
        while true {
            var record = try scanner.record(index: index)
            handler(.record(record))
            scanner.recycle(&record.fields)
            index += 1
            scanner.skipWhitespace()
            switch source.peek() {
            case UInt8(ascii: ","): source.next()
            case UInt8(ascii: "]"): source.next(); return
            default: throw scanner.unexpected(("逗号“,”或“]”", "',' or ']'"))
            }
        }
    }
}
