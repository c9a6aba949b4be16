import ReplyLintCore
@testable import ReplyLintReaders
import Testing

/// `MemberNameCache`, `NamePattern` and `ByteSource.consume(ifNext:)`: a remembered name is
/// consumed only when the input holds exactly its bytes, with the right columns, and the
/// general path reads everything else.
@Suite struct MemberNameCacheTests {
    /// Input padded so that `NamePattern.capacity` bytes are always buffered after a name.
    func source(_ text: String) -> ByteSource {
        ByteSource(bytes: Array(text.utf8) + [UInt8](repeating: 0x20, count: NamePattern.capacity))
    }

    @Test func patternMatchesExactlyItsBytes() throws {
        let pattern = try #require(NamePattern(Array(#""客户":"#.utf8), columns: 5))
        #expect(pattern.length == 9)
        let hit = source(#""客户":"x""#)
        #expect(hit.consume(ifNext: pattern))
        #expect(hit.position == SourcePosition(line: 1, column: 6))
        #expect(hit.peek() == UInt8(ascii: "\""))
        for miss in [#""客户" :"#, #""客户x":"#, #""客":"#, #"'客户":"#] {
            let other = source(miss)
            #expect(!other.consume(ifNext: pattern), "\(miss)")
            #expect(other.position == .start && other.offset == 0, "\(miss)")
        }
        #expect(NamePattern([UInt8](repeating: 0x61, count: NamePattern.capacity + 1), columns: 25) == nil)
        // Every length up to the capacity, each word boundary included.
        for length in 1...NamePattern.capacity {
            let bytes = [UInt8](repeating: 0x61, count: length)
            let exact = try #require(NamePattern(bytes, columns: length))
            #expect(source(String(decoding: bytes, as: UTF8.self)).consume(ifNext: exact), "length \(length)")
            var changed = bytes
            changed[length - 1] = 0x62
            #expect(!source(String(decoding: changed, as: UTF8.self)).consume(ifNext: exact), "length \(length)")
        }
    }

    @Test func tooFewBufferedBytesIsAMiss() throws {
        let pattern = try #require(NamePattern(Array(#""id":"#.utf8), columns: 5))
        #expect(!ByteSource(bytes: Array(#""id":"1"}"#.utf8)).consume(ifNext: pattern))
    }

    @Test func cacheFindsNamesInAnyOrderAndOnlyExactOnes() {
        var cache = MemberNameCache()
        cache.startObject()
        cache.learn("id", withColon: true)
        cache.learn("type", withColon: false)
        cache.learn("处理", withColon: true)
        cache.startObject()
        let input = source(#""处理":"type""id":"idx":"#)
        #expect(cache.match(in: input)?.text == "处理")
        #expect(input.position.column == 6)
        let second = cache.match(in: input)
        #expect(second?.text == "type" && second?.withColon == false)
        #expect(cache.match(in: input)?.text == "id")
        #expect(cache.match(in: input) == nil)
        #expect(input.position.column == 17)
    }

    @Test func learningTheSameNameTwiceKeepsOneAndTheCapacityHolds() {
        var cache = MemberNameCache()
        for round in 0..<3 {
            cache.startObject()
            for index in 0..<(MemberNameCache.capacity + 10) { cache.learn("n\(index)", withColon: true) }
            _ = round
        }
        cache.startObject()
        #expect(cache.match(in: source(#""n0":"#))?.text == "n0")
        #expect(cache.match(in: source(#""n\#(MemberNameCache.capacity - 1)":"#)) != nil)
        #expect(cache.match(in: source(#""n\#(MemberNameCache.capacity)":"#)) == nil)
    }

    @Test func recordsWithAlternatingFieldSetsReadTheSameNames() {
        var lines: [String] = []
        for index in 0..<20 {
            lines.append(index % 3 == 0 ? #"{"id":"\#(index)","extra":"e","long_name_beyond_the_pattern_size":1}"#
                                        : #"{"id": "\#(index)", "type":"t"}"#)
        }
        var names: [[String]] = []
        JSONLinesReader().read(from: ByteSource(bytes: Array(lines.joined(separator: "\n").utf8))) { event in
            if case .record(let record) = event { names.append(record.fields.map(\.name)) }
        }
        #expect(names.count == 20)
        for (index, fields) in names.enumerated() {
            #expect(fields == (index % 3 == 0 ? ["id", "extra", "long_name_beyond_the_pattern_size"] : ["id", "type"]))
        }
    }
}
