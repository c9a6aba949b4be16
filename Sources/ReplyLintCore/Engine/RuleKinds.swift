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
        "flag-evidence": { meta, options in try FlagEvidenceRule(metadata: meta, options: options) },
        "substitution": { meta, options in try SubstitutionRule(metadata: meta, options: options) },
        "punctuation": { meta, options in try PunctuationRule(metadata: meta, options: options) },
        "duplicate-paste": { meta, options in try DuplicatePasteRule(metadata: meta, options: options) },
        "timestamp-order": { meta, options in try TimestampOrderRule(metadata: meta, options: options) },
        "timestamp-gap": { meta, options in try TimestampGapRule(metadata: meta, options: options) },
        "required-elements": { meta, options in try RequiredElementsRule(metadata: meta, options: options) },
        "phrase-presence": { meta, options in try PhrasePresenceRule(metadata: meta, options: options) },
        "attachment-required": { meta, options in try AttachmentRequiredRule(metadata: meta, options: options) },
        "topic-coverage": { meta, options in try TopicCoverageRule(metadata: meta, options: options) },
        "vague": { meta, options in try VagueRule(metadata: meta, options: options) },
    ]
}
