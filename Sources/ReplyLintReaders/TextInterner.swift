/// Recently read texts of `minimumCount` to `maximumCount` UTF-8 bytes, by their bytes, so that a
/// text read again is the same `String` (one retain) instead of a new one. Such texts are heap
/// strings (more than the 15 bytes a string holds inline), and an export repeats many of them:
/// units (`国网湖州供电公司`) and timestamps (`2024-01-01 12:28`, often twice in one record).
/// Making one, checking its UTF-8 and freeing it cost about 450 instructions; on 10k JSON Lines
/// records four texts in ten of these lengths were met again here. Longer texts are not kept:
/// keeping those of up to 128 bytes too (requests written from templates, nearly all repeated)
/// measured no better, with each compared whole.
///
/// Direct-mapped: each text has one slot, chosen by a hash of its bytes, and a new text there
/// takes the slot over, so input with ever-new texts costs one probe each and the memory stays
/// fixed. A slot keeps the text's first and last 16 bytes: with the length, they are all of
/// it, so a probe compares four words and never reads the string.
/// A class over a raw allocation: a scanner reads one text after another through it, and an
/// array there paid a uniqueness check per probe.
final class TextInterner {
    private struct Slot {
        /// Bytes 0..<8, 8..<16, count-16..<count-8 and count-8..<count of the text.
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
        /// The text's byte count; 0 for an empty slot.
        var count = 0
        var text = ""
    }

    /// The shortest text kept (shorter ones are inline strings, free to make).
    static let minimumCount = 16
    /// The longest text kept (the four words hold at most this many bytes).
    static let maximumCount = 32
    private static let slotCount = 1024
    private let slots: UnsafeMutablePointer<Slot>

    /// An interner with every slot empty.
    init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: Slot(), count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The text of `bytes` (`minimumCount` to `maximumCount` of them): the kept one when it has
    /// the same bytes, else the one `make` makes, which is kept (it must be the text of `bytes`).
    /// `make` may throw (a check of the bytes); nothing is kept then.
    @inline(__always)
    func text(of bytes: UnsafeBufferPointer<UInt8>, _ make: () throws -> String) rethrows -> String {
        let count = bytes.count
        assert(count >= Self.minimumCount && count <= Self.maximumCount)
        guard let base = bytes.baseAddress else { return try make() }
        let raw = UnsafeRawPointer(base)
        let words = (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
                     raw.loadUnaligned(fromByteOffset: count &- 16, as: UInt64.self),
                     raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self))
        var mixed = words.0 ^ words.1 &* 0x9E37_79B9_7F4A_7C15 ^ words.2 &* 0xC2B2_AE3D_27D4_EB4F
        mixed ^= (words.3 ^ UInt64(truncatingIfNeeded: count)) &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 29
        let slot = slots + Int(truncatingIfNeeded: (mixed &* 0x9E37_79B9_7F4A_7C15) >> 54) & (Self.slotCount - 1)
        if slot.pointee.count == count, slot.pointee.words == words { return slot.pointee.text }
        let text = try make()
        slot.pointee = Slot(words: words, count: count, text: text)
        return text
    }
}
