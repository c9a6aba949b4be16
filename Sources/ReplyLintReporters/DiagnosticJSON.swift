import ReplyLintCore

/// A diagnostic as the JSON and JSON Lines reports write it (SPEC §6 key names): an object with
/// sorted keys, exactly as `JSONEncoder` wrote the `Encodable` record it replaces (the tests keep
/// that record as the reference). Every key is always present; absent values are `null`; `fix`
/// only when there is one. Written from the diagnostic in place: building a record per finding
/// first copied (retained and released) a dozen strings.
enum DiagnosticJSON {
    /// Appends `diagnostic` with its message in `language`.
    static func write(_ diagnostic: Diagnostic, language: Language, to json: inout JSONBytes) {
        json.beginObject()
        json.key("column", int: diagnostic.span.start.column)
        json.key("endColumn", int: diagnostic.span.end.column)
        json.key("endLine", int: diagnostic.span.end.line)
        json.key("field", string: diagnostic.field?.rawValue)
        json.key("fieldName", string: diagnostic.fieldName)
        json.key("file", string: diagnostic.file)
        if let fix = diagnostic.fix {
            json.key("fix")
            json.beginObject()
            json.key("column", int: fix.span.start.column)
            json.key("endColumn", int: fix.span.end.column)
            json.key("endLine", int: fix.span.end.line)
            json.key("line", int: fix.span.start.line)
            json.key("replacement", string: fix.replacement)
            json.endObject()
        }
        json.key("line", int: diagnostic.span.start.line)
        json.key("message")
        json.string(diagnostic.message, language)
        json.key("record", int: diagnostic.record)
        json.key("recordId", string: diagnostic.recordId)
        json.key("rule", string: diagnostic.rule)
        json.key("severity", string: diagnostic.severity.rawValue)
        json.endObject()
    }
}
