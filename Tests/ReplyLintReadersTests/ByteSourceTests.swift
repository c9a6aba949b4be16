import Foundation
import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `ByteSource`'s derived `offset` and its in-chunk shortcuts (`skipASCII`, `consumeASCII`) keep
/// the byte count and position that byte-by-byte reading keeps, across chunk refills.
@Suite struct ByteSourceTests {
    func fileSource(_ bytes: [UInt8], chunkSize: Int) -> ByteSource {
        var fds: [Int32] = [0, 0]
        _ = pipe(&fds)
        bytes.withUnsafeBufferPointer { _ = write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        return ByteSource(fileDescriptor: fds[0], chunkSize: chunkSize)
    }

    @Test func offsetCountsConsumedBytesAcrossRefillsAndPushBack() {
        let bytes = Array("客户ab\ncd,12345678901234567890".utf8)
        let source = fileSource(bytes, chunkSize: 16)
        var read = 0
        while source.next() != nil {
            read += 1
            #expect(source.offset == read)
        }
        #expect(read == bytes.count)
        let memory = ByteSource(bytes: bytes)
        for _ in 0..<5 { memory.next() }
        memory.pushBack(Array("xy".utf8), at: SourcePosition(line: 7, column: 3))
        #expect(memory.offset == 5)
        memory.next()
        #expect(memory.offset == 6 && memory.position == SourcePosition(line: 7, column: 4))
    }

    @Test func shortcutsMoveLikeNext() {
        let text = "{\"a\":12,\"b\":3}"
        for chunkSize in [16, 17, 64] {
            let fast = fileSource(Array(text.utf8), chunkSize: chunkSize)
            let slow = fileSource(Array(text.utf8), chunkSize: chunkSize)
            #expect(fast.peek() == UInt8(ascii: "{"))  // `skipASCII` follows a `peek`
            fast.skipASCII()
            slow.next()
            #expect(fast.position == slow.position && fast.offset == slow.offset)
            var seen: [UInt8] = []
            fast.consumeASCII { bytes in
                seen = Array(bytes.prefix(4))
                return 4
            }
            for _ in 0..<4 { slow.next() }
            #expect(seen == Array("\"a\":".utf8))
            #expect(fast.position == slow.position && fast.offset == slow.offset, "chunk size \(chunkSize)")
            fast.consumeASCII { _ in Int.max }  // never past the buffered bytes
            #expect(fast.offset <= text.utf8.count)
        }
    }
}
