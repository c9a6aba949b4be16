/// Kind `duplicate-paste`: a passage pasted twice. Fires on the second occurrence of a sentence of
/// at least `minSentence` characters, on the second occurrence of any run of at least `minRun`
/// characters, and when the field equals `compareWith` (e.g. 客户意见). Options: `field`
/// (default handling), `compareWith`, `minSentence` (8), `minRun` (16), `equalMessage` ({zh, en}).
///
/// Linear in the text length: sentences are keyed in a hash table, runs are found with a
/// Rabin–Karp rolling hash over windows of `minRun` scalars, each candidate verified once.
struct DuplicatePasteRule: Rule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let compareWith: CanonicalField?
    let minSentence: Int
    let minRun: Int
    let equalMessage: LocalizedText

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        compareWith = try options.field("compareWith")
        minSentence = try options.int("minSentence") ?? 8
        minRun = try options.int("minRun") ?? 16
        guard minSentence > 0 else { throw options.error("minSentence", "应为正整数", "expected a positive whole number") }
        guard minRun > 1 else { throw options.error("minRun", "应为大于 1 的整数", "expected a whole number above 1") }
        equalMessage = try options.localized("equalMessage") ?? metadata.message
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        guard let value = reply.values[field], !value.isBlank else { return [] }
        let name = reply.name(of: field)
        var findings: [Finding] = []
        if let other = compareWith, let otherValue = reply.values[other], !otherValue.isBlank,
           otherValue.text.trimmingWhitespace() == value.text.trimmingWhitespace() {
            findings.append(Finding(field: other, location: ValueLocation(value: otherValue),
                                    message: equalMessage.filling(["field": reply.name(of: other), "other": name,
                                                                   "text": otherValue.text.excerpt(40)])))
        }
        let scalars = context.scalars(value, of: field)
        for range in Self.repeatedPassages(scalars, minSentence: minSentence, minRun: minRun) {
            findings.append(Finding(field: field, location: ValueLocation(value: value, range: range),
                                    message: metadata.message.filling(["field": name, "text": value.text.scalarSlice(range)])))
        }
        return findings
    }

    /// The ranges of second (and later) occurrences of repeated sentences and runs, in order,
    /// without overlaps.
    static func repeatedPassages(_ text: [UInt32], minSentence: Int, minRun: Int) -> [Range<Int>] {
        var found = repeatedSentences(text, minLength: minSentence)
        for run in repeatedRuns(text, window: minRun) where !found.contains(where: { $0.overlaps(run) }) {
            found.append(run)
        }
        return found.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// Sentences (cut at 。！？； and line breaks, trimmed of spaces and trailing commas) that
    /// occur before; each repeat's range covers the sentence's text.
    static func repeatedSentences(_ text: [UInt32], minLength: Int) -> [Range<Int>] {
        var seen = SeenSentences(text)
        var repeats: [Range<Int>] = []
        var start = 0
        func close(_ end: Int) {
            var lower = start
            var upper = end
            while lower < upper, ScalarClass.isSpace(text[lower]) { lower += 1 }
            while upper > lower, ScalarClass.isSpace(text[upper - 1]) || ScalarClass.isPunctuation(text[upper - 1]) { upper -= 1 }
            guard upper - lower >= minLength else { return }
            if !seen.insert(lower..<upper) { repeats.append(lower..<upper) }
        }
        for index in text.indices where ScalarClass.endsSentence(text[index]) {
            close(index)
            start = index + 1
        }
        close(text.count)
        return repeats
    }

    /// Runs of at least `window` scalars that already occurred earlier without overlapping;
    /// each is extended to its full length and reported once.
    static func repeatedRuns(_ text: [UInt32], window: Int) -> [Range<Int>] {
        guard window > 0, text.count >= 2 * window else { return [] }
        let base: UInt64 = 1_000_003
        var power: UInt64 = 1
        for _ in 1..<window { power = power &* base }
        let count = text.count - window + 1
        var hashes = [UInt64](repeating: 0, count: count)
        var hash: UInt64 = 0
        for index in 0..<window { hash = hash &* base &+ UInt64(text[index]) }
        hashes[0] = hash
        for start in 1..<count {
            hash = (hash &- UInt64(text[start - 1]) &* power) &* base &+ UInt64(text[start + window - 1])
            hashes[start] = hash
        }
        // First start of each window hash; one position per hash keeps the scan linear. A window
        // is compared only with windows that end before it starts (no self-overlap).
        var first = FirstPositions(capacity: count)
        var runs: [Range<Int>] = []
        var skipUntil = 0
        for start in 0..<count {
            if start >= window { first.insertIfAbsent(hashes[start - window], start - window) }
            guard start >= skipUntil, let earlier = first[hashes[start]],
                  text[earlier..<(earlier + window)] == text[start..<(start + window)] else { continue }
            var length = window
            while start + length < text.count, earlier + length < start, text[earlier + length] == text[start + length] {
                length += 1
            }
            runs.append(start..<(start + length))
            skipUntil = start + length
        }
        return runs
    }
}

