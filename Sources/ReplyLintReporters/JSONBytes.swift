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

    /// Starts the next member of the open object with its key: the separator, line break and
    /// indent, quoted key and colon staged on the stack and appended at once (four appends per
    /// key cost 440 instructions, a third of a JSON Lines report).
    mutating func key(_ name: StaticString) {
        let indent = pretty ? depth * 2 : 0
        let first = empty
        let pretty = self.pretty
        empty = false
        bytes.appendStaged(capacity: name.utf8CodeUnitCount + indent + 6) { out in
            var writer = StagedWriter(out)
            if !first { writer.put(UInt8(ascii: ",")) }
            if pretty {
                writer.put(0x0A)
                for _ in 0..<indent { writer.put(UInt8(ascii: " ")) }
            }
            writer.put(UInt8(ascii: "\""))
            writer.put(name)
            writer.put(pretty ? "\" : " : "\":")
            return writer.count
        }
    }

    /// Whether `text` holds a byte that a JSON string escapes (`"`, `\`, a control character).
    private static func needsEscaping(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        for byte in text where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return true }
        return false
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
        let plain = bytes.withUnsafeBufferPointer { !Self.needsEscaping(UnsafeBufferPointer(rebasing: $0[start...])) }
        if !plain {
            let raw = String(decoding: bytes[start...], as: UTF8.self)
            bytes.removeSubrange((start - 1)...)
            string(raw)
            return
        }
        bytes.append(UInt8(ascii: "\""))
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
            for nibble in [byte >> 4, byte & 0xF] {
                bytes.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
            }
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
