@testable import ReplyLintReporters
import Testing

/// Staged pieces land after what the array held, exactly as separate appends would put them.
@Suite struct StagedAppendTests {
    @Test func piecesAreAppendedInOrder() {
        var bytes = Array("ab".utf8)
        let text = Array("文件 x".utf8)
        for number in [0, 7, 10, 99, 1_234_567, Int.max] {
            var expected = bytes + text + Array(":\(number)]".utf8) + [0x0A]
            text.withUnsafeBufferPointer { text in
                bytes.appendStaged(capacity: text.count + 24) { out in
                    var writer = StagedWriter(out)
                    writer.put(text)
                    writer.put(":")
                    writer.put(decimal: number)
                    writer.put(UInt8(ascii: "]"))
                    writer.put(0x0A)
                    return writer.count
                }
            }
            #expect(bytes == expected)
        }
        var empty: [UInt8] = []
        empty.appendStaged(capacity: 0) { _ in 0 }
        #expect(empty.isEmpty)
    }
}