/// First position of each window hash, in an open-addressing table sized once per text: the
/// rolling-hash scan does one insert and one lookup per scalar, and `[UInt64: Int]` paid SipHash
/// and growth for each (the largest part of the rule).
private struct FirstPositions {
    private var keys: [UInt64]
    private var positions: [Int]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        positions = Array(repeating: -1, count: size)
        mask = size - 1
    }

    /// The slot of `key`: where it is, or the empty slot where it would go (the table is never
    /// more than half full, so there always is one).
    @inline(__always)
    private func slot(_ key: UInt64) -> Int {
        // Fibonacci hashing spreads the polynomial hash's weak low bits over the table.
        var index = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
        while positions[index] >= 0, keys[index] != key { index = (index + 1) & mask }
        return index
    }

    subscript(key: UInt64) -> Int? {
        let index = slot(key)
        return positions[index] >= 0 ? positions[index] : nil
    }

    mutating func insertIfAbsent(_ key: UInt64, _ position: Int) {
        let index = slot(key)
        if positions[index] < 0 {
            keys[index] = key
            positions[index] = position
        }
    }
}

/// The sentences of one text seen so far, as ranges of it, in an open-addressing table keyed by
/// an FNV-1a hash of the scalars: `Set<ArraySlice<UInt32>>` hashed every scalar with SipHash.
/// Grows by doubling, so a text made of thousands of sentences stays linear.
private struct SeenSentences {
    private let text: [UInt32]
    private var hashes: [UInt64]
    private var ranges: [Range<Int>?]
    private var count = 0

    init(_ text: [UInt32]) {
        self.text = text
        hashes = Array(repeating: 0, count: 16)
        ranges = Array(repeating: nil, count: 16)
    }

    private func hash(_ range: Range<Int>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in range { hash = (hash ^ UInt64(text[index])) &* 0x0000_0100_0000_01B3 }
        return hash
    }

    /// Adds the sentence at `range`; false when an equal sentence was there already.
    mutating func insert(_ range: Range<Int>) -> Bool {
        if (count + 1) * 2 > ranges.count { grow() }
        let key = hash(range)
        let mask = ranges.count - 1
        var index = Int(truncatingIfNeeded: key >> 32) & mask
        while let existing = ranges[index] {
            if hashes[index] == key, text[existing] == text[range] { return false }
            index = (index + 1) & mask
        }
        hashes[index] = key
        ranges[index] = range
        count += 1
        return true
    }

    private mutating func grow() {
        let old = zip(hashes, ranges)
        hashes = Array(repeating: 0, count: ranges.count * 2)
        var fresh = [Range<Int>?](repeating: nil, count: ranges.count * 2)
        let mask = fresh.count - 1
        for (key, range) in old {
            guard let range else { continue }
            var index = Int(truncatingIfNeeded: key >> 32) & mask
            while fresh[index] != nil { index = (index + 1) & mask }
            hashes[index] = key
            fresh[index] = range
        }
        ranges = fresh
    }
}
