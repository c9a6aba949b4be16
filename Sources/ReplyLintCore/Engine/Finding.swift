/// What a rule found in one reply, before it is placed in the file.
public struct Finding: Sendable {
    /// The canonical field the finding is about (`nil` for the record as a whole).
    public var field: CanonicalField?
    /// The offending text; `nil` points at the record's start.
    public var location: ValueLocation?
    /// The message, already filled in.
    public var message: LocalizedText
    /// A different severity than the rule's own (e.g. a milder sub-case).
    public var severity: Severity?
    /// A replacement that fixes the finding.
    public var fix: FixSuggestion?

    /// Creates a finding.
    public init(field: CanonicalField?, location: ValueLocation?, message: LocalizedText,
                severity: Severity? = nil, fix: FixSuggestion? = nil) {
        self.field = field
        self.location = location
        self.message = message
        self.severity = severity
        self.fix = fix
    }
}

/// A suggested replacement of a span of a value.
public struct FixSuggestion: Sendable, Hashable {
    /// The text to put in place of `location`.
    public var replacement: String
    /// The text to replace.
    public var location: ValueLocation

    /// Creates a fix.
    public init(replacement: String, location: ValueLocation) {
        self.replacement = replacement
        self.location = location
    }
}
