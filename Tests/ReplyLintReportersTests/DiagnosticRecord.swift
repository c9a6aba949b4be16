import ReplyLintCore

/// A diagnostic as the JSON and JSON Lines reports wrote it when they encoded it with
/// `JSONEncoder` (SPEC §6 key names): the reference that `DiagnosticJSON` must match. Every key is
/// always present; absent values are `null`; `fix` only when there is one.
struct DiagnosticRecord {
    struct Fix {
        var replacement: String
        var line: Int
        var column: Int
        var endLine: Int
        var endColumn: Int
    }

    var rule: String
    var severity: String
    var message: String
    var file: String
    var line: Int
    var column: Int
    var endLine: Int
    var endColumn: Int
    var record: Int?
    var recordId: String?
    var field: String?
    var fieldName: String?
    var fix: Fix?

    init(_ diagnostic: Diagnostic, language: Language) {
        rule = diagnostic.rule
        severity = diagnostic.severity.rawValue
        message = diagnostic.message.text(language)
        file = diagnostic.file
        line = diagnostic.span.start.line
        column = diagnostic.span.start.column
        endLine = diagnostic.span.end.line
        endColumn = diagnostic.span.end.column
        record = diagnostic.record
        recordId = diagnostic.recordId
        field = diagnostic.field?.rawValue
        fieldName = diagnostic.fieldName
        fix = diagnostic.fix.map {
            Fix(replacement: $0.replacement, line: $0.span.start.line, column: $0.span.start.column,
                endLine: $0.span.end.line, endColumn: $0.span.end.column)
        }
    }
}
