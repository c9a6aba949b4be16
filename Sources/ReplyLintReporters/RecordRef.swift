/// A record that was read, so that reports listing records (JUnit) can show clean ones too.
public struct RecordRef: Sendable, Hashable {
    /// 0-based index of the record in its file (the diagnostics' `record`).
    public var index: Int
    /// The record's `id`, if it has one.
    public var id: String?

    /// Creates a reference to a record.
    public init(index: Int, id: String?) {
        self.index = index
        self.id = id
    }

    /// The name reports give the record: its id, or `record N` with N its 0-based index.
    public var displayName: String {
        Self.displayName(index: index, id: id)
    }

    /// The name for a record known only by index and optional id.
    public static func displayName(index: Int, id: String?) -> String {
        if let id, !id.isEmpty { return id }
        return "record \(index)"
    }
}
