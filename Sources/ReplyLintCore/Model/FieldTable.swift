/// A map from canonical fields to values, indexed by the field's ordinal: replies look fields up
/// many times per record, and hashing (SipHash) plus dictionary growth was the largest part of
/// building a reply. Reads like a dictionary (`table[.handling]`), iterates in field order.
///
/// Values are stored densely, in the order they were set, with each field's position packed in
/// three words: a reply's four tables then allocate only for the values they hold, and freeing
/// a reply destroys only those values (a slot per field, `[Value?]`, had every slot destroyed
/// through the generic `Optional` value witnesses: 150 M instructions per 10k records).
public struct FieldTable<Value>: Sequence {
    private var stored: [Value] = []
    /// For each field ordinal: 1 + the index of its value in `stored`, or 0.
    private var positions = FieldPositions()

    /// An empty table.
    public init() {}

    /// 1 + the index of the value of field `ordinal` in `stored`, or 0 when it has none.
    @inline(__always)
    private func position(_ ordinal: Int) -> Int {
        positions[ordinal]
    }

    @inline(__always)
    private mutating func setPosition(_ ordinal: Int, _ position: Int) {
        positions[ordinal] = position
    }

    /// The value of `field`, if any.
    @inline(__always)
    public subscript(field: CanonicalField) -> Value? {
        get {
            let position = position(field.ordinal)
            return position == 0 ? nil : stored[position - 1]
        }
        set {
            let ordinal = field.ordinal
            let position = position(ordinal)
            if let newValue {
                if position == 0 {
                    stored.append(newValue)
                    setPosition(ordinal, stored.count)
                } else {
                    stored[position - 1] = newValue
                }
            } else if position != 0 {
                stored.remove(at: position - 1)
                setPosition(ordinal, 0)
                for other in 0..<CanonicalField.count where self.position(other) > position {
                    setPosition(other, self.position(other) - 1)
                }
            }
        }
    }

    /// Sets the value of `field`, which has none yet: unlike the subscript's setter, no optional
    /// is built and unwrapped and no old value looked for (two per field of every reply).
    @inline(__always)
    public mutating func add(_ value: Value, for field: CanonicalField) {
        let ordinal = field.ordinal
        assert(position(ordinal) == 0, "\(field) already has a value")
        stored.append(value)
        setPosition(ordinal, stored.count)
    }

    /// True when `field` has a value (no value is copied to find out).
    @inline(__always)
    public func contains(_ field: CanonicalField) -> Bool {
        position(field.ordinal) != 0
    }

    /// The value of `field`, or `defaultValue` when absent.
    public subscript(field: CanonicalField, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[field] ?? defaultValue() }
        set { self[field] = newValue }
    }

    /// Number of fields with a value.
    public var count: Int { stored.count }

    /// True when no field has a value.
    public var isEmpty: Bool { stored.isEmpty }

    /// The fields with a value, in field order.
    public var keys: [CanonicalField] { map(\.key) }

    /// Reserves room for `minimumCapacity` values.
    public mutating func reserveCapacity(_ minimumCapacity: Int) {
        stored.reserveCapacity(minimumCapacity)
    }

    /// Removes the value of `field` and returns it.
    @discardableResult
    public mutating func removeValue(forKey field: CanonicalField) -> Value? {
        let old = self[field]
        self[field] = nil
        return old
    }

    /// Iterates over `(key, value)` pairs in field order.
    public struct Iterator: IteratorProtocol {
        fileprivate let table: FieldTable
        fileprivate var ordinal = 0

        public mutating func next() -> (key: CanonicalField, value: Value)? {
            while ordinal < CanonicalField.count {
                defer { ordinal += 1 }
                let position = table.position(ordinal)
                if position != 0 { return (CanonicalField.byOrdinal[ordinal], table.stored[position - 1]) }
            }
            return nil
        }
    }

    /// An iterator over the filled fields in field order.
    public func makeIterator() -> Iterator { Iterator(table: self) }
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
    /// Equal when the same fields have equal values (whatever order they were set in).
    public static func == (lhs: FieldTable, rhs: FieldTable) -> Bool {
        guard lhs.count == rhs.count else { return false }
        return lhs.allSatisfy { rhs[$0.key] == $0.value }
    }
}
