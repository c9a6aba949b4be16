@testable import ReplyLintReaders
import Testing

@Suite struct XMLNameCacheTests {
    @Test func namesAreReusedOnlyWhenAddressAndBytesMatch() {
        var cache = XMLNameCache()
        #expect(cache.name(nil) == "")
        let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: 16)
        defer { buffer.deallocate() }
        func put(_ text: String) {
            let bytes = Array(text.utf8) + [0]
            buffer.update(from: bytes, count: bytes.count)
        }
        put("工单编号")
        #expect(cache.name(buffer) == "工单编号")
        #expect(cache.name(buffer) == "工单编号")
        // The same address with other bytes (a reused dictionary slot) gives the new name.
        put("处理")
        #expect(cache.name(buffer) == "处理")
        put("处理情况")
        #expect(cache.name(buffer) == "处理情况")
        put("")
        #expect(cache.name(buffer) == "")
    }

    @Test func manyDistinctNamesStayCorrect() {
        var cache = XMLNameCache()
        let names = (0..<200).map { "字段\($0)" }
        let pointers = names.map { name -> UnsafeMutablePointer<UInt8> in
            let bytes = Array(name.utf8) + [0]
            let pointer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
            pointer.initialize(from: bytes, count: bytes.count)
            return pointer
        }
        defer { pointers.forEach { $0.deallocate() } }
        for _ in 0..<2 {
            for (name, pointer) in zip(names, pointers) { #expect(cache.name(pointer) == name) }
        }
    }
}
