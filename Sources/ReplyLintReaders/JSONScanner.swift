#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

// Hand-written rather than Foundation's JSONSerialization or Codable: replylint needs the exact
// line and column of every value and of every character inside a string (escapes included), it
// must keep going after a bad JSON Lines line, and it must stream arrays of millions of records.
// No JSON library available here reports source positions.

/// A streaming JSON scanner over a `ByteSource` that builds `RawRecord`s with positions.
struct JSONScanner {
    struct Failure: Error {
        var position: SourcePosition
        var message: LocalizedText
    }

    let source: ByteSource
    /// True for JSON Lines: a line feed ends the record, so white space never crosses it.
    let singleLine: Bool
    /// Nesting deeper than this is refused (hostile input must not exhaust the stack).
    let maxDepth = 64
    private var scratch: [UInt8] = []
    private var raw: [UInt8] = []
    /// The most fields seen in one record so far (capacity hint for the next).
    private var fieldsPerRecord = 8
    /// Empty storage for the next record's fields, handed back by `recycle(_:)`.
    private var spareFields: [RawField] = []
    /// The field names of the records read so far.
    private var names = MemberNameCache()
    /// The same for the members of object items in lists (attachments: `name`, `size` …).
    private var itemNames = MemberNameCache()
    /// Texts of string values read lately (see `TextInterner`).
    private let texts = TextInterner()

    /// Which remembered names an object's member names are checked against.
    enum NameCache {
        /// A record's fields.
        case record
        /// An object item's members.
        case item
    }

    init(source: ByteSource, singleLine: Bool = false) {
        self.source = source
        self.singleLine = singleLine
        scratch.reserveCapacity(4096)
        raw.reserveCapacity(4096)
    }

    func fail(_ zh: String, _ en: String) -> Failure {
        Failure(position: source.position, message: LocalizedText(zh: zh, en: en))
    }

    func unexpected(_ expected: (zh: String, en: String)) -> Failure {
        guard let byte = source.peek() else {
            return fail("文件意外结束，缺少\(expected.zh)", "unexpected end of input, expected \(expected.en)")
        }
        let shown = byte >= 0x20 && byte < 0x7F ? "“\(Character(Unicode.Scalar(byte)))”" : hexByte(byte)
        return fail("此处不应出现 \(shown)，应为\(expected.zh)", "unexpected \(shown), expected \(expected.en)")
    }

    /// Skips JSON white space; in single-line mode it stops before a line feed.
    func skipWhitespace() {
        skipWhitespace(crossingLines: !singleLine)
    }

    /// Skips JSON white space, line feeds included when `crossingLines`.
    func skipWhitespace(crossingLines: Bool) {
        while let byte = source.peek() {
            switch byte {
            case 0x20, 0x09, 0x0D: source.skipASCII()
            case 0x0A where crossingLines: source.next()
            default: return
            }
        }
    }

    func expect(_ byte: UInt8, _ name: (zh: String, en: String)) throws {
        guard source.peek() == byte else { throw unexpected(name) }
        source.skipASCII()
    }

    /// Reads one record object; the next non-blank byte must be `{`.
    mutating func record(index: Int) throws -> RawRecord {
        skipWhitespace()
        let start = source.position
        guard source.peek() == UInt8(ascii: "{") else {
            throw unexpected(("记录对象“{”", "a record object '{'"))
        }
        var record = RawRecord(index: index, start: start)
        swap(&record.fields, &spareFields)
        // Records of one export have the same fields: one allocation instead of doubling (none
        // when the last record's storage came back).
        record.fields.reserveCapacity(fieldsPerRecord)
        try members(depth: 1, names: .record) { name, value in record.fields.append(RawField(name: name, value: value)) }
        fieldsPerRecord = max(fieldsPerRecord, record.fields.count)
        return record
    }

    /// Takes back the fields of a record read here once its reader has handed it on: emptied, and
    /// kept for the next record. When nothing else holds them any more (a reply that shares them
    /// was dropped), the storage is reused; allocating and freeing a record's field array (about
    /// 1,600 bytes, beyond malloc's per-thread cache) cost about 700 instructions a record.
    /// Otherwise emptying makes new storage, as reading the next record would have.
    mutating func recycle(_ fields: inout [RawField]) {
        fields.removeAll(keepingCapacity: true)
        swap(&fields, &spareFields)
    }

