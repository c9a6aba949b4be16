import ReplyLintCore

/// Builds `RawRecord`s from the element events of an XML stream: the root's children are
/// records, their attributes and child elements fields. A field element with element children is
/// a list (each child an item whose attributes and child elements are its members);
/// `<附件 name size/>` or `<attachment …/>` elements directly in a record are items of one list
/// field named `附件` / `attachments`, and `<附件列表>`/`<附件清单>` is named `附件`.
struct XMLRecordAssembler {
    /// An element below a record, with what it held (kept only to a small depth).
    struct Node {
        var name: String
        var start: SourcePosition
        var attributes: [(name: String, value: FieldValue)] = []
        var text: String = ""
        /// Where the text starts (start only: used when it cannot be mapped exactly).
        var textSource: SourceText
        /// True when the element holds elements (a list, or an item with member elements).
        var hasElementChildren = false
        var children: [Node] = []
        /// Filled in when the element ends: where its text starts and how many UTF-8 bytes the
        /// text run right after the start tag has, to map the text exactly when it is that run.
        var exactText: (start: SourcePosition, bytes: Int)?
    }

    /// Names of elements that are attachment items when they sit directly in a record.
    /// Both run once per field element: `lowercased()` is only paid for names of the right
    /// length, since the Chinese names have no case and the ASCII ones can only come from
    /// ASCII letters (no non-ASCII character lowercases to a letter of "attachmentlist").
    /// Lengths are compared first: `==` on Chinese text normalises it, and cost 470 instructions
    /// per field element. Inlined, like `textValue` and `addText` (called once per field
    /// element): 10k XML endElement 51 → 37 M instructions inclusive for the first two.
    @inline(__always)
    static func attachmentField(forItem name: String) -> String? {
        if name.utf8.count == 6, name == "附件" { return "附件" }
        if name.utf8.count == 10, name.lowercased() == "attachment" { return "attachments" }
        return nil
    }

    /// The field name of a list-container element.
    static func listFieldName(_ name: String) -> String {
        switch name.utf8.count {
        case 12 where name == "附件列表" || name == "附件清单" || name == "附件信息": return "附件"
        case 14 where name.lowercased() == "attachmentlist": return "attachments"
        default: return name
        }
    }

    /// Deeper elements than this below a record are ignored (fields, items, members).
    static let maxDepth = 3

    private(set) var record: RawRecord?
    /// The open elements are `stack[0..<depth]`; the slots above hold spent nodes, overwritten
    /// by the next elements: a node is never moved out of the array (a copy per field) nor
    /// removed (`popLast`, `removeAll` cost about 7 M instructions on the 10k corpus).
    private var stack: [Node] = []
    private var depth = 0
    private var attachmentFieldIndex: Int?
    /// The most fields seen in one record so far (capacity hint for the next).
    private var fieldsPerRecord = 8

    /// True while a record is open.
    var inRecord: Bool { record != nil }

    /// Opens a record.
    mutating func beginRecord(index: Int, start: SourcePosition, attributes: [(name: String, value: FieldValue)]) {
        var raw = RawRecord(index: index, start: start)
        // Records of one export have the same fields: one allocation instead of doubling.
        raw.fields.reserveCapacity(max(fieldsPerRecord, attributes.count))
        for (name, value) in attributes { raw.fields.append(RawField(name: name, value: value)) }
        record = raw
        depth = 0
        attachmentFieldIndex = nil
    }

    /// Opens an element at `level` (1 = field, 2 = item, 3 = member).
    mutating func beginElement(level: Int, name: String, start: SourcePosition, textStart: SourceText,
                               attributes: [(name: String, value: FieldValue)]) {
        guard record != nil, level <= Self.maxDepth, depth == level - 1 else { return }
        if depth > 0 { stack[depth - 1].hasElementChildren = true }
        if depth < stack.count {
            // The spent node is reset field by field in one access: assigning a new node
            // destroyed the old one whole, releasing its empty arrays and absent strings too.
            stack.withUnsafeMutableBufferPointer { stack in
                stack[depth].name = name
                stack[depth].start = start
                if !(attributes.isEmpty && stack[depth].attributes.isEmpty) { stack[depth].attributes = attributes }
                if !stack[depth].text.isEmpty { stack[depth].text = "" }
                stack[depth].textSource = textStart
                stack[depth].hasElementChildren = false
                if !stack[depth].children.isEmpty { stack[depth].children = [] }
                stack[depth].exactText = nil
            }
        } else {
            stack.append(Node(name: name, start: start, attributes: attributes, textSource: textStart))
        }
        depth += 1
    }

