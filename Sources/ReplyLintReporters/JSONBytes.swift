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

    /// Starts the next member of the open object with its key.
    mutating func key(_ name: StaticString) {
        separate()
        raw("\"")
        raw(name)
        if pretty { raw("\" : ") } else { raw("\":") }
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
        bytes.append(UInt8(ascii: "\""))
        var value = value
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
        let plain = bytes.withUnsafeBufferPointer { all in
            !all[start...].contains { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }
        }
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

    /// Appends `value` in decimal.
    mutating func int(_ value: Int) {
        guard value >= 0 else { return bytes.append(contentsOf: String(value).utf8) }
        var divisor = 1
        while value / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    /// Appends `value` in decimal, or `null`.
    mutating func int(_ value: Int?) {
        if let value { int(value) } else { raw("null") }
    }
}
