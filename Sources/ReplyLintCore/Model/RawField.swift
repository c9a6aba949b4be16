/// One field of a raw record: the name the file gives it and its value.
///
/// A struct rather than a `(name:, value:)` tuple: arrays of tuples copy and destroy their
/// elements through the runtime's generic tuple witnesses (`tuple_destroy`,
/// `tuple_initializeWithCopy`, which walk the tuple's metadata per element); a struct gets
/// its own, and a builder can read one member of a field without copying the other.
public struct RawField: Sendable {
    /// The field's name as written in the file.
    public var name: String
    /// The field's value.
    public var value: FieldValue

    /// Creates a field.
    @inlinable
    public init(name: String, value: FieldValue) {
        self.name = name
        self.value = value
    }
}
