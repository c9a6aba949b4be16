import ReplyLintCore

/// JSON written straight into UTF-8 bytes, byte for byte as `JSONEncoder` writes it with
/// `.sortedKeys` and `.withoutEscapingSlashes` (callers write keys in sorted order), and with
/// `.prettyPrinted` when `pretty`: `"`, `\` and control characters escaped, everything else as is.
/// Encoding through `JSONEncoder` cost more per finding than checking the reply did.
struct JSONBytes {
    /// The text so far.
    var bytes: [UInt8] = []
    /// Line breaks and two-space indents, and `" : "` between key and value.
    let pretty: Bool
    private var depth = 0
    /// True until the open object or array gets its first member.
    private var empty = true

    /// Starts empty text.
    init(pretty: Bool = false) {
        self.pretty = pretty
    }

    /// Opens an object.
    mutating func beginObject() {
        raw("{")
        depth += 1
        empty = true
    }

    /// Closes an object.
    mutating func endObject() {
        end("}")
    }

    /// Opens an array.
    mutating func beginArray() {
        raw("[")
        depth += 1
        empty = true
    }

    /// Closes an array.
    mutating func endArray() {
        end("]")
    }

    /// Starts the next member of the open object with its key (see `keyed`).
    mutating func key(_ name: StaticString) {
        keyed(name, valueCapacity: 0) { _ in }
    }

    /// `key(name)` then `int(value)` (or `null`), staged as one append: a diagnostic has a
    /// dozen members, and each append costs about 100 instructions besides copying.
    mutating func key(_ name: StaticString, int value: Int?) {
        guard let value else { return keyed(name, valueCapacity: 4) { $0.put("null") } }
        guard value >= 0 else {
            key(name)
            return int(value)
        }
        keyed(name, valueCapacity: 20) { $0.put(decimal: value) }
    }

    /// `key(name)` then `string(value)` (or `null`), staged as one append when the value needs
    /// no escape (see `key(_:int:)`).
    mutating func key(_ name: StaticString, string value: String?) {
        guard var value else { return keyed(name, valueCapacity: 4) { $0.put("null") } }
        let done = value.withUTF8 { text in
            guard !Self.needsEscaping(text) else { return false }
            keyed(name, valueCapacity: text.count + 2) { writer in
                writer.put(UInt8(ascii: "\""))
                writer.put(text)
                writer.put(UInt8(ascii: "\""))
            }
            return true
        }
        if !done {
            key(name)
            string(value)
        }
    }

    /// Appends the separator, line break and indent, quoted key and colon, then what `value`
    /// writes (at most `valueCapacity` bytes), staged on the stack and appended at once (four
    /// appends per key cost 440 instructions, a third of a JSON Lines report).
    @inline(__always)
    private mutating func keyed(_ name: StaticString, valueCapacity: Int, _ value: (inout StagedWriter) -> Void) {
        let indent = pretty ? depth * 2 : 0
        let first = empty
        let pretty = self.pretty
        empty = false
        bytes.appendStaged(capacity: name.utf8CodeUnitCount + indent + 6 + valueCapacity) { out in
            var writer = StagedWriter(out)
            if !first { writer.put(UInt8(ascii: ",")) }
            if pretty {
                writer.put(0x0A)
                for _ in 0..<indent { writer.put(UInt8(ascii: " ")) }
            }
            writer.put(UInt8(ascii: "\""))
            writer.put(name)
            writer.put(pretty ? "\" : " : "\":")
            value(&writer)
            return writer.count
        }
    }

    /// Whether `text` holds a byte that a JSON string escapes (`"`, `\`, a control character).
    private static func needsEscaping(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var found = false
        forEachEscaped(in: text) { _, _ in found = true }
        return found
    }

    /// Starts the next element of the open array.
    mutating func element() {
        separate()
    }

    private mutating func separate() {
        if !empty { raw(",") }
        if pretty { newline() }
        empty = false
    }

    /// An empty container is written `[\n\n]` (indented) when pretty, as `JSONEncoder` does.
    private mutating func end(_ bracket: StaticString) {
        depth -= 1
        if pretty {
            if empty { bytes.append(0x0A) }
            newline()
        }
        raw(bracket)
        empty = false
    }

