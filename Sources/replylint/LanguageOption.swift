import ArgumentParser
import Foundation
import ReplyLintCore

extension Language: ExpressibleByArgument {}

/// `--lang`, shared by every subcommand.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Message language: zh or en (default: zh when LANG/LC_ALL starts with zh, else en).")
    var lang: Language?

    /// The language in force.
    var resolved: Language {
        lang ?? Language.fromEnvironment(ProcessInfo.processInfo.environment)
    }
}

/// Prints a message to standard error.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Loads the built-in pack and any extra packs; prints and exits 2 on a problem.
func loadPacks(extra: [String], language: Language) throws -> [RulePack] {
    do {
        var packs = [try RulePack.builtIn()]
        for path in extra {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ReplyLintIssue.unreadable(path: path, reason: language == .zh ? "文件不存在或不是 UTF-8" : "missing or not UTF-8")
            }
            packs.append(try RulePack.load(yaml: text, file: path))
        }
        return packs
    } catch let issue as ReplyLintIssue {
        printError("replylint: " + issue.message.text(language))
        throw ExitCode(2)
    }
}
