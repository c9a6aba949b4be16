/// Kind `duplicate-paste`: a passage pasted twice. Fires on the second occurrence of a sentence of
/// at least `minSentence` characters, on the second occurrence of any run of at least `minRun`
/// characters, and when the field equals `compareWith` (e.g. 客户意见). Options: `field`
/// (default handling), `compareWith`, `minSentence` (8), `minRun` (16), `equalMessage` ({zh, en}).
///
/// Linear in the text length: sentences are keyed in a hash table, runs are found with a
/// Rabin–Karp rolling hash over windows of `minRun` scalars in a table that compares contents.
struct DuplicatePasteRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let compareWith: CanonicalField?
    let minSentence: Int
    let minRun: Int
    /// The message for a field equal to `compareWith`: placeholders `field`, `other`, `text`.
    let equalMessage: MessageTemplate
    /// The rule's message for a repeat: placeholders `field`, `text`.
    let repeatMessage: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        compareWith = try options.field("compareWith")
        minSentence = try options.int("minSentence") ?? 8
        minRun = try options.int("minRun") ?? 16
        guard minSentence > 0 else { throw options.error("minSentence", "应为正整数", "expected a positive whole number") }
        guard minRun > 1 else { throw options.error("minRun", "应为大于 1 的整数", "expected a whole number above 1") }
        // Split at load time, values given in the template's order: a dictionary of names built
        // per finding and LocalizedText.filling looking each placeholder up in it cost about
        // 8,000 instructions more per finding (635 findings per 10,000 replies).
        equalMessage = MessageTemplate(try options.localized("equalMessage") ?? metadata.message, names: ["field", "other", "text"])
        repeatMessage = MessageTemplate(metadata.message, names: ["field", "text"])
    }

    /// The field scanned for repeats.
    var scalarFields: [CanonicalField] { [field] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The values are copied out of the reply only for a finding: the texts do for comparing.
        guard !reply.values.isBlank(field) else { return }
        if let other = compareWith, !reply.values.isBlank(other), let text = reply.values.text(of: field),
           let otherText = reply.values.text(of: other), !Self.differAtAnEnd(otherText, text),
           Self.trimmed(otherText) == Self.trimmed(text), let otherValue = reply.values[other] {
            sink.append(Finding(field: other, location: ValueLocation(value: otherValue),
                                message: equalMessage.filling([Self.same(reply.name(of: other)), Self.same(reply.name(of: field)),
                                                               Self.same(otherValue.text.excerpt(40))])))
        }
        // The closures capture the field and the lengths alone: capturing `self` copied and
        // destroyed the whole rule per reply (12 M instructions per 10,000 replies). The scalars
        // are read in place, and an array of them is made only for a finding.
        let (field, minSentence, minRun) = (field, minSentence, minRun)
        let passages = context.withScalars(of: field, in: reply) { scalars in
            context.withNonHanOffsets(of: field, in: reply) {
                Self.repeatedPassages(scalars, nonHan: $0, minSentence: minSentence, minRun: minRun)
            }
        }
        guard !passages.isEmpty, let value = reply.values[field] else { return }
        let scalars = context.scalars(of: field, in: reply)
        for range in passages {
            sink.append(Finding(field: field, location: ValueLocation(value: value, range: range),
                                message: repeatMessage.filling([Self.same(reply.name(of: field)), Self.same(Self.text(scalars[range]))])))
        }
    }

    /// `text` in both languages.
    private static func same(_ text: String) -> LocalizedText {
        LocalizedText(zh: text, en: text)
    }

    /// True when `first` and `second` start, or end, with different plain characters: visible
    /// ASCII, basic Han ideographs (U+4E00–U+9FFF), 。 or ，. None is white space, has a
    /// canonical decomposition or combines with a neighbour, so such a character stays the
    /// first (last) of the canonical decomposition and the strings are not equal, trimmed or
    /// not: `==` with its normalising comparison need not run (367 instructions a pair, 2.7 M
    /// per 10,000 replies; the opinion is mostly 满意 or 理解, the handling text starts with a
    /// date and ends with 。).
    static func differAtAnEnd(_ first: String, _ second: String) -> Bool {
        first.utf8.withContiguousStorageIfAvailable { first in
            second.utf8.withContiguousStorageIfAvailable { second in
                // The plain character at `index` packed as its bytes, or nil.
                func plain(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> UInt32? {
                    guard index >= 0, index < bytes.count else { return nil }
                    let lead = bytes[index]
                    if lead < 0x80 { return lead &- 0x21 < 0x5E ? UInt32(lead) : nil }
                    guard bytes.count - index >= 3 else { return nil }
                    let packed = UInt32(lead) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                    let isHan = (lead == 0xE4 && bytes[index + 1] >= 0xB8) || lead &- 0xE5 < 5
                    return isHan || packed == 0xE3_8082 || packed == 0xEF_BC8C ? packed : nil
                }
                func lastStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
                    guard let last = bytes.last else { return -1 }
                    return last < 0x80 ? bytes.count - 1 : bytes.count - 3
                }
                if let one = plain(first, 0), let other = plain(second, 0), one != other { return true }
                if let one = plain(first, lastStart(first)), let other = plain(second, lastStart(second)), one != other { return true }
                return false
            } ?? false
        } ?? false
    }

    /// `text.trimmingWhitespace()`, answered from the first and last bytes when they begin or
    /// end a visible character (nearly every value): the general trim looks up the Unicode
    /// white-space property of both end scalars (370 instructions per value, two values per reply).
    static func trimmed(_ text: String) -> String {
        let visible: Bool? = text.utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = bytes.first, let last = bytes.last else { return false }
            func startsVisible(_ index: Int) -> Bool {
                let lead = bytes[index]
                if lead &- 0x21 < 0x5E { return true }
                // U+3000–U+3FFF but U+3000 itself, U+4000–U+9FFF, U+F000–U+FFFF: none is white space.
                guard bytes.count - index >= 3 else { return false }
                return (lead == 0xE3 && !(bytes[index + 1] == 0x80 && bytes[index + 2] == 0x80)) || lead &- 0xE4 < 6 || lead == 0xEF
            }
            guard first &- 0x21 < 0x5E || startsVisible(0) else { return false }
            return last &- 0x21 < 0x5E || (bytes.count >= 3 && bytes[bytes.count - 1] & 0xC0 == 0x80
                                            && bytes[bytes.count - 2] & 0xC0 == 0x80 && startsVisible(bytes.count - 3))
        }
        return visible == true ? text : text.trimmingWhitespace()
    }

    /// The text of decoded `scalars`, encoded to UTF-8 here: `String.scalarSlice` walked the
    /// field's scalars again from its start, and building a `UnicodeScalarView` went through
    /// unspecialised generics (20,000 instructions a finding either way).
    private static func text(_ scalars: ArraySlice<UInt32>) -> String {
        var utf8: [UInt8] = []
        utf8.reserveCapacity(scalars.count * 4)
        for value in scalars {
            if value < 0x80 {
                utf8.append(UInt8(value))
            } else if value < 0x800 {
                utf8.append(UInt8(0xC0 | value >> 6))
                utf8.append(UInt8(0x80 | value & 0x3F))
            } else if value < 0x10000 {
                utf8.append(UInt8(0xE0 | value >> 12))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            } else {
                utf8.append(UInt8(0xF0 | value >> 18))
                utf8.append(UInt8(0x80 | value >> 12 & 0x3F))
                utf8.append(UInt8(0x80 | value >> 6 & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    /// The ranges of second (and later) occurrences of repeated sentences and runs, in order,
    /// without overlaps.
    static func repeatedPassages(_ text: [UInt32], minSentence: Int, minRun: Int) -> [Range<Int>] {
        text.withUnsafeBufferPointer { text in
            NonHanOffsets.of(text).withUnsafeBufferPointer { repeatedPassages(text, nonHan: $0, minSentence: minSentence, minRun: minRun) }
        }
    }

    /// `repeatedPassages(_:minSentence:minRun:)` given `nonHan`, the offsets of the scalars of
    /// `text` that are not basic Han (`NonHanOffsets`).
    static func repeatedPassages(_ text: UnsafeBufferPointer<UInt32>, nonHan: UnsafeBufferPointer<UInt32>, minSentence: Int,
                                 minRun: Int) -> [Range<Int>] {
        precondition(text.count < Int(UInt32.max), "the tables keep positions as UInt32")
        var found = repeatedSentences(text, nonHan: nonHan, minLength: minSentence)
        for run in repeatedRuns(text, window: minRun) where !found.contains(where: { $0.overlaps(run) }) {
            found.append(run)
        }
        // Nearly every text has no repeat: no sorted copy of an empty list (1.6 M instructions
        // per 10,000 replies).
        return found.count > 1 ? found.sorted { $0.lowerBound < $1.lowerBound } : found
    }

    /// Sentences (cut at 。！？； and line breaks, trimmed of spaces and trailing commas) that
    /// occur before; each repeat's range covers the sentence's text.
    static func repeatedSentences(_ text: [UInt32], minLength: Int) -> [Range<Int>] {
        text.withUnsafeBufferPointer { text in
            NonHanOffsets.of(text).withUnsafeBufferPointer { repeatedSentences(text, nonHan: $0, minLength: minLength) }
        }
    }

    /// `repeatedSentences(_:minLength:)` given `nonHan`, the offsets of the scalars of `text`
    /// that are not basic Han (`NonHanOffsets`): every mark that ends a sentence is among them.
    static func repeatedSentences(_ text: UnsafeBufferPointer<UInt32>, nonHan: UnsafeBufferPointer<UInt32>, minLength: Int) -> [Range<Int>] {
        // Counted sentences are disjoint and at least `minLength` long, which bounds their number:
        // the table is sized once, on the stack for a typical reply (the growing table it replaces
        // allocated twice per reply).
        let size = tableSize(text.count / minLength + 1)
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: size) { seen in
            seen.initialize(repeating: 0)
            return repeatedSentences(text, nonHan: nonHan, minLength: minLength, seen: seen)
        }
    }

    /// `repeatedSentences` with `seen`, a zeroed table of at least twice as many slots as there
    /// can be sentences, a power of two. A slot holds a sentence as `lower + 1 | upper << 32`.
    /// (All state is local here: captured by a closure, it was stored and reloaded per scalar.)
    private static func repeatedSentences(_ text: UnsafeBufferPointer<UInt32>, nonHan: UnsafeBufferPointer<UInt32>,
                                          minLength: Int, seen: UnsafeMutableBufferPointer<UInt64>) -> [Range<Int>] {
        let shift = UInt64(64 - seen.count.trailingZeroBitCount)
        var repeats: [Range<Int>] = []
        var start = 0
        // The next of `nonHan` to test: sentences end at increasing offsets, so each is tested
        // once (looking for the end among all scalars cost 6 M instructions per 10,000 replies).
        var next = 0
        while start <= text.count {
            var end = text.count
            while next < nonHan.count {
                let offset = Int(nonHan[next])
                next &+= 1
                if ScalarClass.endsSentence(text[offset]) {
                    end = offset
                    break
                }
            }
            defer { start = end &+ 1 }
            var lower = start
            var upper = end
            while lower < upper, ScalarClass.isSpace(text[lower]) { lower &+= 1 }
            while upper > lower, ScalarClass.isSpace(text[upper &- 1]) || ScalarClass.isPunctuation(text[upper &- 1]) { upper &-= 1 }
            guard upper &- lower >= minLength else { continue }
            // Keyed by the length and the first and last four scalars: equal sentences get equal
            // keys, and slots are compared by content anyway. Hashing every scalar cost 3.6 M
            // instructions per 10,000 replies.
            var hash = UInt64(truncatingIfNeeded: upper &- lower) &* 0x0000_0100_0000_01B3
            if upper &- lower <= 8 {
                for index in lower..<upper { hash = (hash ^ UInt64(text[index])) &* 0x0000_0100_0000_01B3 }
            } else {
                for index in lower..<(lower &+ 4) { hash = (hash ^ UInt64(text[index])) &* 0x0000_0100_0000_01B3 }
                for index in (upper &- 4)..<upper { hash = (hash ^ UInt64(text[index])) &* 0x0000_0100_0000_01B3 }
            }
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> shift)
            var repeated = false
            while seen[slot] != 0 {
                let other = Int(truncatingIfNeeded: seen[slot] & 0xFFFF_FFFF) &- 1
                let otherUpper = Int(truncatingIfNeeded: seen[slot] >> 32)
                if otherUpper &- other == upper &- lower, equal(text, other, lower, count: upper &- lower) {
                    repeated = true
                    break
                }
                slot = (slot &+ 1) & (seen.count &- 1)
            }
            if repeated {
                repeats.append(lower..<upper)
            } else {
                seen[slot] = UInt64(truncatingIfNeeded: lower &+ 1) | UInt64(truncatingIfNeeded: upper) << 32
            }
        }
        return repeats
    }

    /// Runs of at least `window` scalars that already occurred earlier without overlapping;
    /// each is extended to its full length and reported once.
    ///
    /// One pass with a Rabin–Karp rolling hash and one probe per window in an open-addressing
    /// table of first positions that compares contents, so hash collisions cannot hide a repeat.
    /// A window's first occurrence is recorded when it is first seen, and a later window counts
    /// when that first occurrence ends before it starts — the same as looking it up among the
    /// windows that end before it, without a second lagging pass or an array of hashes (the
    /// earlier version cost 4.5% of all instructions).
    static func repeatedRuns(_ text: [UInt32], window: Int) -> [Range<Int>] {
        text.withUnsafeBufferPointer { repeatedRuns($0, window: window) }
    }

    /// `repeatedRuns(_:window:)` for scalars read in place.
    static func repeatedRuns(_ text: UnsafeBufferPointer<UInt32>, window: Int) -> [Range<Int>] {
        guard window > 0, text.count >= 2 * window else { return [] }
        let size = tableSize(text.count - window + 1)
        // Almost no text has a repeat: the sampled filter proves that for about 98% of the
        // handling texts at some 18 instructions per scalar instead of the table's 29.
        guard window < 4 || mayRepeat(text, window: window) else { return [] }
        // First start + 1 of each distinct window (0: empty); on the stack for a typical reply.
        return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: size) { firsts in
            firsts.initialize(repeating: 0)
            return repeatedRuns(text, window: window, firsts: firsts)
        }
    }

    /// `repeatedRuns` with `firsts`, a zeroed table of at least twice as many slots as windows,
    /// a power of two. (All state is local here: captured by a closure, it was stored and
    /// reloaded per window.)
    private static func repeatedRuns(_ text: UnsafeBufferPointer<UInt32>, window: Int,
                                     firsts: UnsafeMutableBufferPointer<UInt32>) -> [Range<Int>] {
        let mask = firsts.count &- 1
        let base: UInt64 = 1_000_003
        var power: UInt64 = 1
        for _ in 1..<window { power = power &* base }
        var runs: [Range<Int>] = []
        var skipUntil = 0
        var hash: UInt64 = 0
        for index in 0..<window { hash = hash &* base &+ UInt64(text[index]) }
        for start in 0...(text.count &- window) {
            if start > 0 {
                hash = (hash &- UInt64(text[start &- 1]) &* power) &* base &+ UInt64(text[start &+ window &- 1])
            }
            var slot = Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
            var earlier = -1
            while firsts[slot] != 0 {
                let candidate = Int(truncatingIfNeeded: firsts[slot]) &- 1
                if equal(text, candidate, start, count: window) {
                    earlier = candidate
                    break
                }
                slot = (slot &+ 1) & mask
            }
            guard earlier >= 0 else {
                firsts[slot] = UInt32(truncatingIfNeeded: start &+ 1)
                continue
            }
            guard start >= skipUntil, earlier &+ window <= start else { continue }
            let run = extended(text, earlier: earlier, start: start, window: window)
            runs.append(run)
            skipUntil = run.upperBound
        }
        return runs
    }

    /// False only when no window of `window` (at least 4) scalars occurs again at least `window`
    /// scalars later; true when one may (checked exactly by the table).
    ///
    /// With `step` = ⌊window/2⌋ and `gram` = window − step + 1, every window contains a gram that
    /// starts at a multiple of `step` (a sample), and its copy contains the same gram at least
    /// `window` ≥ 2·`step` positions later. So it is enough to hash the gram at every position and
    /// look it up among the samples at least 2·`step` before it: a Bloom filter of 1,024 flags
    /// (the most kept on the stack) with two per sample answers that with one rolling-hash step and one byte test per position
    /// and no table to fill (`repeatedRuns` probed and stored one table slot per window: 24.9 M
    /// instructions per 10,000 replies). Flags are bytes and indexed by the polynomial hash's top
    /// bits as they are: a bit map and a mixing multiply cost 6 instructions more per position.
    static func mayRepeat(_ text: UnsafeBufferPointer<UInt32>, window: Int) -> Bool {
        let step = window / 2
        let gram = window - step + 1
        let last = text.count - gram
        guard last >= 2 * step else { return false }
        let base: UInt64 = 1_000_003
        var power: UInt64 = 1
        for _ in 1..<gram { power = power &* base }
        var hash: UInt64 = 0
        for index in 0..<gram { hash = hash &* base &+ UInt64(text[index]) }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: last / step + 1) { samples in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 1024) { flags in
                flags.initialize(repeating: 0)
                // Samples are taken at the start of each block of `step` positions; the one two
                // blocks back is added to the filter before the block is probed. The first two
                // blocks meet no sample, so they are only hashed.
                var start = 0
                var block = 0
                while block < 2 {
                    samples[block] = hash
                    for position in (start &+ 1)...(start &+ step) {
                        hash = (hash &- UInt64(text[position &- 1]) &* power) &* base &+ UInt64(text[position &+ gram &- 1])
                    }
                    start &+= step
                    block &+= 1
                }
                while true {
                    samples[block] = hash
                    let old = samples[block &- 2]
                    flags[Int(truncatingIfNeeded: old >> 54)] = 1
                    flags[Int(truncatingIfNeeded: old >> 44) & 1023] = 1
                    let end = min(start &+ step, last &+ 1)
                    var position = start
                    while true {
                        if flags[Int(truncatingIfNeeded: hash >> 54)] != 0, flags[Int(truncatingIfNeeded: hash >> 44) & 1023] != 0 {
                            return true
                        }
                        position &+= 1
                        guard position < end else { break }
                        hash = (hash &- UInt64(text[position &- 1]) &* power) &* base &+ UInt64(text[position &+ gram &- 1])
                    }
                    guard end <= last else { return false }
                    hash = (hash &- UInt64(text[end &- 1]) &* power) &* base &+ UInt64(text[end &+ gram &- 1])
                    start = end
                    block &+= 1
                }
            }
        }
    }

    /// The run at `start` that repeats the window at `earlier`, extended as far as it matches
    /// without reaching `start`. Out of line: it is rare, and inlined it pushed the state of the
    /// scan into memory.
    @inline(never)
    private static func extended(_ text: UnsafeBufferPointer<UInt32>, earlier: Int, start: Int, window: Int) -> Range<Int> {
        var length = window
        while start &+ length < text.count, earlier &+ length < start, text[earlier &+ length] == text[start &+ length] {
            length &+= 1
        }
        return start..<(start &+ length)
    }

    /// The slots of a linear-probing table for `entries` keys: a power of two, at most half full.
    private static func tableSize(_ entries: Int) -> Int {
        var size = 16
        while size < entries * 2 { size <<= 1 }
        return size
    }

    /// True when the `count` scalars at `first` and at `second` are equal.
    @inline(__always)
    private static func equal(_ text: UnsafeBufferPointer<UInt32>, _ first: Int, _ second: Int, count: Int) -> Bool {
        var offset = 0
        while offset < count, text[first &+ offset] == text[second &+ offset] { offset &+= 1 }
        return offset == count
    }
}
