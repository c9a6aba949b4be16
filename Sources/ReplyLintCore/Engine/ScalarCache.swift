/// Scalars of a reply's fields by field, filled on first use. Lives for one reply on one thread.
final class ScalarCache: @unchecked Sendable {
    private var table = FieldTable<[UInt32]>()

    func scalars(_ value: FieldValue, of field: CanonicalField) -> [UInt32] {
        if let cached = table[field] { return cached }
        let scalars = value.text.unicodeScalars.map(\.value)
        table[field] = scalars
        return scalars
    }
}