    /// Reads an object's members, handing each name and value to `body`; the next byte is `{`.
    /// Member names are matched against the `names` cache first, when one is given. `body` takes
    /// the name and value over, so a record stores them without copying each one.
    mutating func members(depth: Int, names cache: NameCache? = nil, _ body: (consuming String, consuming FieldValue) throws -> Void) throws {
        source.skipASCII()  // {
        skipWhitespace()
        if source.peek() == UInt8(ascii: "}") { source.skipASCII(); return }
        switch cache {
        case .record?: names.startObject()
        case .item?: itemNames.startObject()
        case nil: break
        }
        while true {
            skipWhitespace()
            let name: String
            var colonRead = false
            if let cache, let known = matchName(in: cache) {
                name = known.text
                colonRead = known.withColon
            } else {
                guard source.peek() == UInt8(ascii: "\"") else { throw unexpected(("字段名（带引号的字符串）", "a field name (a quoted string)")) }
                let read = try stringBody()
                name = read.text
                if let cache, !read.escaped { learnName(name, in: cache, withColon: source.peek() == UInt8(ascii: ":")) }
            }
            if !colonRead {
                skipWhitespace()
                // Tested here rather than through `expect`, which was not inlined (6 M instructions).
                guard source.peek() == UInt8(ascii: ":") else { throw unexpected(("冒号“:”", "':'")) }
                source.skipASCII()
            }
            skipWhitespace()
            let value = try self.value(depth: depth + 1)
            // Handed over, not copied: a copy cost a retain and a release of the name per member.
            try body(consume name, consume value)
            skipWhitespace()
            switch source.peek() {
            case UInt8(ascii: ","): source.skipASCII()
            case UInt8(ascii: "}"): source.skipASCII(); return
            default: throw unexpected(("逗号“,”或“}”", "',' or '}'"))
            }
        }
    }

    private mutating func matchName(in cache: NameCache) -> (text: String, withColon: Bool)? {
        switch cache {
        case .record: return names.match(in: source)
        case .item: return itemNames.match(in: source)
        }
    }

    private mutating func learnName(_ name: String, in cache: NameCache, withColon: Bool) {
        switch cache {
        case .record: names.learn(name, withColon: withColon)
        case .item: itemNames.learn(name, withColon: withColon)
        }
    }

    /// Reads any value.
    mutating func value(depth: Int) throws -> FieldValue {
        guard depth <= maxDepth else { throw fail("嵌套超过 \(maxDepth) 层", "nesting deeper than \(maxDepth) levels") }
        let start = source.position
        switch source.peek() {
        case UInt8(ascii: "\""):
            return try string()
        case UInt8(ascii: "["):
            source.skipASCII()
            var items: [FieldItem] = []
            skipWhitespace()
            if source.peek() == UInt8(ascii: "]") {
                source.skipASCII()
                return FieldValue(text: "", source: SourceText(start: start), shape: .list(items))
            }
            while true {
                skipWhitespace()
                if source.peek() == UInt8(ascii: "{") {
                    let itemStart = source.position
                    var members = MemberCollector()
                    try self.members(depth: depth + 1, names: .item) { name, value in members.add(name, value) }
                    items.append(FieldItem(value: FieldValue(text: "", source: SourceText(start: itemStart), shape: .object),
                                           memberList: members.list))
                } else {
                    items.append(FieldItem(value: try value(depth: depth + 1)))
                }
                skipWhitespace()
                switch source.peek() {
                case UInt8(ascii: ","): source.skipASCII()
                case UInt8(ascii: "]"):
                    source.skipASCII()
                    return FieldValue(text: "", source: SourceText(start: start), shape: .list(items))
                default: throw unexpected(("逗号“,”或“]”", "',' or ']'"))
                }
            }
        case UInt8(ascii: "{"):
            try members(depth: depth) { _, _ in }
            return FieldValue(text: "", source: SourceText(start: start), shape: .object)
        case let byte? where byte == UInt8(ascii: "-") || (0x30...0x39).contains(byte):
            return try number(start: start)
        case UInt8(ascii: "t"): return try keyword("true", start: start, shape: .literal)
        case UInt8(ascii: "f"): return try keyword("false", start: start, shape: .literal)
        case UInt8(ascii: "n"): return try keyword("null", start: start, shape: .null)
        default:
            throw unexpected(("一个值", "a value"))
        }
    }

