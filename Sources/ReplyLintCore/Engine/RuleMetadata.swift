/// Everything about a rule but its logic: documentation, defaults and examples.
public struct RuleMetadata: Sendable {
    /// The rule id (`banned-phrase`).
    public var id: String
    /// The rule kind that implements it.
    public var kind: String
    /// The default severity.
    public var severity: Severity
    /// The business types it applies to.
    public var scope: TypeScope
    /// What it checks.
    public var description: LocalizedText
    /// Why (citing the seed section).
    public var rationale: LocalizedText
    /// The message template; kinds fill `{field}`, `{text}` and their own placeholders.
    public var message: LocalizedText
    /// The rule's options as written in the pack (for `explain`).
    public var optionsSource: String
    /// Whether findings carry a fix.
    public var fixable: Bool
    /// Records on which it must fire, and records on which it must stay silent.
    public var examples: RuleExamples

    /// Creates metadata.
    public init(id: String, kind: String, severity: Severity, scope: TypeScope, description: LocalizedText,
                rationale: LocalizedText, message: LocalizedText, optionsSource: String = "",
                fixable: Bool = false, examples: RuleExamples = RuleExamples()) {
        self.id = id
        self.kind = kind
        self.severity = severity
        self.scope = scope
        self.description = description
        self.rationale = rationale
        self.message = message
        self.optionsSource = optionsSource
        self.fixable = fixable
        self.examples = examples
    }
}

/// A rule's examples (SwiftLint's triggering / non-triggering examples).
public struct RuleExamples: Sendable {
    /// Examples on which the rule fires; `«…»` marks the expected span.
    public var fail: [RuleExample]
    /// Examples on which the rule stays silent.
    public var pass: [RuleExample]

    /// Creates an example set.
    public init(fail: [RuleExample] = [], pass: [RuleExample] = []) {
        self.fail = fail
        self.pass = pass
    }
}

/// One example: a small record, or raw JSON Lines input (for `parse-error`).
public enum RuleExample: Sendable {
    /// A record: fields in order.
    case record([(name: String, value: ExampleValue)])
    /// A raw input line.
    case input(String)

    /// The example as one line, for documentation.
    public var displayText: String {
        switch self {
        case .input(let line): return line
        case .record(let fields):
            return "{" + fields.map { "\($0.name): \($0.value.displayText)" }.joined(separator: ", ") + "}"
        }
    }
}

/// A value in an example record: a text, or a list of items (e.g. attachments).
public enum ExampleValue: Sendable {
    /// A text (may carry `«…»` markers).
    case text(String)
    /// A list of items, each a text or a map.
    case items([[String: String]])

    /// The value as written in documentation.
    public var displayText: String {
        switch self {
        case .text(let text): return "\"\(text)\""
        case .items(let items):
            return "[" + items.map { item in
                "{" + item.keys.sorted().map { "\($0): \(item[$0] ?? "")" }.joined(separator: ", ") + "}"
            }.joined(separator: ", ") + "]"
        }
    }
}
