import ReplyLintCore

/// Reads JSON Lines: one record object per line. A line that does not parse is a `parse-error`
/// for that line; reading resumes on the next line. Blank lines are skipped.
public struct JSONLinesReader: RecordReader {
    /// Creates a reader.
    public init() {}

    public func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        source.skipByteOrderMark()
        var scanner = JSONScanner(source: source, singleLine: true)
        var index = 0
        while true {
            scanner.skipWhitespace(crossingLines: true)
            guard source.peek() != nil else { return }
            do {
                let record = try scanner.record(index: index)
                scanner.skipWhitespace()
                if let byte = source.peek(), byte != 0x0A {
                    throw scanner.unexpected(("行尾（每行一条记录）", "end of line (one record per line)"))
                }
                handler(.record(record))
            } catch let failure as JSONScanner.Failure {
                handler(.failure(ParseFailure(position: failure.position, message: failure.message, recordIndex: index)))
                // The scanner never crosses a line feed in this mode: resume on the next line.
                scanner.skipLine()
            } catch {
                scanner.skipLine()
            }
            index += 1
        }
    }
}
