/// An attachment of a reply: its name and size, and where each is written.
public struct Attachment: Sendable, Hashable {
    /// The file name as written.
    public var name: String
    /// The size in bytes, when given (or resolved from `--attachments-dir`).
    public var size: Int64?
    /// The value the name is written in, and the scalar range of the name within it.
    public var nameLocation: ValueLocation
    /// Where the size is written, when it is.
    public var sizeLocation: ValueLocation?

    /// Creates an attachment.
    public init(name: String, size: Int64?, nameLocation: ValueLocation, sizeLocation: ValueLocation? = nil) {
        self.name = name
        self.size = size
        self.nameLocation = nameLocation
        self.sizeLocation = sizeLocation
    }
}

/// A place inside a field value: the value, and optionally a range of its decoded scalars.
public struct ValueLocation: Sendable, Hashable {
    /// The value.
    public var value: FieldValue
    /// Decoded-scalar range inside `value.text`; `nil` for the whole value.
    public var range: Range<Int>?

    /// Creates a location.
    public init(value: FieldValue, range: Range<Int>? = nil) {
        self.value = value
        self.range = range
    }

    /// The file span.
    public var span: SourceSpan { value.span(of: range) }
}
