/// A fixed table from names to values that matches a text's exact UTF-8 bytes. Per-record lookups
/// of field names, types and areas used `[String: …]` and `String ==`, which NFC-normalise
/// non-ASCII text to hash and compare it (about 460 instructions per field-name lookup); here a
/// lookup hashes the first bytes and compares a few. Byte-equal texts are equal strings, so
/// a hit always answers what the string lookup would; a miss may still be a canonically
/// equivalent spelling, which callers send on to their general path.
struct ExactNames<Value> {
    /// Every name's UTF-8, one after the other.
    private var bytes: [UInt8] = []
    /// Where each name lies in `bytes`, its first eight bytes as one word (`head`), and its value.
    /// Comparing the heads first settles most probes without a byte loop (a lookup took about
    /// 190 instructions when every probe compared bytes one by one).
    private var entries: [(start: Int, count: Int, head: UInt64, value: Value)] = []
    /// Open addressing: index + 1 into `entries`, 0 for an empty slot; the size is a power of two.
    private var slots: [Int32]
    /// Each name as a `String` made here, by the two words of its representation, and its value.
    /// A string of up to 15 UTF-8 bytes (nearly every field name, type, area and flag) is those
    /// bytes and their count in these two words, so a text with the same contents has the same
    /// words: one hash and two compares answer, where lending the bytes and probing `slots` cost
    /// about 116 instructions per field name. Equal words are always the same string (a longer
    /// name's words hold a pointer to storage that `names` keeps alive, which no text shares), so
    /// a hit needs no check; a miss goes on to the byte lookup. Open addressing as in `slots`.
    private var wordSlots: [(words: (UInt64, UInt64), value: Value)?]
    /// The strings whose words `wordSlots` holds, kept alive so that no other string gets their storage.
    private var names: [String] = []

    /// A table of `pairs`; for a name given twice, the later value wins.
    init(_ pairs: [(name: String, value: Value)]) {
        var size = 8
        while size < pairs.count * 4 { size *= 2 }
        slots = Array(repeating: 0, count: size)
        wordSlots = Array(repeating: nil, count: size)
        for (name, value) in pairs {
            let utf8 = Array(name.utf8)
            if let existing = utf8.withUnsafeBufferPointer({ index(of: $0) }) {
                entries[existing].value = value
                let words = Self.words(of: names[existing])
                var slot = Self.hash(words) & (size - 1)
                while wordSlots[slot]!.words != words { slot = (slot + 1) & (size - 1) }
                wordSlots[slot]!.value = value
                continue
            }
            // Made from the bytes, so that a name of up to 15 bytes is in the inline form readers' strings have.
            let stored = String(decoding: utf8, as: UTF8.self)
            names.append(stored)
            let words = Self.words(of: stored)
            var wordSlot = Self.hash(words) & (size - 1)
            while wordSlots[wordSlot] != nil { wordSlot = (wordSlot + 1) & (size - 1) }
            wordSlots[wordSlot] = (words, value)
            let head = utf8.withUnsafeBufferPointer { Self.head($0) }
            entries.append((bytes.count, utf8.count, head, value))
            bytes += utf8
            var slot = Self.hash(head, count: utf8.count) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(entries.count)
        }
    }

    /// The value whose name is byte for byte `text`, if any.
    @inline(__always)
    func value(for text: String) -> Value? {
        let words = Self.words(of: text)
        let mask = wordSlots.count - 1
        var slot = Self.hash(words) & mask
        while let entry = wordSlots[slot] {
            if entry.words == words { return entry.value }
            slot = (slot &+ 1) & mask
        }
        return valueByBytes(for: text)
    }

    /// The value whose name is byte for byte `text`, found by its bytes (kept out of line: the
    /// inlined part above then only reads the string's words, and a caller reading the name in
    /// place need not copy it).
    @inline(never)
    private func valueByBytes(for text: String) -> Value? {
        // Native strings (all that readers make) lend their bytes in place.
        if let found = text.utf8.withContiguousStorageIfAvailable({ index(of: $0) }) {
            return found.map { entries[$0].value }
        }
        return Array(text.utf8).withUnsafeBufferPointer { index(of: $0) }.map { entries[$0].value }
    }

    private func index(of name: UnsafeBufferPointer<UInt8>) -> Int? {
        let mask = slots.count - 1
        let head = Self.head(name)
        var slot = Self.hash(head, count: name.count) & mask
        return slots.withUnsafeBufferPointer { slots in
            entries.withUnsafeBufferPointer { entries in
                bytes.withUnsafeBufferPointer { known in
                    while true {
                        let entry = Int(slots[slot])
                        if entry == 0 { return nil }
                        let candidate = entries[entry &- 1]
                        if candidate.head == head, candidate.count == name.count,
                           name.count <= 8 || Self.same(known, from: candidate.start, name) {
                            return entry &- 1
                        }
                        slot = (slot &+ 1) & mask
                    }
                }
            }
        }
    }

    /// True when `name` equals `name.count` bytes of `known` from `start`, past the first eight
    /// (the heads are equal). Names are short: eight bytes at a time, the last eight overlapping
    /// what came before, beats calling `memcmp` (and a byte loop: a third of a long CSV name's lookup).
    @inline(__always)
    private static func same(_ known: UnsafeBufferPointer<UInt8>, from start: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let knownBase = known.baseAddress, let nameBase = name.baseAddress else { return name.count <= 8 }
        let left = UnsafeRawPointer(knownBase + start), right = UnsafeRawPointer(nameBase)
        var i = 8
        while i < name.count {
            let offset = min(i, name.count - 8)
            if left.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                != right.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
            i &+= 8
        }
        return true
    }

    /// The first eight bytes of `bytes` (fewer zero-padded) as one little-endian word.
    @inline(__always)
    private static func head(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        if bytes.count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(base[i]) << (8 &* UInt64(i)) }
        return word
    }

    /// The two words a `String` is made of (its bits only: nothing is read through them).
    @inline(__always)
    private static func words(of text: String) -> (UInt64, UInt64) {
        unsafeBitCast(text, to: (UInt64, UInt64).self)
    }

    /// The two words of a string, mixed.
    @inline(__always)
    private static func hash(_ words: (UInt64, UInt64)) -> Int {
        let word = (words.0 ^ words.1 &* 0xFF51_AFD7_ED55_8CCD) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: word ^ word >> 29)
    }

    /// The head and the length, mixed: names of one table differ early, and a collision only
    /// costs a probe.
    @inline(__always)
    private static func hash(_ head: UInt64, count: Int) -> Int {
        let word = (head ^ UInt64(truncatingIfNeeded: count) &* 0xFF51_AFD7_ED55_8CCD) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: word ^ word >> 29)
    }
}

extension ExactNames: Sendable where Value: Sendable {}
