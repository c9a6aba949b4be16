/// Small built-in recognisers that phrase lists cannot express (a date is any number followed by
/// 年/月/日), used by `required-elements`. Each is a single forward scan over scalar values.
public enum TextPattern: String, Sendable, CaseIterable {
    /// A calendar date: a number followed by 年, 月, 日 or 号, or `2024-07-01` / `2024/7/1`.
    case date
    /// A clock time: a number followed by 时, 点 or 分, or `10:30`.
    case clock
    /// A title of a regulation or document: 《…》 with something inside.
    case bookTitle = "book-title"

    /// True when `text` contains the pattern.
    public func occurs(in text: [UInt32]) -> Bool {
        text.withUnsafeBufferPointer { occurs(in: $0) }
    }

    /// `occurs(in:)` for scalars read in place.
    func occurs(in text: UnsafeBufferPointer<UInt32>) -> Bool {
        switch self {
        case .date: return Self.numberFollowed(by: Self.dateUnits, in: text) || Self.numberJoined(by: Self.dateSeparators, in: text)
        case .clock: return Self.numberFollowed(by: Self.clockUnits, in: text) || Self.numberJoined(by: Self.clockSeparators, in: text)
        case .bookTitle:
            var open = false
            var inside = 0
            for scalar in text {
                if scalar == 0x300A { open = true; inside = 0 }
                else if scalar == 0x300B { if open && inside > 0 { return true }; open = false }
                else if open { inside += 1 }
            }
            return false
        }
    }

    /// 年 月 日 号, 时 点 分, and the separators of `2024-07-01` and `10:30`. Arrays searched
    /// linearly: a `Set` literal per call hashed every scalar and built a set per reply.
    private static let dateUnits: [UInt32] = [0x5E74, 0x6708, 0x65E5, 0x53F7]
    private static let clockUnits: [UInt32] = [0x65F6, 0x70B9, 0x5206]
    private static let dateSeparators: [UInt32] = [0x2D, 0x2F]
    private static let clockSeparators: [UInt32] = [0x3A, 0xFF1A]

    /// Digits (ASCII, full-width or Chinese numerals) immediately followed by one of `units`.
    /// A duration is not a time: 30分钟 and 2个月 do not count (钟 after 分 is checked here).
    private static func numberFollowed(by units: [UInt32], in text: UnsafeBufferPointer<UInt32>) -> Bool {
        var previousIsNumber = false
        for (index, scalar) in text.enumerated() {
            if previousIsNumber && units.contains(scalar) {
                let isMinutesDuration = scalar == 0x5206 && index + 1 < text.count && text[index + 1] == 0x949F
                if !isMinutesDuration { return true }
            }
            previousIsNumber = ScalarClass.isDigit(scalar) || isChineseNumeral(scalar)
        }
        return false
    }

    /// ASCII digits on both sides of one of `separators` (`07-01`, `10:30`).
    private static func numberJoined(by separators: [UInt32], in text: UnsafeBufferPointer<UInt32>) -> Bool {
        guard text.count >= 3 else { return false }
        for index in 1..<(text.count - 1) where separators.contains(text[index]) {
            if ScalarClass.isDigit(text[index - 1]) && ScalarClass.isDigit(text[index + 1]) { return true }
        }
        return false
    }

    /// 〇一二三四五六七八九十 (dates and times written in Chinese numerals).
    private static func isChineseNumeral(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3007, 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341: return true
        default: return false
        }
    }
}
