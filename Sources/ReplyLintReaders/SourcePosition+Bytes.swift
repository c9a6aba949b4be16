import ReplyLintCore

extension SourcePosition {
    /// Moves past a run of UTF-8 bytes as `advance(overUTF8:)` does byte by byte. The reading
    /// thread of a parallel read runs this over every byte it cuts into chunks, so line feeds are
    /// counted eight bytes at a time and only the last line's code points are counted.
    public mutating func advance(overUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var tail = 0
        if let lastFeed = bytes.lastIndex(of: 0x0A) {
            line += Self.lineFeeds(UnsafeBufferPointer(start: base, count: lastFeed + 1))
            column = 1
            tail = lastFeed + 1
        }
        var columns = 0
        for index in tail..<bytes.count where bytes[index] & 0xC0 != 0x80 { columns += 1 }
        column += columns
    }

    /// How many line feeds `bytes` holds. A byte is flagged exactly (no borrow between bytes):
    /// its low seven bits plus 0x7F carry into the high bit unless they are zero.
    static func lineFeeds(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var count = 0
        var index = 0
        while bytes.count - index >= 8 {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) ^ (ones &* 0x0A)
            let zeros = ~((word & lows) &+ lows | word | lows)
            count &+= Int(truncatingIfNeeded: ((zeros >> 7) &* ones) >> 56)
            index &+= 8
        }
        while index < bytes.count {
            if bytes[index] == 0x0A { count += 1 }
            index += 1
        }
        return count
    }
}
