/// A work-order reply with its canonical fields mapped and its values parsed.
public struct Reply: Sendable {
    /// 0-based index of the record in its file.
    public var index: Int
    /// Where the record starts in the file.
    public var start: SourcePosition
    /// Canonical fields present in the record, with the names they have in the file.
    public var values = FieldValueTable()
    /// Fields replylint does not know, kept for reports.
    public var extras: [RawField] = []
    /// The business type, when it parses.
    public var type: BusinessType?
    /// Parsed flags (`isTrue`, `companyResponsible`); absent when not given.
    public var flags = FieldTable<Bool>()
    /// Parsed timestamps in seconds since the Unix epoch.
    public var timestamps = FieldTable<Int64>()
    /// The supply area, when it parses.
    public var area: Area?
    /// Parsed attachments.
    public var attachments: [Attachment] = []
    /// Values that did not parse (reported by `invalid-value`).
    public var problems: [ValueProblem] = []

    /// Creates an empty reply.
    public init(index: Int, start: SourcePosition) {
        self.index = index
        self.start = start
    }

    /// The record's work-order number, when it has one.
    public var id: String? {
        guard !values.isBlank(.id) else { return nil }
        return values.text(of: .id)?.trimmingWhitespace()
    }

    /// The text of a field ("" when absent).
    public func text(_ field: CanonicalField) -> String {
        values.text(of: field) ?? ""
    }

    /// True when the field is absent or blank.
    public func isBlank(_ field: CanonicalField) -> Bool {
        values.isBlank(field)
    }

    /// The name the field has in the file, or its canonical name.
    public func name(of field: CanonicalField) -> String {
        values.name(of: field) ?? field.rawValue
    }
}

/// A value that does not parse: which field, where, and what was expected.
public struct ValueProblem: Sendable, Hashable {
    /// What kind of value was expected.
    public enum Expected: String, Sendable, Hashable {
        case businessType, flag, timestamp, size, area, attachment
        /// An attachment named in the record has no file in `--attachments-dir`.
        case missingFile
    }

    /// The field.
    public var field: CanonicalField
    /// Where the bad value is written.
    public var location: ValueLocation
    /// What was expected.
    public var expected: Expected
    /// The offending text.
    public var text: String

    /// Creates a problem record.
    public init(field: CanonicalField, location: ValueLocation, expected: Expected, text: String) {
        self.field = field
        self.location = location
        self.expected = expected
        self.text = text
    }
}
