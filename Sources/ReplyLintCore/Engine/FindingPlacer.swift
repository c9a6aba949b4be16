/// Places the findings of one reply: every offset asked of a value is mapped to its file
/// position in one walk of that value, so a hostile field with thousands of findings costs its
/// length plus its findings, not their product. Excerpts are cut when a report reads them
/// (`DiagnosticExcerpt`), each by its own walk of the value, except on a value with many
/// findings, whose UTF-8 offsets are mapped here in the same single pass.
/// Values live in a small array searched linearly (a reply has a handful of findings; the
/// dictionaries keyed by struct and the `Set<Int>` per value that this replaced cost more than
/// placing), with a table by key only once a reply has many placed values.
struct FindingPlacer {
    private struct Key: Hashable {
        var start: SourcePosition
        var utf8Count: Int
    }

    private struct Entry {
        var key: Key
        /// The value last requested under `key` (its text is the one mapped).
        var value: FieldValue
        /// Requested decoded-scalar offsets; sorted and unique after `resolve`.
        var offsets: [Int]
        /// File position of each offset, after `resolve`.
        var positions: [SourcePosition] = []
        /// Whether a location with a range was requested (only those need UTF-8 offsets).
        var ranged: Bool
        /// UTF-8 offset in `value.text` of each offset (clamped to the text), after `resolve`,
        /// when `ranged` and the value has more than `lazyExcerptLimit` locations: a whole-value
        /// excerpt is the text itself.
        var utf8Offsets: [Int] = []
    }

    /// Up to this many locations on a value, its excerpts are cut when read (walking it once
    /// each); above, they are cut here from offsets mapped in one pass.
    static let lazyExcerptLimit = 8
    /// Above this many values, keys are also kept in `index`.
    private static let linearLimit = 16
    private var entries: [Entry] = []
    private var index: [Key: Int] = [:]

    private static func key(_ value: FieldValue) -> Key {
        Key(start: value.source.start, utf8Count: value.text.utf8.count)
    }

    private func entry(for key: Key) -> Int? {
        if entries.count > Self.linearLimit { return index[key] }
        return entries.firstIndex { $0.key == key }
    }

    /// The number of scalars of `text`, counted on its UTF-8 (`unicodeScalars.count` decodes
    /// every scalar).
    private static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8(ScalarCache.scalarCount)
    }

    /// Notes the offsets `location` needs.
    mutating func request(_ location: ValueLocation) {
        let key = Self.key(location.value)
        let range = location.range ?? 0..<Self.scalarCount(location.value.text)
        if let found = entry(for: key) {
            entries[found].value = location.value
            entries[found].offsets.append(range.lowerBound)
            entries[found].offsets.append(range.upperBound)
            if location.range != nil { entries[found].ranged = true }
            return
        }
        if entries.isEmpty { entries.reserveCapacity(4) }
        entries.append(Entry(key: key, value: location.value, offsets: [range.lowerBound, range.upperBound],
                             ranged: location.range != nil))
        if entries.count == Self.linearLimit + 1 {
            for (position, entry) in entries.enumerated() { index[entry.key] = position }
        } else if entries.count > Self.linearLimit + 1 {
            index[key] = entries.count - 1
        }
    }

    /// Notes the offsets a finding needs (its location's and its fix's), read from the finding in
    /// place.
    mutating func request(_ finding: Finding) {
        if let location = finding.location { request(location) }
        if let fix = finding.fix { request(fix.location) }
    }

    /// Maps every requested offset, one walk per value (and one pass over its UTF-8).
    mutating func resolve() {
        for position in entries.indices {
            var offsets = entries[position].offsets
            let mapsExcerpts = entries[position].ranged && offsets.count > 2 * Self.lazyExcerptLimit
            if offsets.count > 2 || offsets[0] > offsets[1] {
                offsets.sort()
                var unique = 1
                for next in 1..<offsets.count where offsets[next] != offsets[unique - 1] {
                    offsets[unique] = offsets[next]
                    unique += 1
                }
                offsets.removeSubrange(unique...)
            } else if offsets[0] == offsets[1] {
                offsets.removeLast()
            }
            let value = entries[position].value
            entries[position].positions = value.source.positions(ofSorted: offsets, in: value.text)
            if mapsExcerpts {
                entries[position].utf8Offsets = Self.utf8Offsets(ofSorted: offsets, in: value.text)
            }
            entries[position].offsets = offsets
        }
    }

    /// The UTF-8 offset of each decoded-scalar offset (ascending) of `text`, clamped to its ends.
    private static func utf8Offsets(ofSorted offsets: [Int], in text: String) -> [Int] {
        var text = text
        return text.withUTF8 { bytes in
            var result: [Int] = []
            result.reserveCapacity(offsets.count)
            var byte = 0
            var scalar = 0
            for offset in offsets {
                while scalar < offset, byte < bytes.count {
                    byte += 1
                    while byte < bytes.count, bytes[byte] & 0xC0 == 0x80 { byte += 1 }
                    scalar += 1
                }
                result.append(offset <= 0 ? 0 : byte)
            }
            return result
        }
    }

    /// Where `offset` sits in an entry's sorted `offsets`.
    private func slot(of offset: Int, in offsets: [Int]) -> Int? {
        if offsets.count <= 8 { return offsets.firstIndex(of: offset) }
        var low = 0
        var high = offsets.count
        while low < high {
            let middle = (low + high) / 2
            if offsets[middle] < offset { low = middle + 1 } else { high = middle }
        }
        return low < offsets.count && offsets[low] == offset ? low : nil
    }

    /// The file span of a requested location.
    func span(_ location: ValueLocation) -> SourceSpan {
        let key = Self.key(location.value)
        guard let found = entry(for: key), !entries[found].positions.isEmpty else { return location.span }
        let offsets = entries[found].offsets
        let range = location.range ?? 0..<Self.scalarCount(location.value.text)
        guard let start = slot(of: range.lowerBound, in: offsets), let end = slot(of: range.upperBound, in: offsets) else {
            return location.span
        }
        return SourceSpan(start: entries[found].positions[start], end: entries[found].positions[end])
    }

    /// The file span of a requested finding's location; `nil` when it has none.
    func span(of finding: Finding) -> SourceSpan? {
        guard let location = finding.location else { return nil }
        return span(location)
    }

    /// The excerpt of a requested finding's location; `nil` when it has none.
    func excerpt(of finding: Finding) -> DiagnosticExcerpt? {
        guard let location = finding.location else { return nil }
        return excerpt(location)
    }

    /// The offending text of a location: a slice of the value's UTF-8 (no scalars decoded), cut
    /// now only if its value's offsets were mapped.
    func excerpt(_ location: ValueLocation) -> DiagnosticExcerpt {
        guard let range = location.range else { return DiagnosticExcerpt(location.value.text) }
        let text = location.value.text
        if let found = entry(for: Self.key(location.value)), !entries[found].utf8Offsets.isEmpty,
           entries[found].value.text == text,
           let lower = slot(of: range.lowerBound, in: entries[found].offsets),
           let upper = slot(of: range.upperBound, in: entries[found].offsets) {
            return DiagnosticExcerpt(Self.slice(text, entries[found].utf8Offsets[lower]..<entries[found].utf8Offsets[upper]))
        }
        return DiagnosticExcerpt(of: text, scalars: range)
    }

    /// The text of UTF-8 offsets `bytes` (on scalar boundaries) of `text`.
    private static func slice(_ text: String, _ bytes: Range<Int>) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: bytes.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: bytes.upperBound)
        return String(text[lower..<upper])
    }
}
