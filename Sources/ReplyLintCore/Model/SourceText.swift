/// How a value's text is written in its file, so that offsets in the decoded text can be mapped
/// back to file positions (escapes, doubled quotes and line breaks accounted for).
public enum EscapeDialect: Sendable, Hashable {
    /// The decoded text is the source text (line breaks still move to the next line).
    case verbatim
    /// A JSON string body: `\n`, `\"`, `\uXXXX` and surrogate pairs.
    case json
    /// A quoted CSV field body: `""` stands for one `"`.
    case csvQuoted
    /// Only the start is known (e.g. XML text where the parser reports lines only); every offset maps to it.
    case startOnly
}

/// Where a value's text sits in its file.
public struct SourceText: Sendable, Hashable {
    /// File position of the first character of the value's body (after any opening quote).
    public var start: SourcePosition
    /// The body as written in the file, when it differs from the decoded text; `nil` otherwise.
    public var raw: String?
    /// How `raw` encodes the decoded text.
    public var dialect: EscapeDialect

    /// Creates a source description.
    public init(start: SourcePosition, raw: String? = nil, dialect: EscapeDialect = .verbatim) {
        self.start = start
        self.raw = raw
        self.dialect = dialect
    }

    /// The file span of the decoded scalars `range` of `text` (the decoded value).
    public func span(of range: Range<Int>, in text: String) -> SourceSpan {
        let ends = positions(ofSorted: [range.lowerBound, range.upperBound], in: text)
        return SourceSpan(start: ends[0], end: ends[1])
    }

    /// File positions of decoded-scalar `offsets` (ascending) of `text`, found in one walk, so
    /// that placing many findings in one long value stays linear in its length.
    public func positions(ofSorted offsets: [Int], in text: String) -> [SourcePosition] {
        if dialect == .startOnly { return offsets.map { _ in start } }
        // A JSON string body holds no raw line break, and without escapes it is the text itself.
        if raw == nil, dialect == .json {
            return offsets.map { SourcePosition(line: start.line, column: start.column + $0) }
        }
        // Verbatim text without a line feed (nearly every XML or CSV value) is one line too:
        // walking its scalars to count columns was 3% of all XML instructions.
        if raw == nil, dialect == .verbatim, let scalars = Self.scalarCountOnOneLine(text) {
            return offsets.map { SourcePosition(line: start.line, column: start.column + min(max($0, 0), scalars)) }
        }
        var walker = SourceWalker(start: start, dialect: raw == nil ? .verbatim : dialect,
                                  scalars: (raw ?? text).unicodeScalars)
        var walked = 0
        return offsets.map { offset in
            walker.advance(decodedScalars: max(offset - walked, 0))
            walked = max(offset, walked)
            return walker.position
        }
    }
}

extension SourceText {
    /// The number of scalars in `text`, or `nil` when it has a line feed (a walk must count lines).
    static func scalarCountOnOneLine(_ text: String) -> Int? {
        var text = text
        return text.withUTF8 { bytes -> Int? in
            var scalars = 0
            for byte in bytes {
                if byte == 0x0A { return nil }
                if byte & 0xC0 != 0x80 { scalars &+= 1 }
            }
            return scalars
        }
    }
}

/// Walks a value body as written, decoded scalar by decoded scalar, tracking the file position.
struct SourceWalker {
    private(set) var position: SourcePosition
    private let dialect: EscapeDialect
    private let scalars: String.UnicodeScalarView
    private var index: String.UnicodeScalarView.Index

    init(start: SourcePosition, dialect: EscapeDialect, scalars: String.UnicodeScalarView) {
        self.position = start
        self.dialect = dialect
        self.scalars = scalars
        self.index = scalars.startIndex
    }

    mutating func advance(decodedScalars count: Int) {
        var remaining = count
        while remaining > 0, index < scalars.endIndex {
            consumeOne()
            remaining -= 1
        }
    }

    private mutating func step() {
        let scalar = scalars[index]
        index = scalars.index(after: index)
        if scalar == "\n" {
            position.line += 1
            position.column = 1
        } else {
            position.column += 1
        }
    }

    private mutating func consumeOne() {
        let scalar = scalars[index]
        switch dialect {
        case .json where scalar == "\\":
            let next = scalars.index(after: index)
            if next < scalars.endIndex, scalars[next] == "u" {
                let high = hexValue(at: scalars.index(after: next))
                for _ in 0..<6 { step() }
                // A high surrogate followed by `\uDC00`–`\uDFFF` decodes to one scalar.
                if let high, (0xD800...0xDBFF).contains(high), index < scalars.endIndex, scalars[index] == "\\" {
                    let u = scalars.index(after: index)
                    if u < scalars.endIndex, scalars[u] == "u",
                       let low = hexValue(at: scalars.index(after: u)), (0xDC00...0xDFFF).contains(low) {
                        for _ in 0..<6 { step() }
                    }
                }
            } else {
                step(); if index < scalars.endIndex { step() }
            }
        case .csvQuoted where scalar == "\"":
            step(); if index < scalars.endIndex, scalars[index] == "\"" { step() }
        default:
            step()
        }
    }

    private func hexValue(at start: String.UnicodeScalarView.Index) -> UInt32? {
        var value: UInt32 = 0
        var cursor = start
        for _ in 0..<4 {
            guard cursor < scalars.endIndex, let digit = scalars[cursor].hexDigitValue else { return nil }
            value = value << 4 | UInt32(digit)
            cursor = scalars.index(after: cursor)
        }
        return value
    }
}

extension Unicode.Scalar {
    /// The value of an ASCII hex digit, or `nil`.
    var hexDigitValue: Int? {
        switch value {
        case 0x30...0x39: return Int(value - 0x30)
        case 0x41...0x46: return Int(value - 0x41 + 10)
        case 0x61...0x66: return Int(value - 0x61 + 10)
        default: return nil
        }
    }
}