    private func keyword(_ word: String, start: SourcePosition, shape: FieldValue.Shape) throws -> FieldValue {
        for expected in word.utf8 {
            guard source.peek() == expected else { throw unexpected(("“\(word)”", "'\(word)'")) }
            source.skipASCII()
        }
        return FieldValue(text: shape == .null ? "" : word, source: SourceText(start: start), shape: shape)
    }

    private mutating func number(start: SourcePosition) throws -> FieldValue {
        // A number that lies whole in the buffered chunk (followed by another byte there) is
        // read in place: byte-by-byte reading through `scratch` cost about 950 instructions a
        // number. Anything else, malformed numbers included, takes the general path below.
        var inPlace: String?
        source.consumeASCII { bytes in
            let length = Self.numberLength(bytes)
            guard length > 0, length < bytes.count else { return 0 }
            inPlace = UTF8Text.string(trusting: UnsafeBufferPointer(rebasing: bytes[..<length]), isASCII: true)
            return length
        }
        if let inPlace { return FieldValue(text: inPlace, source: SourceText(start: start), shape: .literal) }
        scratch.removeAll(keepingCapacity: true)
        func digits() -> Int {
            var n = 0
            while let byte = source.peek(), (0x30...0x39).contains(byte) { scratch.append(byte); source.next(); n += 1 }
            return n
        }
        if source.peek() == UInt8(ascii: "-") { scratch.append(UInt8(ascii: "-")); source.next() }
        guard digits() > 0 else { throw unexpected(("数字", "a digit")) }
        if source.peek() == UInt8(ascii: ".") {
            scratch.append(UInt8(ascii: ".")); source.next()
            guard digits() > 0 else { throw unexpected(("小数点后的数字", "a digit after '.'")) }
        }
        if let byte = source.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            scratch.append(byte); source.next()
            if let sign = source.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { scratch.append(sign); source.next() }
            guard digits() > 0 else { throw unexpected(("指数数字", "an exponent digit")) }
        }
        // Only ASCII signs and digits were kept: `String(decoding:as:)` validated them again (about
        // 185 instructions a number).
        let text = scratch.withUnsafeBufferPointer { UTF8Text.string(trusting: $0, isASCII: true) }
        return FieldValue(text: text, source: SourceText(start: start), shape: .literal)
    }

    /// How many bytes at the start of `bytes` form a number as `number` reads it (a minus,
    /// digits, then a fraction and an exponent, each with at least one digit), or 0 when they
    /// do not, or when it may go on past the end of `bytes`.
    static func numberLength(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var at = 0
        func digits() -> Bool {
            let first = at
            while at < bytes.count, bytes[at] &- 0x30 < 10 { at += 1 }
            return at > first
        }
        if at < bytes.count, bytes[at] == UInt8(ascii: "-") { at += 1 }
        guard digits() else { return 0 }
        if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
            at += 1
            guard digits() else { return 0 }
        }
        if at < bytes.count, bytes[at] | 0x20 == UInt8(ascii: "e") {
            at += 1
            if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard digits() else { return 0 }
        }
        return at < bytes.count ? at : 0
    }

    /// Reads a string; the next byte is the opening quote.
    mutating func string() throws -> FieldValue {
        let body = try stringBody()
        let written = body.escaped ? String(decoding: raw, as: UTF8.self) : nil
        return FieldValue(text: body.text, source: SourceText(start: body.start, raw: written, dialect: .json))
    }

    /// Reads a string's text, where its body starts and whether it has escapes (the body as
    /// written is then left in `raw`); the next byte is the opening quote. Plain runs are copied
    /// in bulk; `raw` is only filled once an escape shows that the body differs from the text.
    /// Not a `String?` result: member names never use it, and dropping it cost a release per
    /// member.
    private mutating func stringBody() throws -> (text: String, start: SourcePosition, escaped: Bool) {
        let quote = source.position
        source.skipASCII()
        let bodyStart = source.position
        // Most bodies have no escape and end in the buffered chunk: their text is made straight
        // from the chunk, without a copy through `scratch`, and an ASCII one without validation.
        let direct: String? = try source.consumeStringRun { run, stop, isASCII in
            guard stop == UInt8(ascii: "\"") else {
                scratch.removeAll(keepingCapacity: true)
                scratch.append(contentsOf: run)
                return nil
            }
            if run.count >= TextInterner.minimumCount, run.count <= TextInterner.maximumCount {
                // A text met before needs no check and no new string.
                return try texts.text(of: run) {
                    isASCII ? UTF8Text.string(trusting: run, isASCII: true) : try Self.text(of: run, at: bodyStart)
                }
            }
            if isASCII { return UTF8Text.string(trusting: run, isASCII: true) }
            return try Self.text(of: run, at: bodyStart)
        }
        if let direct {
            source.skipASCII()
            return (direct, bodyStart, false)
        }
        var escaped = false
        while true {
            guard let byte = source.peek() else {
                throw Failure(position: quote, message: LocalizedText(zh: "字符串没有结束引号", en: "unterminated string"))
            }
            switch byte {
            case UInt8(ascii: "\""):
                source.next()
                let text = try scratch.withUnsafeBufferPointer { try Self.text(of: $0, at: bodyStart) }
                return (text, bodyStart, escaped)
            case UInt8(ascii: "\\"):
                if !escaped {
                    // Up to the first escape the body as written equals the decoded bytes.
                    escaped = true
                    raw.removeAll(keepingCapacity: true)
                    raw.append(contentsOf: scratch)
                }
                try escape()
            case 0x00..<0x20:
                if byte == 0x0A {
                    throw Failure(position: quote, message: LocalizedText(zh: "字符串没有结束引号（行尾）", en: "unterminated string (end of line)"))
                }
                throw fail("字符串中有未转义的控制字符", "unescaped control character in a string")
            default:
                // The run stopped at the end of a chunk; the next one continues it.
                break
            }
            let before = scratch.count
            if source.consumeStringRun(appendingTo: &scratch) > 0, escaped {
                raw.append(contentsOf: scratch[before...])
            }
        }
    }

    /// The text of a string body, which must be valid UTF-8 (the failure is placed at `start`).
    /// Not the generic `String(validating:as:)`, which looks up type metadata at run time on
    /// every call (15% of all instructions in the profile); see `UTF8Text` for the speed.
    private static func text(of bytes: UnsafeBufferPointer<UInt8>, at start: SourcePosition) throws -> String {
        guard let text = UTF8Text.string(validating: bytes) else {
            throw Failure(position: start, message: LocalizedText(zh: "字符串不是有效的 UTF-8 编码", en: "the string is not valid UTF-8"))
        }
        return text
    }

    private mutating func escape() throws {
        let at = source.position
        raw.append(UInt8(ascii: "\\"))
        source.next()
        guard let kind = source.next() else { throw fail("转义序列不完整", "incomplete escape sequence") }
        raw.append(kind)
        let simple: UInt8?
        switch kind {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw Failure(position: at, message: LocalizedText(zh: "无效的转义序列", en: "invalid escape sequence"))
        }
        if let simple { scratch.append(simple); return }
        var value = try hex4(at: at)
        if (0xD800...0xDBFF).contains(value) {
            guard source.peek() == UInt8(ascii: "\\") else {
                throw Failure(position: at, message: LocalizedText(zh: "代理对缺少低位部分", en: "high surrogate without a low surrogate"))
            }
            raw.append(UInt8(ascii: "\\")); source.next()
            guard source.next() == UInt8(ascii: "u") else {
                throw Failure(position: at, message: LocalizedText(zh: "代理对缺少低位部分", en: "high surrogate without a low surrogate"))
            }
            raw.append(UInt8(ascii: "u"))
            let low = try hex4(at: at)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw Failure(position: at, message: LocalizedText(zh: "无效的代理对", en: "invalid surrogate pair"))
            }
            value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(value) {
            throw Failure(position: at, message: LocalizedText(zh: "孤立的低位代理", en: "lone low surrogate"))
        }
        guard let scalar = Unicode.Scalar(value) else {
            throw Failure(position: at, message: LocalizedText(zh: "无效的 Unicode 字符", en: "invalid Unicode scalar"))
        }
        var encoded = String(scalar)
        encoded.withUTF8 { scratch.append(contentsOf: $0) }
    }

    private mutating func hex4(at: SourcePosition) throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = source.next() else {
                throw Failure(position: at, message: LocalizedText(zh: "\\u 后应有 4 位十六进制数", en: "\\u needs 4 hex digits"))
            }
            raw.append(byte)
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw Failure(position: at, message: LocalizedText(zh: "\\u 后应有 4 位十六进制数", en: "\\u needs 4 hex digits"))
            }
            value = value << 4 | digit
        }
        return value
    }

    /// Skips to just after the next line feed (JSON Lines recovery).
    func skipLine() {
        while let byte = source.next(), byte != 0x0A {}
    }
}

private func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF")
    return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
}
