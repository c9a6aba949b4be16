extension Array where Element == UInt8 {
    /// Appends the bytes that `write` puts into a stack buffer of `capacity` (returning how many
    /// it wrote) with a single append: every `append(contentsOf:)` costs about 100 instructions
    /// besides copying, and report lines are made of many short pieces.
    @inline(__always)
    mutating func appendStaged(capacity: Int, _ write: (UnsafeMutablePointer<UInt8>) -> Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Swift.max(capacity, 1)) { buffer in
            let count = write(buffer.baseAddress!)
            append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress!, count: count))
        }
    }
}

/// Writes pieces of a report line into a staging buffer (see `Array.appendStaged`).
struct StagedWriter {
    /// Where the next byte goes.
    private(set) var count = 0
    private let out: UnsafeMutablePointer<UInt8>

    /// A writer at the start of `out`.
    init(_ out: UnsafeMutablePointer<UInt8>) {
        self.out = out
    }

    /// One byte.
    @inline(__always)
    mutating func put(_ byte: UInt8) {
        out[count] = byte
        count += 1
    }

    /// ASCII text.
    @inline(__always)
    mutating func put(_ text: StaticString) {
        (out + count).initialize(from: text.utf8Start, count: text.utf8CodeUnitCount)
        count += text.utf8CodeUnitCount
    }

    /// UTF-8 bytes.
    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        (out + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// A non-negative number in decimal (at most 19 digits).
    @inline(__always)
    mutating func put(decimal number: Int) {
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            put(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }
}
