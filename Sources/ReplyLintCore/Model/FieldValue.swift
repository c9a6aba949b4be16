/// One field's value as read from a file: its decoded text, where it sits, and its shape.
public struct FieldValue: Sendable, Hashable {
    /// The shape of the value in its source.
    public enum Shape: Sendable, Hashable {
        /// A string (or a CSV/XML text value).
        case string
        /// A JSON number, boolean or other bare scalar; `text` is its literal.
        case literal
        /// JSON `null`.
        case null
        /// A list of items (a JSON array, or XML child elements).
        case list([FieldItem])
        /// A JSON object that is not a list item; `text` is empty.
        case object
    }

    /// The decoded text (for a list: empty).
    public var text: String
    /// Where the text sits in the file.
    public var source: SourceText
    /// The value's shape.
    public var shape: Shape

    /// Creates a value.
    public init(text: String, source: SourceText, shape: Shape = .string) {
        self.text = text
        self.source = source
        self.shape = shape
    }

    /// True when the value carries no text: null, empty or only white space, and not a list.
    public var isBlank: Bool {
        switch shape {
        case .null: return true
        case .list(let items): return items.isEmpty
        case .object: return false
        case .string, .literal:
            // Most values start with a visible ASCII or CJK byte: answer from it without setting
            // up a scalar iteration (this is asked of every field of every reply).
            // An empty text (a third of a CSV record's cells) is blank without a scalar walk.
            guard let first = text.utf8.first else { return true }
            if first > 0x20, first < 0x80 || first >= 0xE4 { return false }
            return text.unicodeScalars.allSatisfy { $0.isWhiteSpace }
        }
    }

    /// The file span of decoded scalars `range` (the whole value when `nil`).
    public func span(of range: Range<Int>? = nil) -> SourceSpan {
        let whole = 0..<text.unicodeScalars.count
        return source.span(of: range ?? whole, in: text)
    }
}

/// An item of a list value: a plain value, or an object's members (e.g. `{"name":…, "size":…}`).
public struct FieldItem: Sendable, Hashable {
    /// The item itself (for an object item: its opening position, empty text).
    public var value: FieldValue
    /// Members of an object item in the order read, the first of each name only. A list rather
    /// than a dictionary: a reply reads the two or three members of an attachment once, and
    /// hashing their names into a dictionary cost about 4,000 instructions per item.
    public var memberList: [RawField]

    /// Members of an object item, by name as written.
    public var members: [String: FieldValue] {
        get { Dictionary(memberList.lazy.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) }
        set { memberList = newValue.map { RawField(name: $0.key, value: $0.value) } }
    }

    /// Creates an item.
    public init(value: FieldValue, members: [String: FieldValue] = [:]) {
        self.value = value
        self.memberList = members.map { RawField(name: $0.key, value: $0.value) }
    }

    /// Creates an item from its members in the order read; `memberList` must hold each name once.
    public init(value: FieldValue, memberList: [RawField]) {
        self.value = value
        self.memberList = memberList
    }

    /// Equal when the values are and the members are, whatever their order (as for `members`).
    public static func == (lhs: FieldItem, rhs: FieldItem) -> Bool {
        lhs.value == rhs.value && lhs.memberList.count == rhs.memberList.count && lhs.members == rhs.members
    }

    /// Hashes the value and the members, whatever their order.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(members)
    }
}
