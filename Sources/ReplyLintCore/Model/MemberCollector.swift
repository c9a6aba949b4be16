/// Collects an object item's members in the order read, keeping the first of each name (names
/// compare as strings, as dictionary keys do). An attachment has two or three members, so a
/// scan of the few names so far beats hashing them (about 4,000 instructions per item in a
/// dictionary); past `scanLimit` members a set of the names keeps hostile input linear.
public struct MemberCollector {
    /// The members so far, for `FieldItem(value:memberList:)`.
    public private(set) var list: [RawField] = []
    private var names: Set<String>?
    private static let scanLimit = 16

    /// An empty collection with room for `capacity` members.
    public init(capacity: Int = 4) {
        list.reserveCapacity(capacity)
    }

    /// Adds the member unless one of the same name came before. The name and value are taken
    /// over: a borrowed value was copied into the list (a `FieldValue` copy per member).
    public mutating func add(_ name: consuming String, _ value: consuming FieldValue) {
        if names != nil {
            guard names!.insert(copy name).inserted else { return }
        } else {
            guard !list.contains(where: { $0.name == name }) else { return }
            if list.count + 1 == Self.scanLimit { names = Set(list.lazy.map(\.name) + [copy name]) }
        }
        list.append(RawField(name: name, value: value))
    }
}
