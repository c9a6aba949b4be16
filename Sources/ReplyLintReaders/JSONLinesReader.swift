import ReplyLintCore

/// Reads JSON Lines: one record object per line. A line that does not parse is a `parse-error`
/// for that line; reading resumes on the next line. Blank lines are skipped.
public struct JSONLinesReader: RecordReader {
    /// Creates a reader.
    public init() {}

    /// How many records `readLines` finds in `bytes` (whole lines): one per line that holds
    /// anything but JSON white space, as the reader tries one record per such line and never
    /// lets a record cross a line feed. Also returns the number of line feeds.
    public static func countRecords(in bytes: UnsafeBufferPointer<UInt8>) -> (records: Int, lineFeeds: Int) {
        var records = 0, lineFeeds = 0
        var content = false
        for byte in bytes {
            if byte == 0x0A {
                lineFeeds += 1
                if content { records += 1 }
                content = false
            } else if !content, byte != 0x20, byte != 0x09, byte != 0x0D {
                content = true
            }
        }
        if content { records += 1 }
        return (records, lineFeeds)
    }

    public func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        source.skipByteOrderMark()
        readLines(from: source, firstIndex: 0, handler)
    }

    /// Reads whole lines cut from a bigger input (no byte-order mark here); `firstIndex` is the
    /// index of the first record in them. Every line stands alone in JSON Lines, so the parallel
    /// pipeline parses chunks of lines on its workers with this and gets what `read` would give.
    public func readLines(from source: ByteSource, firstIndex: Int, _ handler: (ReaderEvent) -> Void) {
        var scanner = JSONScanner(source: source, singleLine: true)
        var index = firstIndex
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
