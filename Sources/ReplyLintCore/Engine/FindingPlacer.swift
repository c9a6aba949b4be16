/// Places the findings of one reply: every offset asked of a value is mapped to its file
/// position in one walk of that value, and a value's scalars are materialised at most once, so a
/// hostile field with thousands of findings costs its length plus its findings, not their product.
struct FindingPlacer {
    private struct Key: Hashable {
        var start: SourcePosition
        var utf8Count: Int
    }
    private var values: [Key: FieldValue] = [:]
    private var offsets: [Key: Set<Int>] = [:]
    private var positions: [Key: [Int: SourcePosition]] = [:]
    private var scalars: [Key: [Unicode.Scalar]] = [:]
    private var scalarCounts: [Key: Int] = [:]

    private func key(_ value: FieldValue) -> Key {
        Key(start: value.source.start, utf8Count: value.text.utf8.count)
    }

    private mutating func scalarCount(_ value: FieldValue, _ key: Key) -> Int {
        if let count = scalarCounts[key] { return count }
        let count = value.text.unicodeScalars.count
        scalarCounts[key] = count
        return count
    }

    /// Notes the offsets `location` needs.
    mutating func request(_ location: ValueLocation) {
        let key = key(location.value)
        values[key] = location.value
        let range = location.range ?? 0..<scalarCount(location.value, key)
        offsets[key, default: []].formUnion([range.lowerBound, range.upperBound])
    }

    /// Maps every requested offset, one walk per value.
    mutating func resolve() {
        for (key, wanted) in offsets {
            guard let value = values[key] else { continue }
            let sorted = wanted.sorted()
            let found = value.source.positions(ofSorted: sorted, in: value.text)
            positions[key] = Dictionary(uniqueKeysWithValues: zip(sorted, found))
        }
    }

    /// The file span of a requested location.
    mutating func span(_ location: ValueLocation) -> SourceSpan {
        let key = key(location.value)
        let range = location.range ?? 0..<scalarCount(location.value, key)
        if let table = positions[key], let start = table[range.lowerBound], let end = table[range.upperBound] {
            return SourceSpan(start: start, end: end)
        }
        return location.span
    }

    /// The offending text of a location.
    mutating func excerpt(_ location: ValueLocation) -> String {
        guard let range = location.range else { return location.value.text }
        let key = key(location.value)
        let all: [Unicode.Scalar]
        if let cached = scalars[key] {
            all = cached
        } else {
            all = Array(location.value.text.unicodeScalars)
            scalars[key] = all
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: all[min(max(0, range.lowerBound), all.count)..<min(all.count, max(range.upperBound, range.lowerBound))])
        return String(view)
    }
}
