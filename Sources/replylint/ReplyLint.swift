import ArgumentParser
import Foundation
import ReplyLintCore

/// The `replylint` command: lints 95598 work-order replies.
@main
struct ReplyLint: ParsableCommand {
    /// The version reported by `--version` and in reports.
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "replylint",
        abstract: "Lint 95598 work-order replies before the reviewer returns them (退单).",
        version: version,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self],
        defaultSubcommand: CheckCommand.self
    )

    /// Runs the command; usage mistakes exit 2 (SPEC §5) rather than argument-parser's 64.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                printError(fullMessage(for: error))
                printError(message(for: error).isEmpty ? "" : "Run `replylint --help` for usage.")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