    /// Adds text at `level` (the level of the element holding it). Consumed: the caller's
    /// String moves into the node rather than being retained there and released by the caller
    /// (about 7 M instructions on the 10k corpus).
    @inline(__always)
    mutating func addText(level: Int, _ text: consuming String) {
        guard record != nil, level >= 1, depth == level else { return }
        // The usual single text node is taken as is, not copied into a new string.
        if stack[level - 1].text.isEmpty {
            stack[level - 1].text = text
        } else {
            stack[level - 1].text += text
        }
    }

    /// Closes the element at `level`; `exact` says its text run maps one to one to the file.
    mutating func endElement(level: Int, exact: (start: SourcePosition, bytes: Int)?) {
        guard record != nil, level >= 1, level <= Self.maxDepth, depth == level else { return }
        depth -= 1
        // A plain text field (nearly every element) is read where it lies.
        if level == 1, !stack[0].hasElementChildren, Self.attachmentField(forItem: stack[0].name) == nil {
            let value = Self.textValue(text: stack[0].text, exact: exact, source: stack[0].textSource)
            record!.fields.append(RawField(name: stack[0].name, value: value))
            return
        }
        var node = stack[depth]
        node.exactText = exact
        if depth == 0 {
            finishField(node)
        } else {
            stack[depth - 1].children.append(node)
        }
    }

    /// Closes the record and returns it.
    mutating func endRecord() -> RawRecord? {
        defer { record = nil; depth = 0 }
        fieldsPerRecord = max(fieldsPerRecord, record?.fields.count ?? 0)
        return record
    }

    // MARK: - Turning nodes into values

    /// The node's text, mapped exactly when it is just the run after its start tag. The text
    /// always begins with that run (libxml2 changes nothing in a run without references or
    /// CR), so equal byte counts mean equal text: an O(1) test where counting the text's code
    /// points cost 28 M instructions on the 10k corpus.
    private static func textValue(_ node: Node) -> FieldValue {
        textValue(text: node.text, exact: node.exactText, source: node.textSource)
    }

    /// `textValue` of a node's parts.
    @inline(__always)
    private static func textValue(text: String, exact: (start: SourcePosition, bytes: Int)?, source: SourceText) -> FieldValue {
        if let exact, exact.bytes == text.utf8.count {
            return FieldValue(text: text, source: SourceText(start: exact.start))
        }
        return FieldValue(text: text, source: source)
    }

    private static func item(_ node: Node) -> FieldItem? {
        if node.attributes.isEmpty && node.children.isEmpty {
            let value = textValue(node)
            return value.isBlank ? nil : FieldItem(value: value)
        }
        var members = MemberCollector(capacity: node.attributes.count + node.children.count)
        for (name, value) in node.attributes { members.add(name, value) }
        for child in node.children { members.add(child.name, textValue(child)) }
        return FieldItem(value: FieldValue(text: "", source: SourceText(start: node.start), shape: .object), memberList: members.list)
    }

    private mutating func finishField(_ node: Node) {
        guard record != nil else { return }
        if let listName = Self.attachmentField(forItem: node.name) {
            let newItem = Self.item(node)
            if let index = attachmentFieldIndex, let fields = record?.fields, index < fields.count,
               case .list(let items) = fields[index].value.shape {
                if let newItem { record?.fields[index].value.shape = .list(items + [newItem]) }
            } else {
                attachmentFieldIndex = record?.fields.count
                let value = FieldValue(text: "", source: SourceText(start: node.start), shape: .list(newItem.map { [$0] } ?? []))
                record?.fields.append(RawField(name: listName, value: value))
            }
            return
        }
        if node.hasElementChildren {
            let items = node.children.compactMap(Self.item)
            record?.fields.append(RawField(name: Self.listFieldName(node.name),
                                           value: FieldValue(text: "", source: SourceText(start: node.start), shape: .list(items))))
            return
        }
        record?.fields.append(RawField(name: node.name, value: Self.textValue(node)))
    }
}
