/// `parse-error`: findings come from the readers; the rule carries the metadata and severity.
struct ParseErrorRule: Rule {
    let metadata: RuleMetadata

    func check(_ reply: Reply, context: RuleContext) -> [Finding] { [] }
}
