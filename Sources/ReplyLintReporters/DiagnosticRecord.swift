import ReplyLintCore

/// A diagnostic as the JSON and JSON Lines reports write it (SPEC §6 key names). Every key is
/// always present; absent values are `null`. The reports write it with `write(to:)`; its
/// `Encodable` form is the reference that the tests hold that writer to.
struct DiagnosticRecord: Encodable {
    struct Fix: Encodable {
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

    enum CodingKeys: String, CodingKey {
        case rule, severity, message, file, line, column, endLine, endColumn, record, recordId, field, fieldName, fix
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(rule, forKey: .rule)
        try c.encode(severity, forKey: .severity)
        try c.encode(message, forKey: .message)
        try c.encode(file, forKey: .file)
        try c.encode(line, forKey: .line)
        try c.encode(column, forKey: .column)
        try c.encode(endLine, forKey: .endLine)
        try c.encode(endColumn, forKey: .endColumn)
        try c.encode(record, forKey: .record)
        try c.encode(recordId, forKey: .recordId)
        try c.encode(field, forKey: .field)
        try c.encode(fieldName, forKey: .fieldName)
        try c.encodeIfPresent(fix, forKey: .fix)
    }

    /// Appends the record as a JSON object with sorted keys, exactly as `JSONEncoder` writes
    /// `encode(to:)`'s output.
    func write(to json: inout JSONBytes) {
        json.beginObject()
        json.key("column")
        json.int(column)
        json.key("endColumn")
        json.int(endColumn)
        json.key("endLine")
        json.int(endLine)
        json.key("field")
        json.string(field)
        json.key("fieldName")
        json.string(fieldName)
        json.key("file")
        json.string(file)
        if let fix {
            json.key("fix")
            json.beginObject()
            json.key("column")
            json.int(fix.column)
            json.key("endColumn")
            json.int(fix.endColumn)
            json.key("endLine")
            json.int(fix.endLine)
            json.key("line")
            json.int(fix.line)
            json.key("replacement")
            json.string(fix.replacement)
            json.endObject()
        }
        json.key("line")
        json.int(line)
        json.key("message")
        json.string(message)
        json.key("record")
        json.int(record)
        json.key("recordId")
        json.string(recordId)
        json.key("rule")
        json.string(rule)
        json.key("severity")
        json.string(severity)
        json.endObject()
    }
}
