/// `text.contains(part)` for attachment names, answered on UTF-8 bytes. The string method goes
/// through Foundation's `range(of:)` (CFString), which cost 3% of all instructions for a check
/// that runs on every attachment of every reply. Bytes are compared only when both strings are
/// plain — printable ASCII, CJK ideographs and CJK/full-width punctuation — where no character
/// combines with its neighbour and none has a canonically equivalent spelling, so byte equality
/// is exactly character equality; anything else is left to the string method.
enum PlainSubstring {
    /// Whether `text` contains `part`, as `text.contains(part)` answers.
    static func contains(_ text: String, _ part: String) -> Bool {
        var text = text
        var part = part
        let answer: Bool? = text.withUTF8 { haystack in
            part.withUTF8 { needle in
                guard !needle.isEmpty, isPlain(haystack), isPlain(needle) else { return nil }
                return find(needle, in: haystack)
            }
        }
        return answer ?? text.contains(part)
    }

    /// Whether `needle` occurs in `haystack`, byte for byte.
    static func find(_ needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count <= haystack.count else { return false }
        let first = needle[0]
        for start in 0...(haystack.count - needle.count) where haystack[start] == first {
            var matched = 1
            while matched < needle.count, haystack[start + matched] == needle[matched] { matched += 1 }
            if matched == needle.count { return true }
        }
        return false
    }

    /// Whether every scalar of valid UTF-8 `bytes` is plain (see the type's comment).
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let lead = UInt32(bytes[index])
            if lead < 0x80 {
                guard lead >= 0x20 && lead < 0x7F else { return false }
                index += 1
                continue
            }
            // Every plain non-ASCII scalar takes three bytes.
            guard lead & 0xF0 == 0xE0, index + 2 < bytes.count else { return false }
            let value = (lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F)
            switch value {
            case 0x2010...0x2027, 0x3000...0x3029, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E: index += 3
            default: return false
            }
        }
        return true
    }
}
