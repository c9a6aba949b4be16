/// Turns a reader's raw record into a `Reply`: maps field names through the aliases and parses
/// types, flags, timestamps, areas and attachments, noting every value that does not parse.
public struct ReplyBuilder: Sendable {
    /// The field-name table.
    public var aliases: FieldAliases
    /// The timestamp parser (carries the default time zone).
    public var timestamps: TimestampParser
    /// The real size of an attachment by name (`--attachments-dir`); `nil` from it means the file
    /// is missing. When set, real sizes replace written ones.
    public var attachmentSize: (@Sendable (String) -> Int64?)?

    /// Creates a builder.
    public init(aliases: FieldAliases = FieldAliases(), timestamps: TimestampParser = TimestampParser(),
                attachmentSize: (@Sendable (String) -> Int64?)? = nil) {
        self.aliases = aliases
        self.timestamps = timestamps
        self.attachmentSize = attachmentSize
    }

    /// The reply for `raw`. The first occurrence of a canonical field wins; later ones are extras.
    public func build(_ raw: RawRecord) -> Reply {
        // Fields are read through a buffer pointer and where each canonical field sits in the
        // record is kept on the stack: values are parsed in place, neither copied out of the
        // array nor out of `reply.values` (which `parse` cannot borrow while it mutates `reply`).
        // Filled in place by the closures, which return nothing: a reply returned out of
        // `withUnsafeTemporaryAllocation` was copied and the original destroyed (370
        // instructions per reply).
        var reply = Reply(index: raw.index, start: raw.start)
        raw.fields.withUnsafeBufferPointer { fields in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: CanonicalField.count) { rawIndex in
                // The reply reads its values in the record's own array; only a record too big
                // for the table's byte positions has its values copied.
                let share = fields.count <= FieldValueTable.shareLimit
                if share { reply.values = FieldValueTable(sharing: raw.fields) }
                // One bit per canonical field found (by ordinal), so that `rawIndex` needs no
                // filling and only the fields present are visited below.
                var present: UInt64 = 0
                for index in fields.indices {
                    if let field = aliases.field(named: fields[index].name), present & 1 << UInt64(field.ordinal) == 0 {
                        present |= 1 << UInt64(field.ordinal)
                        rawIndex[field.ordinal] = index
                        if share {
                            reply.values.add(fieldAt: index, for: field)
                        } else {
                            reply.values.add(fields[index], for: field)
                        }
                    } else {
                        reply.extras.append(fields[index])
                    }
                }
                guard let base = fields.baseAddress else { return }
                var memo = TimestampParser.DayMemo()
                // In ordinal order, which is field order (the order problems are noted in).
                var parsed = present & Self.parsedFields
                while parsed != 0 {
                    let ordinal = parsed.trailingZeroBitCount
                    parsed &= parsed &- 1
                    let index = rawIndex[ordinal]
                    // Only empty texts (a third of a CSV record's cells, which the general
                    // timestamp path would read slowly) and attachments are tested here: no other
                    // blank value parses, and `parse` asks whether a value is blank only when it
                    // does not (a blank test cost about 80 instructions, for nearly every
                    // timestamp, type and area of every reply).
                    let mayBeBlank = fields[index].value.text.isEmpty || ordinal == CanonicalField.attachments.ordinal
                    guard !mayBeBlank || !fields[index].value.isBlank else { continue }
                    parse(CanonicalField.byOrdinal[ordinal], base + index, into: &reply, memo: &memo)
                }
            }
        }
        // Moved out: a variable the closures captured was otherwise copied and then destroyed.
        return consume reply
    }

    private static let timestampFieldCount = CanonicalField.allCases.filter(\.isTimestamp).count

    /// The fields `parse` reads, one bit per ordinal: the free-text fields need no copy and no blank test.
    private static let parsedFields = CanonicalField.allCases.reduce(UInt64(0)) { mask, field in
        field == .type || field.isFlag || field == .area || field == .attachments || field.isTimestamp
            ? mask | 1 << UInt64(field.ordinal) : mask
    }

    /// Parses the value of `raw` into `reply`. The field is read through its pointer: passing the
    /// value itself copied it out of the record first (80,000 copies per 10k records, most of
    /// them for a timestamp's text alone).
    private func parse(_ field: CanonicalField, _ raw: UnsafePointer<RawField>, into reply: inout Reply,
                       memo: inout TimestampParser.DayMemo) {
        let text = raw.pointee.value.text
        func problem(_ expected: ValueProblem.Expected, _ location: ValueLocation? = nil) {
            // A blank value is absent, not wrong (and parses as nothing).
            guard !raw.pointee.value.isBlank else { return }
            reply.problems.append(ValueProblem(field: field, location: location ?? ValueLocation(value: raw.pointee.value),
                                               expected: expected, text: location.map { Self.text(of: $0) } ?? text))
        }
        switch field {
        case .type:
            if let type = BusinessType(parsing: text) { reply.type = type } else { problem(.businessType) }
        case .isTrue, .companyResponsible:
            if let flag = Self.flag(raw.pointee.value) { reply.flags.add(flag, for: field) } else { problem(.flag) }
        case .area:
            if let area = Area(parsing: text) { reply.area = area } else { problem(.area) }
        case .attachments:
            reply.attachments = attachments(raw.pointee.value, problems: &reply.problems)
            if let attachmentSize {
                for index in reply.attachments.indices {
                    let attachment = reply.attachments[index]
                    if let size = attachmentSize(attachment.name) {
                        reply.attachments[index].size = size
                    } else {
                        reply.problems.append(ValueProblem(field: .attachments, location: attachment.nameLocation,
                                                           expected: .missingFile, text: attachment.name))
                    }
                }
            }
        default:
            if field.isTimestamp {
                if let seconds = timestamps.parse(text, memo: &memo) {
                    if reply.timestamps.isEmpty { reply.timestamps.reserveCapacity(Self.timestampFieldCount) }
                    // Each field is parsed once: `add` skips the subscript's optional and search.
                    reply.timestamps.add(seconds, for: field)
                } else {
                    problem(.timestamp)
                }
            }
        }
    }

    /// 是/否, Y/N, yes/no, true/false, 1/0 (and JSON booleans).
    public static func flag(_ value: FieldValue) -> Bool? {
        // The accepted forms by their bytes first: a byte-equal text needs no trimming,
        // lower-casing or Chinese string comparison.
        if let known = flags.value(for: value.text) { return known }
        switch value.text.trimmingWhitespace().lowercased() {
        case "是", "y", "yes", "true", "1", "属实", "有": return true
        case "否", "n", "no", "false", "0", "不属实", "无": return false
        default: return nil
        }
    }

    private static let flags = ExactNames<Bool>([
        ("是", true), ("y", true), ("yes", true), ("true", true), ("1", true), ("属实", true), ("有", true),
        ("否", false), ("n", false), ("no", false), ("false", false), ("0", false), ("不属实", false), ("无", false),
    ])

    // Member keys of attachment items, matched by their bytes (true: a name key, false: a size
    // key): the array literals these replace were built for every member tested and compared as
    // strings (7,500 instructions per attachment list). No other spelling is canonically
    // equivalent to these keys (ASCII letters and CJK ideographs without decompositions), so
    // byte equality is string equality.
    private static let attachmentKeys = ExactNames<Bool>(
        ["name", "名称", "文件名", "filename", "fileName"].map { ($0, true) }
            + ["size", "大小", "bytes", "文件大小"].map { ($0, false) })

    private static func text(of location: ValueLocation) -> String {
        guard let range = location.range else { return location.value.text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: Array(location.value.text.unicodeScalars)[range])
        return String(scalars)
    }

    private func attachments(_ value: FieldValue, problems: inout [ValueProblem]) -> [Attachment] {
        var result: [Attachment] = []
        func sized(_ location: ValueLocation) -> Int64? {
            if let bytes = SizeParser.bytes(location.value.text) { return bytes }
            problems.append(ValueProblem(field: .attachments, location: location, expected: .size, text: location.value.text))
            return nil
        }
        switch value.shape {
        case .list(let items):
            // Items and members are read in place, by index, and each member's name is looked up
            // once: iterating and `firstIndex(where:)` copied every item, member and value out of
            // its array and destroyed the copies (about 1,000 instructions per attachment).
            result.reserveCapacity(items.count)
            items.withUnsafeBufferPointer { items in
                for item in items.indices {
                    items[item].memberList.withUnsafeBufferPointer { members in
                        if members.isEmpty {
                            result += textAttachments(items[item].value, problems: &problems)
                            return
                        }
                        var name = -1, sizeMember = -1
                        for member in members.indices {
                            switch Self.attachmentKeys.value(for: members[member].name) {
                            case true?: if name < 0 { name = member }
                            case false?: if sizeMember < 0 { sizeMember = member }
                            case nil: break
                            }
                        }
                        guard name >= 0, !members[name].value.isBlank else {
                            problems.append(ValueProblem(field: .attachments, location: ValueLocation(value: items[item].value),
                                                         expected: .attachment, text: ""))
                            return
                        }
                        // Each location is made once and moved into the attachment (assigning
                        // optionals and copying them in cost about 600 instructions per attachment).
                        let sizeLocation = sizeMember >= 0 && !members[sizeMember].value.isBlank
                            ? ValueLocation(value: members[sizeMember].value) : nil
                        let size = sizeLocation != nil ? sized(sizeLocation!) : nil
                        let nameLocation = ValueLocation(value: members[name].value)
                        let attachment = Attachment(name: nameLocation.value.text.trimmingWhitespace(), size: size,
                                                    nameLocation: nameLocation, sizeLocation: sizeLocation)
                        result.append(consume attachment)
                    }
                }
            }
        default:
            result = textAttachments(value, problems: &problems)
        }
        return result
    }

    private func textAttachments(_ value: FieldValue, problems: inout [ValueProblem]) -> [Attachment] {
        AttachmentListParser.items(in: value.text).map { item in
            var size: Int64?
            var sizeLocation: ValueLocation?
            if let sizeText = item.sizeText, let range = item.sizeRange {
                let location = ValueLocation(value: value, range: range)
                sizeLocation = location
                size = SizeParser.bytes(sizeText)
                if size == nil {
                    problems.append(ValueProblem(field: .attachments, location: location, expected: .size, text: sizeText))
                }
            }
            return Attachment(name: item.name, size: size, nameLocation: ValueLocation(value: value, range: item.nameRange),
                              sizeLocation: sizeLocation)
        }
    }
}
