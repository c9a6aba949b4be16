/// Kind `required`: fields that must be present and not blank, for all records and per type.
/// Options: `fields` (always), `byType` (type name → fields).
struct RequiredFieldsRule: Rule {
    let metadata: RuleMetadata
    let always: [CanonicalField]
    let byType: [BusinessType: [CanonicalField]]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        always = try options.fields("fields")
        var table: [BusinessType: [CanonicalField]] = [:]
        for (name, sub) in try options.mapping("byType") {
            guard let type = BusinessType(parsing: name) else {
                throw options.error("byType", "未知业务类型 \(name)", "unknown business type \(name)")
            }
            table[type] = try sub.selfStrings().map { fieldName in
                guard let field = CanonicalField(rawValue: fieldName) else {
                    throw options.error("byType", "未知字段 \(fieldName)", "unknown field \(fieldName)")
                }
                return field
            }
        }
        byType = table
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        let fields = always + (reply.type.flatMap { byType[$0] } ?? [])
        return fields.filter { reply.isBlank($0) }.map { field in
            let location = reply.values[field].map { ValueLocation(value: $0) }
            return Finding(field: field, location: location,
                           message: metadata.message.filling(["field": reply.name(of: field)]))
        }
    }
}
