/// A reply's values by canonical field, read where the reader put them: the table shares the
/// record's field array (one retain) and keeps each canonical field's place in it. Copying every
/// value out of the record into a table of its own went through `FieldValue`'s outlined copy
/// and destroy witnesses (147k of each per 10k records); the field's name comes from the same
/// place, so no table of names is filled either.
public struct FieldValueTable: Sequence, Sendable {
    /// The record's fields, or (for a table filled by assignment) the values set.
    private var fields: [RawField] = []
    /// For each field ordinal: 1 + the index of its field in `fields`, or 0.
    private var positions = FieldPositions()
    /// Number of fields with a value.
    public private(set) var count = 0

    /// The largest record a table can share: positions are bytes.
    static let shareLimit = FieldPositions.limit

    /// An empty table.
    public init() {}

    /// A table that reads values from `fields` (at most `shareLimit` of them), where
    /// `add(fieldAt:for:)` then places each canonical field.
    init(sharing fields: [RawField]) {
        assert(fields.count <= Self.shareLimit, "positions are bytes")
        self.fields = fields
    }

    /// Makes the shared field at `index` the value of `field`, which has none yet.
    @inline(__always)
    mutating func add(fieldAt index: Int, for field: CanonicalField) {
        assert(positions[field.ordinal] == 0, "\(field) already has a value")
        positions[field.ordinal] = index + 1
        count += 1
    }

    /// Adds a copy of `raw` as the value of `field`, which has none yet (for records too big to share).
    mutating func add(_ raw: RawField, for field: CanonicalField) {
        if fields.count == Self.shareLimit { keepOnlyPlacedFields() }
        fields.append(raw)
        positions[field.ordinal] = fields.count
        count += 1
    }

    /// The value of `field`, if any.
    public subscript(field: CanonicalField) -> FieldValue? {
        @inline(__always) get {
            let position = positions[field.ordinal]
            return position == 0 ? nil : fields[position - 1].value
        }
        set {
            let ordinal = field.ordinal
            let position = positions[ordinal]
            if let newValue {
                if position == 0 {
                    add(RawField(name: field.rawValue, value: newValue), for: field)
                } else {
                    fields[position - 1].value = newValue
                }
            } else if position != 0 {
                positions[ordinal] = 0
                count -= 1
            }
        }
    }

    /// True when `field` has a value.
    @inline(__always)
    public func contains(_ field: CanonicalField) -> Bool {
        positions[field.ordinal] != 0
    }

    /// True when no field has a value.
    public var isEmpty: Bool { count == 0 }

    /// The text of `field`'s value, if any (the value itself is not copied).
    @inline(__always)
    public func text(of field: CanonicalField) -> String? {
        let position = positions[field.ordinal]
        return position == 0 ? nil : fields[position - 1].value.text
    }

    /// True when `field` has no value or a blank one (the value itself is not copied).
    @inline(__always)
    public func isBlank(_ field: CanonicalField) -> Bool {
        isBlank(ordinal: field.ordinal)
    }

    /// True when the field of ordinal `ordinal` has no value or a blank one.
    @inline(__always)
    func isBlank(ordinal: Int) -> Bool {
        let position = positions[ordinal]
        return position == 0 || fields[position - 1].value.isBlank
    }

    /// The name `field` has in the file, if it has a value.
    public func name(of field: CanonicalField) -> String? {
        let position = positions[field.ordinal]
        return position == 0 ? nil : fields[position - 1].name
    }

    /// Drops the fields no canonical field points at, so that positions stay bytes.
    private mutating func keepOnlyPlacedFields() {
        var kept: [RawField] = []
        kept.reserveCapacity(count + 1)
        for ordinal in 0..<CanonicalField.count where positions[ordinal] != 0 {
            kept.append(fields[positions[ordinal] - 1])
            positions[ordinal] = kept.count
        }
        fields = kept
    }

    /// Iterates over `(key, value)` pairs in field order.
    public struct Iterator: IteratorProtocol {
        fileprivate let table: FieldValueTable
        fileprivate var ordinal = 0

        /// The next field with a value and its value.
        public mutating func next() -> (key: CanonicalField, value: FieldValue)? {
            while ordinal < CanonicalField.count {
                defer { ordinal += 1 }
                let position = table.positions[ordinal]
                if position != 0 { return (CanonicalField.byOrdinal[ordinal], table.fields[position - 1].value) }
            }
            return nil
        }
    }

    /// An iterator over the filled fields in field order.
    public func makeIterator() -> Iterator { Iterator(table: self) }
}