    private mutating func newline() {
        bytes.append(0x0A)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: depth * 2))
    }

    /// Appends ASCII text as is.
    mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `value` as a JSON string.
    mutating func string(_ value: String) {
        var value = value
        let done = value.withUTF8 { text in
            // Almost every value needs no escape: quoted and copied in one append.
            guard !Self.needsEscaping(text) else { return false }
            bytes.appendStaged(capacity: text.count + 2) { out in
                out[0] = UInt8(ascii: "\"")
                if let base = text.baseAddress { (out + 1).initialize(from: base, count: text.count) }
                out[text.count + 1] = UInt8(ascii: "\"")
                return text.count + 2
            }
            return true
        }
        if done { return }
        bytes.append(UInt8(ascii: "\""))
        value.withUTF8 { text in
            var copied = 0
            for (index, byte) in text.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied..<index]))
                escape(byte)
                copied = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[copied...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `text` in `language` as a JSON string: filled straight into the bytes, and
    /// escaped afterwards only if it holds a byte that needs it (messages almost never do).
    mutating func string(_ text: LocalizedText, _ language: Language) {
        bytes.append(UInt8(ascii: "\""))
        let start = bytes.count
        text.append(language, to: &bytes)
        escapeInPlace(from: start)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Escapes `bytes[start...]` (valid UTF-8, appended as is) as `string` would have written
    /// it: the part from the first byte that needs an escape is rewritten into a stack buffer and
    /// put in its place. Messages with quotes (most English ones) made a `String` of the filled
    /// text, validated it and escaped it again a byte at a time; both passes here skip eight
    /// plain bytes at a time (`--format json`, 10,000 replies: 888 M -> 872 M instructions).
    private mutating func escapeInPlace(from start: Int) {
        let (first, extra) = bytes.withUnsafeBufferPointer { buffer -> (Int, Int) in
            var first = -1
            var extra = 0
            Self.forEachEscaped(in: UnsafeBufferPointer(rebasing: buffer[start...])) { offset, byte in
                if first < 0 { first = start + offset }
                extra += Self.escapedLength(byte) - 1
            }
            return (first, extra)
        }
        guard first >= 0 else { return }
        let length = bytes.count - first + extra
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: length) { staged in
            let out = staged.baseAddress!
            bytes.withUnsafeBufferPointer { buffer in
                let tail = UnsafeBufferPointer(rebasing: buffer[first...])
                var copied = 0
                var written = 0
                Self.forEachEscaped(in: tail) { offset, byte in
                    (out + written).initialize(from: tail.baseAddress! + copied, count: offset - copied)
                    written += offset - copied
                    written += Self.writeEscape(byte, to: out + written)
                    copied = offset + 1
                }
                (out + written).initialize(from: tail.baseAddress! + copied, count: tail.count - copied)
            }
            bytes.removeSubrange(first...)
            bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: length))
        }
    }

    /// Calls `body` with the offset and value of every byte of `text` that a JSON string
    /// escapes, in order. Eight bytes are tested at once (SWAR: a zero byte after xor with `"`
    /// or `\`, or a byte below 0x20), and only a block that may hold one is looked at bytewise.
    @inline(__always)
    private static func forEachEscaped(in text: UnsafeBufferPointer<UInt8>, _ body: (Int, UInt8) -> Void) {
        guard let base = text.baseAddress else { return }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high: UInt64 = 0x8080_8080_8080_8080
        var index = 0
        while text.count - index >= 8 {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let any = ((quote &- ones) & ~quote) | ((backslash &- ones) & ~backslash) | ((word &- ones &* 0x20) & ~word)
            if any & high != 0 {
                for offset in index..<index + 8 where needsEscape(base[offset]) { body(offset, base[offset]) }
            }
            index += 8
        }
        for offset in index..<text.count where needsEscape(base[offset]) { body(offset, base[offset]) }
    }

    /// Whether a JSON string escapes `byte` (`"`, `\`, a control character).
    @inline(__always)
    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }

    /// Writes the escape of `byte` (which needs one) at `out`, as `escape` appends it, and
    /// answers its length.
    private static func writeEscape(_ byte: UInt8, to out: UnsafeMutablePointer<UInt8>) -> Int {
        out[0] = UInt8(ascii: "\\")
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): out[1] = byte
        case 0x0A: out[1] = UInt8(ascii: "n")
        case 0x0D: out[1] = UInt8(ascii: "r")
        case 0x09: out[1] = UInt8(ascii: "t")
        case 0x08: out[1] = UInt8(ascii: "b")
        case 0x0C: out[1] = UInt8(ascii: "f")
        default:
            out[1] = UInt8(ascii: "u")
            out[2] = UInt8(ascii: "0")
            out[3] = UInt8(ascii: "0")
            out[4] = hexDigit(byte >> 4)
            out[5] = hexDigit(byte & 0xF)
            return 6
        }
        return 2
    }

    /// The length of the escape `escape` writes for `byte` (which needs one).
    private static func escapedLength(_ byte: UInt8) -> Int {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0A, 0x0D, 0x09, 0x08, 0x0C: return 2
        default: return 6
        }
    }

    /// A lowercase hexadecimal digit, as `escape` writes it.
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }

    private mutating func escape(_ byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        default:
            bytes.append(UInt8(ascii: "u"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(UInt8(ascii: "0"))
            bytes.append(Self.hexDigit(byte >> 4))
            bytes.append(Self.hexDigit(byte & 0xF))
        }
    }

    /// Appends `value` as a JSON string, or `null`.
    mutating func string(_ value: String?) {
        if let value { string(value) } else { raw("null") }
    }

    /// Appends `value` in decimal (digits staged, one append).
    mutating func int(_ value: Int) {
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        bytes.appendStaged(capacity: 20) { out in
            var writer = StagedWriter(out)
            writer.put(decimal: value)
            return writer.count
        }
    }

    /// Appends `value` in decimal, or `null`.
    mutating func int(_ value: Int?) {
        if let value { int(value) } else { raw("null") }
    }
}
