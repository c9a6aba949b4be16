#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

/// Bytes from a file descriptor or memory, read in 256 KiB chunks, with the line and column
/// (in Unicode code points) of the next byte. Readers pull bytes one at a time from it, so a file
/// of any size is read in constant memory.
public final class ByteSource {
    private var buffer: [UInt8]
    private var index = 0
    private var count: Int
    private let descriptor: Int32?
    private var exhausted: Bool
    /// Position of the next byte.
    public private(set) var position = SourcePosition.start
    /// Bytes consumed so far.
    public private(set) var offset = 0

    /// Reads from an open file descriptor (not closed by the source).
    public init(fileDescriptor: Int32, chunkSize: Int = 256 * 1024) {
        buffer = [UInt8](repeating: 0, count: chunkSize)
        count = 0
        descriptor = fileDescriptor
        exhausted = false
    }

    /// Reads from bytes in memory.
    public init(bytes: [UInt8]) {
        buffer = bytes
        count = bytes.count
        descriptor = nil
        exhausted = true
    }

    private func refill() -> Bool {
        guard !exhausted, let descriptor else { return false }
        while true {
            let n = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 { count = n; index = 0; return true }
            if n < 0, errno == EINTR { continue }
            exhausted = true
            return false
        }
    }

    /// The next byte without consuming it.
    @inline(__always)
    public func peek() -> UInt8? {
        if index < count { return buffer[index] }
        return refill() ? buffer[index] : nil
    }

    /// Consumes and returns the next byte, advancing the position.
    @inline(__always)
    @discardableResult
    public func next() -> UInt8? {
        guard let byte = peek() else { return nil }
        index += 1
        offset += 1
        if byte == 0x0A {
            position.line += 1
            position.column = 1
        } else if byte & 0xC0 != 0x80 {
            position.column += 1
        }
        return byte
    }

    /// Skips a UTF-8 byte-order mark at the start.
    public func skipByteOrderMark() {
        guard offset == 0, peek() == 0xEF else { return }
        // The BOM is three bytes; only skip it if all three match.
        if index + 2 < count, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF {
            index += 3
            offset += 3
        }
    }
}
