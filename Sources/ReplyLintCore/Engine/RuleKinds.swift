/// Builds a rule of one kind from its metadata and options.
public typealias RuleFactory = @Sendable (RuleMetadata, RuleOptions) throws -> any Rule

/// The registry of rule kinds: the names a pack's `kind:` may use.
public enum RuleKinds {
    /// Every built-in kind.
    public static let builtIn: [String: RuleFactory] = [
        "parse-error": { meta, _ in ParseErrorRule(metadata: meta) },
        "required": { meta, options in try RequiredFieldsRule(metadata: meta, options: options) },
        "invalid-value": { meta, options in try InvalidValueRule(metadata: meta, options: options) },
        "length": { meta, options in try LengthRule(metadata: meta, options: options) },
        "phrase": { meta, options in try PhraseRule(metadata: meta, options: options) },
        "attachment-size": { meta, options in try AttachmentSizeRule(metadata: meta, options: options) },
        "attachment-reference": { meta, options in try AttachmentReferenceRule(metadata: meta, options: options) },
        "flag-consistency": { meta, options in try FlagConsistencyRule(metadata: meta, options: options) },
    ]
}
