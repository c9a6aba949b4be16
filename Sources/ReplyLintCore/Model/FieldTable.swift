/// A map from canonical fields to values stored in a fixed array indexed by the field's ordinal:
/// replies look fields up many times per record, and hashing (SipHash) plus dictionary growth
/// was the largest part of building a reply. Reads like a dictionary (`table[.handling]`),
/// iterates in field order.
public struct FieldTable<Value>: Sequence {
    private var slots: [Value?]
    private var filled = 0

    /// An empty table.
    public init() {
        slots = Array(repeating: nil, count: CanonicalField.count)
    }

    /// The value of `field`, if any.
    @inline(__always)
    public subscript(field: CanonicalField) -> Value? {
        get { slots[field.ordinal] }
        set {
            let index = field.ordinal
            switch (slots[index] == nil, newValue == nil) {
            case (true, false): filled += 1
            case (false, true): filled -= 1
            default: break
            }
            slots[index] = newValue
        }
    }

    /// The value of `field`, or `defaultValue` when absent.
    public subscript(field: CanonicalField, default defaultValue: @autoclosure () -> Value) -> Value {
        get { slots[field.ordinal] ?? defaultValue() }
        set { self[field] = newValue }
    }

    /// Number of fields with a value.
    public var count: Int { filled }

    /// True when no field has a value.
    public var isEmpty: Bool { filled == 0 }

    /// The fields with a value, in field order.
    public var keys: [CanonicalField] { map(\.key) }

    /// Kept for callers written against a dictionary; the table never grows.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {}

    /// Removes the value of `field` and returns it.
    @discardableResult
    public mutating func removeValue(forKey field: CanonicalField) -> Value? {
        let old = self[field]
        self[field] = nil
        return old
    }

    /// Iterates over `(key, value)` pairs in field order.
    public struct Iterator: IteratorProtocol {
        fileprivate var slots: [Value?]
        fileprivate var index = 0

        public mutating func next() -> (key: CanonicalField, value: Value)? {
            while index < slots.count {
                defer { index += 1 }
                if let value = slots[index] { return (CanonicalField.byOrdinal[index], value) }
            }
            return nil
        }
    }

    /// An iterator over the filled fields in field order.
    public func makeIterator() -> Iterator { Iterator(slots: slots) }
}

extension FieldTable: ExpressibleByDictionaryLiteral {
    /// A table from a dictionary literal (later duplicates win, as in assignment).
    public init(dictionaryLiteral elements: (CanonicalField, Value)...) {
        self.init()
        for (field, value) in elements { self[field] = value }
    }
}

extension FieldTable: Sendable where Value: Sendable {}

extension FieldTable: Equatable where Value: Equatable {
    public static func == (lhs: FieldTable, rhs: FieldTable) -> Bool { lhs.slots == rhs.slots }
}
