/// Parses attachments written as text: `name1(1.2MB);name2(300KB)` or `name:bytes`, items
/// separated by `;`, `；` or `|`. Offsets are decoded-scalar ranges inside the text.
public enum AttachmentListParser {
    /// One item: the name's range, and the size text's range when there is one.
    public struct Item: Sendable, Hashable {
        /// The name.
        public var name: String
        /// Scalar range of the name.
        public var nameRange: Range<Int>
        /// The size as written, if any.
        public var sizeText: String?
        /// Scalar range of the size text.
        public var sizeRange: Range<Int>?
    }

    /// The items of `text`, in order; empty items are skipped.
    public static func items(in text: String) -> [Item] {
        // The separators and brackets are tested by scalar value, and names and sizes are cut
        // out of `text` by UTF-8 offset: array literals tested with `contains` per scalar and
        // strings rebuilt scalar by scalar cost about 25,000 instructions per list (CSV profile).
        var scalars: [Unicode.Scalar] = []
        var offsets: [Int] = []  // UTF-8 offset of each scalar, then of the end
        scalars.reserveCapacity(text.utf8.count)
        offsets.reserveCapacity(text.utf8.count + 1)
        var offset = 0
        for scalar in text.unicodeScalars {
            scalars.append(scalar)
            offsets.append(offset)
            offset += UTF8.width(scalar)
        }
        offsets.append(offset)
        let list = List(text: text, scalars: scalars, offsets: offsets)
        var items: [Item] = []
        var start = 0
        for index in 0...scalars.count where index == scalars.count || isSeparator(scalars[index]) {
            if let item = list.item(start..<index) { items.append(item) }
            start = index + 1
        }
        return items
    }

    /// `;`, `；` or `|`.
    private static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3B, 0xFF1B, 0x7C: return true
        default: return false
        }
    }

    /// A text with its scalars and their UTF-8 offsets.
    private struct List {
        let text: String
        let scalars: [Unicode.Scalar]
        let offsets: [Int]

        func item(_ whole: Range<Int>) -> Item? {
            var lower = whole.lowerBound, upper = whole.upperBound
            while lower < upper, scalars[lower].isWhiteSpace { lower += 1 }
            while upper > lower, scalars[upper - 1].isWhiteSpace { upper -= 1 }
            guard lower < upper else { return nil }
            // `)` or `）` last, and the last `(` or `（` before it.
            if scalars[upper - 1].value == 0x29 || scalars[upper - 1].value == 0xFF09,
               let open = (lower..<(upper - 1)).last(where: { scalars[$0].value == 0x28 || scalars[$0].value == 0xFF08 }),
               open > lower {
                let sizeRange = (open + 1)..<(upper - 1)
                let nameRange = lower..<trimEnd(lower, open)
                return Item(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
            }
            // The last `:` or `：`.
            if let colon = (lower..<upper).last(where: { scalars[$0].value == 0x3A || scalars[$0].value == 0xFF1A }), colon > lower,
               SizeParser.bytes(string((colon + 1)..<upper)) != nil {
                let sizeRange = (colon + 1)..<upper
                let nameRange = lower..<trimEnd(lower, colon)
                return Item(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
            }
            return Item(name: string(lower..<upper), nameRange: lower..<upper, sizeText: nil, sizeRange: nil)
        }

        /// The text of scalars `range`, cut from `text` (no re-encoding, no validation).
        private func string(_ range: Range<Int>) -> String {
            let utf8 = text.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: offsets[range.lowerBound])
            let to = utf8.index(from, offsetBy: offsets[range.upperBound] - offsets[range.lowerBound])
            return String(text[from..<to])
        }

        private func trimEnd(_ lower: Int, _ upper: Int) -> Int {
            var end = upper
            while end > lower, scalars[end - 1].isWhiteSpace { end -= 1 }
            return end
        }
    }
}
