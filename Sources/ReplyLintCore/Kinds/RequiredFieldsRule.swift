/// Kind `required`: fields that must be present and not blank, for all records and per type.
/// Options: `fields` (always), `byType` (type name → fields).
struct RequiredFieldsRule: SinkRule {
    let metadata: RuleMetadata
    let always: [CanonicalField]
    let byType: [BusinessType: [CanonicalField]]
    /// For each type ordinal, then for no type (last): the fields to check, one bit per field
    /// ordinal. Nearly every reply has them all filled in: testing the bits first skips
    /// concatenating the two lists and hashing the type into `byType` (1,200 instructions per
    /// reply), and reads nothing shared between threads that a reference count guards.
    private let masks: [UInt64]

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
        let always = always
        masks = (BusinessType.allCases.map(Optional.some) + [nil]).map { type in
            (always + (type.flatMap { table[$0] } ?? [])).reduce(0) { $0 | 1 << UInt64($1.ordinal) }
        }
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        var unchecked = masks[reply.type.map { Int($0.ordinal) } ?? masks.count - 1]
        var allFilled = true
        while unchecked != 0 {
            let ordinal = unchecked.trailingZeroBitCount
            unchecked &= unchecked &- 1
            if reply.values.isBlank(ordinal: ordinal) { allFilled = false; break }
        }
        if allFilled { return }
        let fields = always + (reply.type.flatMap { byType[$0] } ?? [])
        for field in fields where reply.isBlank(field) {
            let location = reply.values[field].map { ValueLocation(value: $0) }
            sink.append(Finding(field: field, location: location,
                                message: metadata.message.filling(["field": reply.name(of: field)])))
        }
    }
}
