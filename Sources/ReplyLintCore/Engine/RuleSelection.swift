/// Which rules run and at what severity, after configuration and command-line switches.
public struct RuleSelection: Sendable {
    /// Rules switched off.
    public var disabled: Set<String> = []
    /// Rules switched (back) on; wins over `disabled`.
    public var enabled: Set<String> = []
    /// Severities that replace a rule's default.
    public var severities: [String: Severity] = [:]

    /// Creates a selection.
    public init(disabled: Set<String> = [], enabled: Set<String> = [], severities: [String: Severity] = [:]) {
        self.disabled = disabled
        self.enabled = enabled
        self.severities = severities
    }

    /// Checks every named id against the known ones; throws `unknownRule` with a suggestion.
    public func validate(against ids: [String]) throws {
        let known = Set(ids)
        for id in disabled.union(enabled).union(severities.keys).sorted() where !known.contains(id) {
            throw ReplyLintIssue.unknownRule(id: id, suggestion: nearestSuggestion(for: id, among: ids), file: nil, line: nil)
        }
    }

    /// True if `id` runs.
    public func isEnabled(_ id: String) -> Bool {
        enabled.contains(id) || !disabled.contains(id)
    }
}
