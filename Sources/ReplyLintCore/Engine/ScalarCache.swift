/// Scalars of a reply's fields by field, filled on first use. Lives for one reply on one thread.
final class ScalarCache: @unchecked Sendable {
    // Nearly every reply has one field scanned (the handling text): it is kept here, and only
    // other fields go to a table. A table for every reply cost an allocation and, when the
    // cache went away, a release of each of its slots.
    private var firstField: CanonicalField?
    private var firstScalars: [UInt32] = []
    /// The first field's scalars when the runner decoded them into storage of its own
    /// (`keep(_:nonHan:of:)` with a buffer), which then stands for `firstScalars`.
    private var firstBuffer: UnsafeBufferPointer<UInt32>?
    private var others: FieldTable<[UInt32]>?
    /// `NonHanOffsets` of `firstScalars` as the runner's phrase pass listed them (`keep`).
    private var firstNonHan: UnsafeBufferPointer<UInt32>?
    /// `NonHanOffsets` of `firstScalars` found here, when the runner did not list them.
    private var foundNonHan: [UInt32]?

    /// True until a field's scalars are cached: the next field kept is the first one.
    var isEmpty: Bool { firstField == nil }

    /// The scalars of `field`'s value in `values` (none when it has no value): decoded on first
    /// use unless `keep` gave them. Asked by field, so that the rules need not copy the value out
    /// of the table first (a `FieldValue` copied and destroyed cost 160 instructions, five
    /// rules a reply).
    func scalars(of field: CanonicalField, in values: FieldValueTable) -> [UInt32] {
        if field == firstField { return firstBuffer.map(Array.init) ?? firstScalars }
        if let cached = others?[field] { return cached }
        let scalars = Self.decode(values.text(of: field) ?? "")
        keep(scalars, of: field)
        return scalars
    }

    /// Calls `body` with `scalars(of:in:)`, read in place: no array is made for scalars the
    /// runner decoded into storage of its own.
    func withScalars<R>(of field: CanonicalField, in values: FieldValueTable, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        if field == firstField, let firstBuffer { return body(firstBuffer) }
        return scalars(of: field, in: values).withUnsafeBufferPointer(body)
    }

    /// Calls `body` with the offsets of the scalars of `field` (as `scalars(of:in:)` gives them)
    /// that are not basic Han ideographs (`NonHanOffsets`): listed by the runner or found once
    /// for the first field cached (the handling text, which two rules ask for), found on every
    /// call for another field (no rule of the built-in pack asks for one).
    func withNonHanOffsets<R>(of field: CanonicalField, in values: FieldValueTable, _ body: (UnsafeBufferPointer<UInt32>) -> R) -> R {
        if field == firstField, let listed = firstNonHan { return body(listed) }
        if field == firstField, let found = foundNonHan { return found.withUnsafeBufferPointer(body) }
        let found = withScalars(of: field, in: values) { NonHanOffsets.of($0) }
        if field == firstField { foundNonHan = found }
        return found.withUnsafeBufferPointer(body)
    }

    /// Caches `scalars`, the decoded value of `field` (which has none cached yet), and `nonHan`,
    /// their `NonHanOffsets` when the caller listed them (kept for the first field only; the
    /// caller keeps that storage alive as long as the cache is read): the runner's phrase pass
    /// decodes the fields it scans and hands their scalars over here.
    func keep(_ scalars: [UInt32], nonHan: UnsafeBufferPointer<UInt32>? = nil, of field: CanonicalField) {
        if firstField == nil {
            firstField = field
            firstScalars = scalars
            firstNonHan = nonHan
        } else {
            others = others ?? FieldTable()
            others?[field] = scalars
        }
    }

    /// Caches `scalars`, the decoded value of `field`, which is the first field cached, in storage
    /// the caller keeps alive as long as the cache is read, with `nonHan` as in
    /// `keep(_:nonHan:of:)`: an array per reply cost an allocation and freeing it (10 M
    /// instructions per 10,000 replies).
    func keep(_ scalars: UnsafeBufferPointer<UInt32>, nonHan: UnsafeBufferPointer<UInt32>?, of field: CanonicalField) {
        precondition(firstField == nil, "only the first field is kept in the caller's storage")
        firstField = field
        firstBuffer = scalars
        firstNonHan = nonHan
    }

    /// The scalar values of `text`, decoded straight from its UTF-8 into an array of the exact
    /// size: `unicodeScalars.map(\.value)` went through the generic `map` and cost 4% of all
    /// instructions.
    static func decode(_ text: String) -> [UInt32] {
        let decoded = text.utf8.withContiguousStorageIfAvailable { bytes in
            Array(unsafeUninitializedCapacity: scalarCount(bytes)) { scalars, initialized in
                var index = 0
                var written = 0
                while index < bytes.count {
                    scalars[written] = UTF8Scalar.next(bytes, at: &index)
                    written &+= 1
                }
                initialized = written
            }
        }
        return decoded ?? text.unicodeScalars.map(\.value)
    }

    /// The number of scalars in valid UTF-8: its bytes less its continuation bytes (10xxxxxx),
    /// counted eight at a time (a byte loop cost 4 instructions a byte).
    static func scalarCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        var count = bytes.count
        var index = 0
        while bytes.count - index >= 8 {
            // One per continuation byte in each byte lane; at most 31 words a round, so that
            // the lanes' sum (at most 248) fits the top byte of the multiply below.
            var lanes: UInt64 = 0
            for _ in 0..<min((bytes.count - index) / 8, 31) {
                let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                lanes &+= (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
                index &+= 8
            }
            count &-= Int(truncatingIfNeeded: (lanes &* 0x0101_0101_0101_0101) >> 56)
        }
        while index < bytes.count {
            if bytes[index] & 0xC0 == 0x80 { count &-= 1 }
            index &+= 1
        }
        return count
    }
}
