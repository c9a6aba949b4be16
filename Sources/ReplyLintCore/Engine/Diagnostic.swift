/// A finding placed in a file, as every report shows it (SPEC §6).
public struct Diagnostic: Sendable, Hashable {
    /// The rule id.
    public var rule: String
    /// The severity after configuration.
    public var severity: Severity
    /// The message in both languages.
    public var message: LocalizedText
    /// The file path as given (relative where possible).
    public var file: String
    /// The offending span (1-based; `end` exclusive).
    public var span: SourceSpan
    /// 0-based index of the record in its file (`nil` for a failure outside any record).
    public var record: Int?
    /// The record's `id`, if it has one.
    public var recordId: String?
    /// The canonical field name, if the finding is about a field.
    public var field: CanonicalField?
    /// The field's name as written in the file.
    public var fieldName: String?
    /// A fix, where one exists.
    public var fix: DiagnosticFix?
    /// The offending text (decoded), for people reading the report.
    public var excerpt: String? {
        get { excerptSource?.text }
        set { excerptSource = newValue.map(DiagnosticExcerpt.init) }
    }
    /// Where `excerpt` comes from (cut when read).
    private var excerptSource: DiagnosticExcerpt?

    /// Creates a diagnostic.
    public init(rule: String, severity: Severity, message: LocalizedText, file: String, span: SourceSpan,
                record: Int?, recordId: String?, field: CanonicalField?, fieldName: String?,
                fix: DiagnosticFix? = nil, excerpt: String? = nil) {
        self.init(rule: rule, severity: severity, message: message, file: file, span: span, record: record,
                  recordId: recordId, field: field, fieldName: fieldName, fix: fix,
                  excerpt: excerpt.map(DiagnosticExcerpt.init))
    }

    /// Creates a diagnostic whose excerpt is cut when a report reads it. Every field is set once
    /// here: delegating and then setting the excerpt made the new value a copy of a first one
    /// (a dozen references retained and released, 8 M instructions per 10,000 replies).
    public init(rule: String, severity: Severity, message: LocalizedText, file: String, span: SourceSpan,
                record: Int?, recordId: String?, field: CanonicalField?, fieldName: String?,
                fix: DiagnosticFix? = nil, excerpt: DiagnosticExcerpt?) {
        self.rule = rule
        self.severity = severity
        self.message = message
        self.file = file
        self.span = span
        self.record = record
        self.recordId = recordId
        self.field = field
        self.fieldName = fieldName
        self.fix = fix
        self.excerptSource = excerpt
    }

    /// Equal when every field reads the same (the excerpt as cut, the message as filled).
    public static func == (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        lhs.rule == rhs.rule && lhs.severity == rhs.severity && lhs.message == rhs.message && lhs.file == rhs.file
            && lhs.span == rhs.span && lhs.record == rhs.record && lhs.recordId == rhs.recordId
            && lhs.field == rhs.field && lhs.fieldName == rhs.fieldName && lhs.fix == rhs.fix
            && lhs.excerpt == rhs.excerpt
    }

    /// Hashes every field as read.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(severity)
        hasher.combine(message)
        hasher.combine(file)
        hasher.combine(span)
        hasher.combine(record)
        hasher.combine(recordId)
        hasher.combine(field)
        hasher.combine(fieldName)
        hasher.combine(fix)
        hasher.combine(excerpt)
    }

    /// Report order: file, then position, then rule, then message.
    public static func reportOrder(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        if a.file != b.file { return a.file < b.file }
        if a.span.start != b.span.start { return a.span.start < b.span.start }
        if a.span.end != b.span.end { return a.span.end < b.span.end }
        if a.rule != b.rule { return a.rule < b.rule }
        return a.message.en < b.message.en
    }
}

/// A fix placed in a file.
public struct DiagnosticFix: Sendable, Hashable {
    /// The replacement text.
    public var replacement: String
    /// The span it replaces.
    public var span: SourceSpan

    /// Creates a placed fix.
    public init(replacement: String, span: SourceSpan) {
        self.replacement = replacement
        self.span = span
    }
}
