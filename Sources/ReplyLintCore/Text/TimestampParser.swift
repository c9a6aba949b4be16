/// Parses the timestamp forms of SPEC §2.2 into seconds since 1970-01-01T00:00:00Z:
/// `2014-06-03 17:40[:00]`, `2014/6/3 17:40`, ISO 8601 with or without offset,
/// `2014年6月3日17时40分` (also `17:40`, `17点40分`). A date alone means midnight.
/// Without an offset the time is in `defaultOffsetSeconds` (China Standard Time, UTC+8).
/// Hand-written rather than Foundation's formatters: one pass over scalars, no locale or
/// calendar objects, and all of these forms at once.
public struct TimestampParser: Sendable {
    /// Offset from UTC applied when the text gives none.
    public var defaultOffsetSeconds: Int

    /// Creates a parser; the default offset is UTC+8.
    public init(defaultOffsetSeconds: Int = 8 * 3600) {
        self.defaultOffsetSeconds = defaultOffsetSeconds
    }

    /// Seconds since the Unix epoch, or `nil` when the text is not a timestamp.
    public func parse(_ text: String) -> Int64? {
        if let seconds = parseCommonForm(text) { return seconds }
        var cursor = ScalarCursor(Array(text.trimmingWhitespace().unicodeScalars))
        guard let year = cursor.number(minDigits: 4, maxDigits: 4) else { return nil }
        guard cursor.skip(oneOf: ["-", "/", "年", "."]) else { return nil }
        guard let month = cursor.number(minDigits: 1, maxDigits: 2) else { return nil }
        guard cursor.skip(oneOf: ["-", "/", "月", "."]) else { return nil }
        guard let day = cursor.number(minDigits: 1, maxDigits: 2) else { return nil }
        _ = cursor.skip(oneOf: ["日", "号"])
        guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
        var hour = 0, minute = 0, second = 0
        var offset = defaultOffsetSeconds
        cursor.skipSpaces()
        if !cursor.atEnd {
            _ = cursor.skip(oneOf: ["T", "t"])
            cursor.skipSpaces()
            guard let h = cursor.number(minDigits: 1, maxDigits: 2) else { return nil }
            hour = h
            guard cursor.skip(oneOf: [":", "时", "點", "点", "時"]) else { return nil }
            cursor.skipSpaces()
            if let m = cursor.number(minDigits: 1, maxDigits: 2) {
                minute = m
                _ = cursor.skip(oneOf: ["分"])
                if cursor.skip(oneOf: [":"]) || cursor.peekIsDigit {
                    guard let s = cursor.number(minDigits: 1, maxDigits: 2) else { return nil }
                    second = s
                    _ = cursor.skip(oneOf: ["秒"])
                    if cursor.skip(oneOf: [".", ","]) {
                        guard cursor.number(minDigits: 1, maxDigits: 9) != nil else { return nil }
                    }
                }
            } else if !cursor.atEnd {
                return nil
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            cursor.skipSpaces()
            if cursor.skip(oneOf: ["Z", "z"]) {
                offset = 0
            } else if let sign = cursor.sign() {
                // ±HH, ±HH:MM or ±HHMM
                guard let first = cursor.number(minDigits: 2, maxDigits: 4) else { return nil }
                var hh = first, mm = 0
                if cursor.lastDigitCount == 4 {
                    hh = first / 100; mm = first % 100
                } else if cursor.lastDigitCount == 2, cursor.skip(oneOf: [":"]) {
                    guard let minutes = cursor.number(minDigits: 2, maxDigits: 2) else { return nil }
                    mm = minutes
                } else if cursor.lastDigitCount != 2 {
                    return nil
                }
                guard hh <= 14, mm <= 59 else { return nil }
                offset = sign * (hh * 3600 + mm * 60)
            }
        }
        cursor.skipSpaces()
        guard cursor.atEnd else { return nil }
        let days = Self.daysFromCivil(year: year, month: month, day: day)
        return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offset)
    }

    /// The date of the last text `parse(_:memo:)` read in the common form, and its day number:
    /// the timestamps of one record mostly fall on one day, and checking and converting the date
    /// was half of a timestamp's cost.
    struct DayMemo {
        /// The text's first eight bytes (`YYYY-MM-`); 0 (never a date) until a date is read.
        var head: UInt64 = 0
        /// The text's ninth and tenth bytes (`DD`).
        var day: UInt64 = 0
        /// Days since 1970-01-01 of that date.
        var days = 0
    }

    /// Seconds since the Unix epoch, or `nil` when the text is not a timestamp, as `parse(_:)`
    /// answers; `memo` carries the last date read from one call to the next.
    func parse(_ text: String, memo: inout DayMemo) -> Int64? {
        if let seconds = parseCommonForm(text, memo: &memo) { return seconds }
        return parse(text)
    }

    /// `YYYY-MM-DD HH:MM[:SS]` in ASCII, the form nearly every export uses, read straight from the
    /// UTF-8 bytes (the general path builds a scalar array per value). `nil` means "not this exact
    /// form", and the general path decides; when it answers, it answers as the general path would.
    private func parseCommonForm(_ text: String) -> Int64? {
        var memo = DayMemo()
        return parseCommonForm(text, memo: &memo)
    }

