/// A 1-based line and column in a source file; columns count Unicode code points.
public struct SourcePosition: Sendable, Hashable, Comparable, Codable {
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode code points.
    public var column: Int

    /// Creates a position from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file.
    public static let start = SourcePosition(line: 1, column: 1)

    /// Moves past one byte of UTF-8 text: a line feed starts the next line, and a byte that
    /// begins a scalar (not a continuation byte) moves one column, so columns count code points.
    @inlinable @inline(__always)
    public mutating func advance(overUTF8 byte: UInt8) {
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    public static func < (lhs: SourcePosition, rhs: SourcePosition) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}

/// A half-open span in a file: `end` is one past the last character, as in SARIF and LSP.
public struct SourceSpan: Sendable, Hashable, Codable {
    /// Position of the first character.
    public var start: SourcePosition
    /// Position one past the last character.
    public var end: SourcePosition

    /// Creates a span from its start and exclusive end.
    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }
}
