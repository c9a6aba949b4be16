import ArgumentParser
import Foundation
import ReplyLintCore

/// `replylint rules`: lists the rules with severity, types and description.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules with their severity, business types and description."
    )

    enum Format: String, ExpressibleByArgument { case text, json, markdown }

    @Option(name: .long, help: "Output format: text, json or markdown (markdown generates Rules/README.md).")
    var format: Format = .text

    @Option(name: .long, help: "An extra rule pack (YAML) to list as well (repeatable).")
    var rulePack: [String] = []

    @OptionGroup var language: LanguageOption

    func run() throws {
        let lang = language.resolved
        let rules = try loadPacks(extra: rulePack, language: lang).flatMap(\.rules).map(\.metadata)
        let text: String
        switch format {
        case .text: text = RuleDocumentation.table(rules, language: lang)
        case .json: text = RuleDocumentation.json(rules)
        case .markdown: text = RuleDocumentation.markdown(rules)
        }
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

/// `replylint explain RULE`: one rule's documentation with its examples.
struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show a rule's description, rationale, options and examples."
    )

    @Argument(help: "The rule id, e.g. banned-phrase.")
    var rule: String

    @Option(name: .long, help: "An extra rule pack (YAML) to search as well (repeatable).")
    var rulePack: [String] = []

    @OptionGroup var language: LanguageOption

    func run() throws {
        let lang = language.resolved
        let rules = try loadPacks(extra: rulePack, language: lang).flatMap(\.rules).map(\.metadata)
        guard let meta = rules.first(where: { $0.id == rule }) else {
            let issue = ReplyLintIssue.unknownRule(id: rule, suggestion: nearestSuggestion(for: rule, among: rules.map(\.id)),
                                                  file: nil, line: nil)
            printError("replylint: " + issue.message.text(lang))
            throw ExitCode(2)
        }
        FileHandle.standardOutput.write(Data(RuleDocumentation.explain(meta, language: lang).utf8))
    }
}