    /// `parseCommonForm(_:)`, the date taken from `memo` when it is the same. The first sixteen
    /// bytes are read as two words and checked eight at a time (a byte loop cost about 170
    /// instructions per timestamp).
    private func parseCommonForm(_ text: String, memo: inout DayMemo) -> Int64? {
        // Native strings lend their bytes in place (no copy of the string to call `withUTF8`).
        text.utf8.withContiguousStorageIfAvailable { bytes -> Int64? in
            guard bytes.count == 16 || bytes.count == 19, let base = bytes.baseAddress else { return nil }
            let raw = UnsafeRawPointer(base)
            // `YYYY-MM-` and `DD HH:MM`, byte i of the text in bits 8i..<8i+8.
            let head = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
            let tail = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
            guard Self.isDigits(head, at: Self.headDigits), head & ~Self.headDigits == Self.headSeparators,
                  Self.isDigits(tail, at: Self.tailDigits), tail & ~Self.tailDigits == Self.tailSeparators
            else { return nil }
            func digit(_ word: UInt64, _ byte: UInt64) -> Int { Int(truncatingIfNeeded: word >> (byte << 3) & 0x0F) }
            let hour = digit(tail, 3) * 10 + digit(tail, 4), minute = digit(tail, 6) * 10 + digit(tail, 7)
            var second = 0
            if bytes.count == 19 {
                guard bytes[16] == 0x3A, bytes[17] &- 0x30 < 10, bytes[18] &- 0x30 < 10 else { return nil }
                second = Int(bytes[17] &- 0x30) * 10 + Int(bytes[18] &- 0x30)
            }
            guard hour <= 23, minute <= 59, second <= 60 else { return nil }
            let days: Int
            if head == memo.head, tail & 0xFFFF == memo.day {
                days = memo.days
            } else {
                let year = digit(head, 0) * 1000 + digit(head, 1) * 100 + digit(head, 2) * 10 + digit(head, 3)
                let month = digit(head, 5) * 10 + digit(head, 6), day = digit(tail, 0) * 10 + digit(tail, 1)
                guard (1...12).contains(month), day >= 1, day <= Self.daysIn(month: month, year: year) else { return nil }
                days = Self.daysFromCivil(year: year, month: month, day: day)
                memo = DayMemo(head: head, day: tail & 0xFFFF, days: days)
            }
            return Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(defaultOffsetSeconds)
        } ?? nil
    }

    /// The bytes of `YYYY-MM-` that are digits, and the separators in the others.
    private static let headDigits: UInt64 = 0x00FF_FF00_FFFF_FFFF
    private static let headSeparators: UInt64 = 0x2D00_002D_0000_0000
    /// The bytes of `DD HH:MM` that are digits, and the separators in the others.
    private static let tailDigits: UInt64 = 0xFFFF_00FF_FF00_FFFF
    private static let tailSeparators: UInt64 = 0x0000_3A00_0020_0000

    /// True when every byte of `word` selected by `mask` (0xFF bytes) is an ASCII digit: its
    /// high nibble is 3, and adding 6 leaves it 3 (a low nibble of 10–15 carries into it; no
    /// byte overflows, so no carry reaches another byte).
    @inline(__always)
    private static func isDigits(_ word: UInt64, at mask: UInt64) -> Bool {
        let high = mask & 0xF0F0_F0F0_F0F0_F0F0, threes = mask & 0x3030_3030_3030_3030
        return word & high == threes && (word &+ (mask & 0x0606_0606_0606_0606)) & high == threes
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

/// A cursor over scalars for the small hand-written parsers.
struct ScalarCursor {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    /// How many digits the last successful `number` read.
    private(set) var lastDigitCount = 0

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }
    var peekIsDigit: Bool { !atEnd && digit(scalars[index]) != nil }

    private func digit(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 0x30...0x39: return Int(scalar.value - 0x30)
        case 0xFF10...0xFF19: return Int(scalar.value - 0xFF10)
        default: return nil
        }
    }

    mutating func number(minDigits: Int, maxDigits: Int) -> Int? {
        var value = 0, count = 0
        while count < maxDigits, !atEnd, let d = digit(scalars[index]) {
            value = value * 10 + d; count += 1; index += 1
        }
        if count > 0 && count < minDigits { index -= count; return nil }
        if count >= maxDigits, !atEnd, digit(scalars[index]) != nil { return nil }
        lastDigitCount = count
        return count >= minDigits ? value : nil
    }

    mutating func skip(oneOf options: [Unicode.Scalar]) -> Bool {
        guard !atEnd, options.contains(scalars[index]) else { return false }
        index += 1
        return true
    }

    mutating func skipSpaces() {
        while !atEnd, scalars[index].isWhiteSpace { index += 1 }
    }

    mutating func sign() -> Int? {
        if skip(oneOf: ["+"]) { return 1 }
        if skip(oneOf: ["-", "\u{2212}"]) { return -1 }
        return nil
    }
}
