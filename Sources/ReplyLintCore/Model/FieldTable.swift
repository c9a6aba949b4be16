/// A map from canonical fields to values stored in a fixed array indexed by the field's ordinal:
/// replies look fields up many times per record, and hashing (SipHash) plus dictionary growth
/// was the largest part of building a reply. Reads like a dictionary (`table[.handling]`),
/// iterates in field order.
public struct FieldTable<Value>: Sequence {
    private var slots: [Value?]
    /// Bit `ordinal` is set when that field has a value: presence tests read no slot, so they
    /// copy (retain and release) no value.
    private var filled: UInt32 = 0

    /// An empty table.
    public init() {
        // Appended into reserved storage rather than `Array(repeating:count:)`: that allocation
        // is not specialised and looks the element type's metadata up at run time, which made
        // the four tables of a reply cost 3,500 instructions per record.
        var slots: [Value?] = []
        slots.reserveCapacity(CanonicalField.count)
        for _ in 0..<CanonicalField.count { slots.append(nil) }
        self.slots = slots
    }

    /// The value of `field`, if any.
    @inline(__always)
    public subscript(field: CanonicalField) -> Value? {
        get { slots[field.ordinal] }
        set {
            let index = field.ordinal
            if newValue == nil { filled &= ~(1 << index) } else { filled |= 1 << index }
            slots[index] = newValue
        }
    }

    /// True when `field` has a value.
    @inline(__always)
    public func contains(_ field: CanonicalField) -> Bool {
        filled & 1 << field.ordinal != 0
    }

    /// The value of `field`, or `defaultValue` when absent.
    public subscript(field: CanonicalField, default defaultValue: @autoclosure () -> Value) -> Value {
        get { slots[field.ordinal] ?? defaultValue() }
        set { self[field] = newValue }
    }

    /// Number of fields with a value.
    public var count: Int { filled.nonzeroBitCount }

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
