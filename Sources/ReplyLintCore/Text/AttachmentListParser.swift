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
        let scalars = Array(text.unicodeScalars)
        var items: [Item] = []
        var start = 0
        for index in 0...scalars.count {
            if index == scalars.count || [";", "；", "|"].contains(scalars[index]) {
                if let item = item(scalars, start..<index) { items.append(item) }
                start = index + 1
            }
        }
        return items
    }

    private static func item(_ scalars: [Unicode.Scalar], _ whole: Range<Int>) -> Item? {
        var lower = whole.lowerBound, upper = whole.upperBound
        while lower < upper, scalars[lower].isWhiteSpace { lower += 1 }
        while upper > lower, scalars[upper - 1].isWhiteSpace { upper -= 1 }
        guard lower < upper else { return nil }
        func string(_ r: Range<Int>) -> String {
            var s = String.UnicodeScalarView(); s.append(contentsOf: scalars[r]); return String(s)
        }
        if [")", "）"].contains(scalars[upper - 1]),
           let open = (lower..<(upper - 1)).last(where: { ["(", "（"].contains(scalars[$0]) }), open > lower {
            let sizeRange = (open + 1)..<(upper - 1)
            let nameRange = lower..<trimEnd(scalars, lower, open)
            return Item(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
        }
        if let colon = (lower..<upper).last(where: { [":", "："].contains(scalars[$0]) }), colon > lower,
           SizeParser.bytes(string((colon + 1)..<upper)) != nil {
            let sizeRange = (colon + 1)..<upper
            let nameRange = lower..<trimEnd(scalars, lower, colon)
            return Item(name: string(nameRange), nameRange: nameRange, sizeText: string(sizeRange), sizeRange: sizeRange)
        }
        return Item(name: string(lower..<upper), nameRange: lower..<upper, sizeText: nil, sizeRange: nil)
    }

    private static func trimEnd(_ scalars: [Unicode.Scalar], _ lower: Int, _ upper: Int) -> Int {
        var end = upper
        while end > lower, scalars[end - 1].isWhiteSpace { end -= 1 }
        return end
    }
}
