#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The lines of one input as its reader saw them — CSV and XML decoded from GB18030 or UTF-16 the
/// same way — for the excerpts of the `text` report. Read forward only, a chunk at a time: excerpts
/// are asked for in report order, so a streamed report reads each file once more beside the
/// reader and never holds it whole (an export can be gigabytes). Asking for an earlier line than
/// the last one starts over from the top, so any order is answered, just more slowly.
public final class SourceLineReader {
    private let openStream: () -> Stream?
    private var stream: Stream?
    private var chunk: [UInt8] = []
    /// Offset in `chunk` of the first byte of line `lineNumber`.
    private var offset = 0
    private var lineNumber = 1
    /// The stream said it has no more (a decoder must not be asked again after that).
    private var exhausted = false
    private var last: (number: Int, text: String)?

    /// Reads chunks of decoded bytes until the end of the input.
    private final class Stream {
        let read: (inout [UInt8]) -> Bool
        let close: () -> Void

        init(read: @escaping (inout [UInt8]) -> Bool, close: @escaping () -> Void = {}) {
            self.read = read
            self.close = close
        }

        deinit { close() }
    }

    /// The lines of the file at `path`; `format` and `encoding` say how its reader decodes it.
    public init(path: String, format: InputFormat?, encoding: TextEncoding? = nil) {
        openStream = {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            return Self.stream(over: ByteSource(fileDescriptor: descriptor), format: format, encoding: encoding) {
                close(descriptor)
            }
        }
    }

    /// The lines of `bytes` (standard input, kept by the caller).
    public init(bytes: [UInt8], format: InputFormat?, encoding: TextEncoding? = nil) {
        openStream = { Self.stream(over: ByteSource(bytes: bytes), format: format, encoding: encoding) }
    }

    private static func stream(over source: ByteSource, format: InputFormat?, encoding: TextEncoding?,
                               close: @escaping () -> Void = {}) -> Stream {
        if format == .csv || format == .xml {
            let decoder = TextDecoder(source: source, forced: encoding, xmlProlog: format == .xml)
            return Stream(read: { decoder.read(into: &$0) }, close: close)
        }
        return Stream(read: { output in
            output.removeAll(keepingCapacity: true)
            return source.consumeRaw(upTo: 256 * 1024, appendingTo: &output) > 0
        }, close: close)
    }

    /// Line `number` (from 1) without its line feed, or `nil` past the end of the input.
    public func line(_ number: Int) -> String? {
        if let last, last.number == number { return last.text }
        if stream == nil || number < lineNumber { restart() }
        guard stream != nil else { return nil }
        var text: [UInt8] = []
        while true {
            if offset == chunk.count {
                // A read replaces the chunk, even the last one that finds nothing.
                offset = 0
                guard !exhausted, let stream, stream.read(&chunk) else {
                    exhausted = true
                    chunk.removeAll(keepingCapacity: true)
                    break
                }
            }
            let end = chunk[offset...].firstIndex(of: 0x0A)
            if lineNumber == number { text += chunk[offset..<(end ?? chunk.count)] }
            guard let end else {
                offset = chunk.count
                continue
            }
            offset = end + 1
            lineNumber += 1
            if lineNumber > number { return remember(number, text) }
        }
        // The input ended inside line `lineNumber` (or right after its line feed).
        return lineNumber == number ? remember(number, text) : nil
    }

    private func remember(_ number: Int, _ bytes: [UInt8]) -> String {
        let text = String(decoding: bytes, as: UTF8.self)
        last = (number, text)
        return text
    }

    private func restart() {
        stream = nil
        stream = openStream()
        chunk.removeAll(keepingCapacity: true)
        offset = 0
        lineNumber = 1
        exhausted = false
        last = nil
    }
}
