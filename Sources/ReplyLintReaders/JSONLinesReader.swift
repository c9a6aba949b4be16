#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
        guard let base = bytes.baseAddress else { return (0, 0) }
        var records = 0, lineFeeds = 0
        var start = 0
        let end = bytes.count
        while start < end {
            // The line's first byte decides almost always; `memchr` then skips to its end.
            var at = start
            while at < end, base[at] == 0x20 || base[at] == 0x09 || base[at] == 0x0D { at += 1 }
            if at < end, base[at] != 0x0A { records += 1 }
            guard at < end, let found = memchr(base + at, 0x0A, end - at) else { break }
            lineFeeds += 1
            start = base.distance(to: found.assumingMemoryBound(to: UInt8.self)) + 1
        }
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
                var record = try scanner.record(index: index)
                scanner.skipWhitespace()
                if let byte = source.peek(), byte != 0x0A {
                    throw scanner.unexpected(("行尾（每行一条记录）", "end of line (one record per line)"))
                }
                handler(.record(record))
                scanner.recycle(&record.fields)
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
