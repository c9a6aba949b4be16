@testable import ReplyLintCore
import Testing

/// The byte-level attachment and size parsers answer exactly as the scalar-by-scalar versions
/// they replaced (kept here as oracles) on generated texts.
@Suite struct AttachmentTextOracleTests {
    /// Short texts over an alphabet of the characters the parsers care about.
    static func texts(count: Int, alphabet: [String], maxLength: Int, seed: UInt64) -> [String] {
        var state = seed
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % (maxLength + 1))).map { _ in alphabet[next() % alphabet.count] }.joined() }
    }

    @Test func sizesMatchTheGeneralPath() {
        let alphabet = ["0", "1", "5", "9", ".", " ", "\t", "k", "K", "m", "M", "g", "B", "b", "i", "y", "t", "e", "s",
                        "字节", "\u{212A}", "\u{3000}", "\u{0}", "x", "-", "e5"]
        var inputs = Self.texts(count: 20_000, alphabet: alphabet, maxLength: 9, seed: 7)
        inputs += ["", ".", "5.", ".5", "1.2.3MB", "4.8MB", " 5 MB ", "1 2 KB", "20480", "1234567890123456",
                   "12345678901234567", "1.5", "1.5b", "5\u{0}", "5bytes", "5 Bytes", "5bytess", "5\u{212A}B", "5字节",
                   "0.000001KB", "99999999999999.9kb"]
        for text in inputs {
            #expect(SizeParser.bytes(text) == SizeParser.generalBytes(text), "\(text.debugDescription)")
        }
    }

    @Test func decimalSizesMatchTheGeneralPath() {
        // Every dot position in random digit strings, up to the lengths a unit cannot overflow.
        var state: UInt64 = 3
        func digit() -> Character {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Character(String(Int(state >> 33) % 10))
        }
        for (unit, maxDigits) in [("b", 16), ("", 15), ("KB", 15), ("mb", 12), ("G", 9)] {
            for length in 1...maxDigits {
                for _ in 0..<40 {
                    let digits = String((0..<length).map { _ in digit() })
                    for dot in 0...length {
                        var text = digits
                        text.insert(".", at: text.index(text.startIndex, offsetBy: dot))
                        text += unit
                        #expect(SizeParser.bytes(text) == SizeParser.generalBytes(text), "\(text)")
                    }
                }
            }
        }
    }

    @Test func attachmentListsMatchTheScalarVersion() {
        let alphabet = ["a", "照", ".jpg", " ", "\u{3000}", ";", "；", "|", "(", ")", "（", "）", ":", "：", "1", "5MB",
                        "2.5", "KB", "😀", "e\u{301}"]
        var inputs = Self.texts(count: 20_000, alphabet: alphabet, maxLength: 10, seed: 11)
        inputs += ["照片(1).jpg(1.2MB)；说明.pdf:20480 | 录音.mp3", "a（5MB）", "(5MB)", "a:", ":5", " ; ;", "x:5KB:6KB"]
        for text in inputs {
            #expect(AttachmentListParser.items(in: text) == ScalarAttachmentList.items(in: text), "\(text.debugDescription)")
        }
    }
}

/// The attachment list parser as it was before it worked on offsets (the oracle).
private enum ScalarAttachmentList {
    static func items(in text: String) -> [AttachmentListParser.Item] {
        let scalars = Array(text.unicodeScalars)
        var items: [AttachmentListParser.Item] = []
        var start = 0
        for index in 0...scalars.count {
            if index == scalars.count || [";", "；", "|"].contains(scalars[index]) {
                if let item = item(scalars, start..<index) { items.append(item) }
                start = index + 1
            }
        }
        return items
    }

    private static func item(_ scalars: [Unicode.Scalar], _ whole: Range<Int>) -> AttachmentListParser.Item? {
        var lower = whole.lowerBound, upper = whole.upperBound
        while lower < upper, scalars[lower].isWhiteSpace { lower += 1 }
        while upper > lower, scalars[upper - 1].isWhiteSpace { upper -= 1 }
        guard lower < upper else { return nil }
        func string(_ r: Range<Int>) -> String {
            var s = String.UnicodeScalarView(); s.append(contentsOf: scalars[r]); return String(s)
        }
        func trimEnd(_ upper: Int) -> Int {
            var end = upper
            while end > lower, scalars[end - 1].isWhiteSpace { end -= 1 }
            return end
        }
        if [")", "）"].contains(scalars[upper - 1]),
           let open = (lower..<(upper - 1)).last(where: { ["(", "（"].contains(scalars[$0]) }), open > lower {
            let sizeRange = (open + 1)..<(upper - 1)
            let nameRange = lower..<trimEnd(open)
            return .init(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
        }
        if let colon = (lower..<upper).last(where: { [":", "："].contains(scalars[$0]) }), colon > lower,
           SizeParser.generalBytes(string((colon + 1)..<upper)) != nil {
            let sizeRange = (colon + 1)..<upper
            let nameRange = lower..<trimEnd(colon)
            return .init(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
        }
        return .init(name: string(lower..<upper), nameRange: lower..<upper, sizeText: nil, sizeRange: nil)
    }
}
