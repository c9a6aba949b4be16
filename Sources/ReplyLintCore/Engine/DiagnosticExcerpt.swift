/// A diagnostic's offending text, cut from its value only when a report shows it: most reports
/// (compact, json, jsonl, text) never do, and mapping every range to UTF-8 offsets and making
/// a `String` of each slice cost about 1,200 instructions per finding.
public struct DiagnosticExcerpt: Sendable {
    /// The whole value, or the text itself.
    private let value: String
    /// The decoded scalars of `value` that are the excerpt; `nil` for all of it.
    private let scalars: Range<Int>?

    /// An excerpt that is `text` as it is.
    public init(_ text: String) {
        value = text
        scalars = nil
    }

    /// The scalars `scalars` of `value` (clamped to it).
    init(of value: String, scalars: Range<Int>) {
        self.value = value
        self.scalars = scalars
    }

    /// The text: a slice of the value's UTF-8 (no scalars decoded).
    public var text: String {
        guard let scalars else { return value }
        var value = value
        return value.withUTF8 { bytes in
            let lower = Self.utf8Offset(of: scalars.lowerBound, in: bytes, from: (byte: 0, scalar: 0))
            let upper = Self.utf8Offset(of: scalars.upperBound, in: bytes, from: (byte: lower, scalar: max(scalars.lowerBound, 0)))
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
    }

    /// The UTF-8 offset of decoded-scalar offset `offset` of `bytes`, clamped to its ends, walking
    /// on from a known scalar boundary.
    private static func utf8Offset(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>, from start: (byte: Int, scalar: Int)) -> Int {
        guard offset > 0 else { return 0 }
        var byte = start.byte
        var scalar = start.scalar
        while scalar < offset, byte < bytes.count {
            byte += 1
            while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
            scalar += 1
        }
        return byte
    }
}
