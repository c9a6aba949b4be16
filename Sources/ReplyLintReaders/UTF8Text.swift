/// Strings made from UTF-8 bytes that are validated once, by a loop tuned for reply text.
///
/// `String(decoding:as:)` validates every byte in the standard library's general loop (about 11
/// instructions a byte on Chinese text: 78 M of the 1,176 M instructions of 10k JSON Lines
/// records) and the scanner then compared the result with the bytes to tell a repair from valid
/// input. Here ASCII goes eight bytes at a time and a three-byte sequence (CJK) is one lead
/// test and one masked 16-bit compare; the bytes are then copied into a `String` through
/// `UTF8Span(unchecked:)`, which the standard library does not validate again.
enum UTF8Text {
    /// What `check(_:)` found.
    enum Check: Equatable {
        /// Well-formed, every byte below 0x80.
        case ascii
        /// Well-formed, with non-ASCII scalars.
        case unicode
        /// Not well-formed UTF-8 (RFC 3629: overlong forms, surrogates, values above U+10FFFF,
        /// stray or missing continuation bytes).
        case invalid
    }

    /// Whether `bytes` are well-formed UTF-8, and whether they are all ASCII.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Check {
        guard let base = bytes.baseAddress else { return .ascii }
        let count = bytes.count
        let highs: UInt64 = 0x8080_8080_8080_8080
        // Wrapping arithmetic throughout: `i` never passes `count`, and overflow checks were a
        // third of the loop's instructions.
        var i = 0
        var ascii = true
        while i < count {
            let lead = base[i]
            if lead < 0x80 {
                // The rest of an ASCII run eight bytes at a time.
                i &+= 1
                while count &- i >= 8, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & highs == 0 { i &+= 8 }
                continue
            }
            ascii = false
            // E1–EC and EE–EF lead three-byte sequences whose second byte may be any
            // continuation byte: nearly all CJK text. Their run is checked in its own loop,
            // one lead test and both continuation bytes in one masked compare per scalar.
            if count &- i >= 3, lead &- 0xE1 < 0x0F, lead != 0xED {
                // Two at a time from one eight-byte load while both are such sequences: both
                // leads' top nibbles and four continuation bytes in one masked compare, and the
                // leads' low nibbles (not 0 or D: E0, ED need the range checks below) through a
                // bit set (3.7 → about 2.5 instructions a byte).
                let allowed: UInt64 = 0b1101_1111_1111_1110
                while count &- i >= 8 {
                    let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                    guard word & 0x0000_C0C0_F0C0_C0F0 == 0x0000_8080_E080_80E0,
                          (allowed >> (word & 0x0F)) & (allowed >> ((word >> 24) & 0x0F)) & 1 != 0 else { break }
                    i &+= 6
                }
                while count &- i >= 3 && base[i] &- 0xE1 < 0x0F && base[i] != 0xED {
                    guard UnsafeRawPointer(base + (i &+ 1)).loadUnaligned(as: UInt16.self) & 0xC0C0 == 0x8080 else { return .invalid }
                    i &+= 3
                }
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return .invalid
            }
            guard count &- i >= length, base[i &+ 1] >= low, base[i &+ 1] <= high else { return .invalid }
            var k = 2
            while k < length {
                guard base[i &+ k] & 0xC0 == 0x80 else { return .invalid }
                k &+= 1
            }
            i &+= length
        }
        return ascii ? .ascii : .unicode
    }

    /// Whether every byte is below 0x80, eight at a time; stops at the first that is not (for
    /// text already known to be well-formed, that is all `string(trusting:isASCII:)` needs).
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let count = bytes.count
        var i = 0
        while count &- i >= 8 {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i &+= 8
        }
        while i < count {
            if base[i] >= 0x80 { return false }
            i &+= 1
        }
        return true
    }

    /// The text of `bytes`, or `nil` when they are not well-formed UTF-8.
    static func string(validating bytes: UnsafeBufferPointer<UInt8>) -> String? {
        switch check(bytes) {
        case .invalid: return nil
        case .ascii: return string(trusting: bytes, isASCII: true)
        case .unicode: return string(trusting: bytes, isASCII: false)
        }
    }

    /// The text of `bytes`, which must be well-formed UTF-8 (all ASCII when `isASCII`).
    static func string(trusting bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String {
        // Empty CSV columns and JSON strings are common: no call into the standard library.
        if bytes.isEmpty { return "" }
        if #available(macOS 26, iOS 26, watchOS 26, tvOS 26, visionOS 26, *) {
            return String(copying: UTF8Span(unchecked: bytes.span, isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
