import Foundation
import Testing

/// Runs the built `replylint` binary as users and CI do.
@Suite struct CLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: URL {
        // The test bundle sits next to the products it was built with.
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("replylint")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return root.appendingPathComponent(".build/debug/replylint")
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["LANG"] = "C"
        env.removeValue(forKey: "LC_ALL")
        env.removeValue(forKey: "NO_COLOR")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        let stderrData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                   stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static let clean = #"{"id": "C1", "type": "咨询", "handling": "2024年7月1日10时，已按照《电价政策》答复客户峰谷电价标准，客户表示认可。处理人：王强。", "customerOpinion": "认可", "handler": "王强"}"#
    static let banned = #"{"id": "C2", "type": "投诉", "handling": "客户已撤诉。", "isTrue": "否", "companyResponsible": "否"}"#

    @Test func exitCodes() throws {
        #expect(try Self.run(["check", "--stdin", "--input-format", "jsonl", "--now", "2024-08-01"], stdin: Self.clean).status == 0)
        #expect(try Self.run(["check", "-", "--input-format", "jsonl"], stdin: Self.banned).status == 1)
        #expect(try Self.run(["check", "-", "--input-format", "jsonl"], stdin: "{\"id\": \n").status == 2)
        #expect(try Self.run(["check", "no/such/file.jsonl"]).status == 2)
        #expect(try Self.run(["check", "-", "--input-format", "jsonl", "--disable", "banned-phrase"], stdin: Self.banned).status == 0)
    }

    @Test func standardInputNeedsAFormat() throws {
        let run = try Self.run(["check", "-"], stdin: Self.clean)
        #expect(run.status == 2)
        #expect(run.stderr.contains("--input-format"))
        let named = try Self.run(["check", "-", "--stdin-filename", "draft.jsonl", "--format", "compact"], stdin: Self.banned)
        #expect(named.status == 1)
        #expect(named.stdout.hasPrefix("draft.jsonl:1:41:"))
    }

    @Test func unknownRuleIsAConfigurationErrorWithASuggestion() throws {
        let run = try Self.run(["check", "-", "--input-format", "jsonl", "--disable", "banned-phrases"], stdin: Self.clean)
        #expect(run.status == 2)
        #expect(run.stderr.contains("banned-phrase?"))
    }

    @Test func languageFollowsTheFlagAndTheEnvironment() throws {
        let zh = try Self.run(["check", "-", "--input-format", "jsonl", "--format", "compact"], stdin: Self.banned, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(zh.stdout.contains("禁用的简单结论"))
        let en = try Self.run(["check", "-", "--input-format", "jsonl", "--format", "compact", "--lang", "en"], stdin: Self.banned, environment: ["LANG": "zh_CN.UTF-8"])
        #expect(en.stdout.contains("forbidden shortcut"))
        #expect(en.stdout.hasPrefix("<stdin>:1:41: error: "))
    }

    @Test func formatsPairWithOutputs() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-cli-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try Self.run(["check", "-", "--input-format", "jsonl", "--format", "json", "--output", path, "--format", "compact"], stdin: Self.banned)
        #expect(run.status == 1)
        #expect(run.stdout.contains("[banned-phrase]"))
        let json = try String(contentsOfFile: path, encoding: .utf8)
        #expect(json.contains("\"rule\" : \"banned-phrase\""))
    }

    @Test func noColourWithNoColorEvenWhenForced() throws {
        let run = try Self.run(["check", "-", "--input-format", "jsonl", "--color", "always"], stdin: Self.banned, environment: ["NO_COLOR": "1"])
        #expect(!run.stdout.contains("\u{1B}["))
        let coloured = try Self.run(["check", "-", "--input-format", "jsonl", "--color", "always"], stdin: Self.banned)
        #expect(coloured.stdout.contains("\u{1B}["))
    }

    @Test func rulesAndExplain() throws {
        let rules = try Self.run(["rules"])
        #expect(rules.status == 0)
        #expect(rules.stdout.contains("banned-phrase"))
        let explain = try Self.run(["explain", "banned-phrase", "--lang", "zh"])
        #expect(explain.status == 0)
        #expect(explain.stdout.contains("客户已撤诉"))
        #expect(try Self.run(["explain", "no-such-rule"]).status == 2)
    }

    @Test func rulesMarkdownMatchesTheCommittedReference() throws {
        let generated = try Self.run(["rules", "--format", "markdown"]).stdout
        let committed = try String(contentsOf: Self.root.appendingPathComponent("Rules/README.md"), encoding: .utf8)
        #expect(generated == committed, "Rules/README.md is stale: run `swift run replylint rules --format markdown > Rules/README.md`")
    }

    @Test func quietShowsErrorsOnly() throws {
        let warningOnly = #"{"id": "C3", "type": "意见", "handling": "已处理", "attachments": [{"name": "a.pdf", "size": 1}]}"#
        let run = try Self.run(["check", "-", "--input-format", "jsonl", "--format", "compact", "--quiet"], stdin: warningOnly)
        #expect(!run.stdout.contains("warning:"))
    }
}

@Suite struct EscapedSpanTests {
    /// `客户已撤诉` written as `\uXXXX` escapes in a pretty-printed JSON file: the diagnostic must
    /// cover exactly those escapes.
    @Test func bannedPhraseSpanCoversTheEscapes() throws {
        let path = "Fixtures/json/escaped-withdrawn.json"
        let run = try CLITests.run(["check", path, "--format", "jsonl"])
        #expect(run.status == 1)
        let source = try String(contentsOf: CLITests.root.appendingPathComponent(path), encoding: .utf8)
        let lines = source.components(separatedBy: "\n")
        guard let lineIndex = lines.firstIndex(where: { $0.contains(#"\u5ba2\u6237\u5df2\u64a4\u8bc9"#) }),
              let range = lines[lineIndex].range(of: #"\u5ba2\u6237\u5df2\u64a4\u8bc9"#) else {
            Issue.record("fixture lacks the escaped phrase"); return
        }
        let startColumn = lines[lineIndex].unicodeScalars.distance(from: lines[lineIndex].unicodeScalars.startIndex, to: range.lowerBound) + 1
        let diagnostic = try run.stdout.split(separator: "\n")
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
            .first { $0["rule"] as? String == "banned-phrase" }
        #expect(diagnostic?["line"] as? Int == lineIndex + 1)
        #expect(diagnostic?["column"] as? Int == startColumn)
        #expect(diagnostic?["endLine"] as? Int == lineIndex + 1)
        #expect(diagnostic?["endColumn"] as? Int == startColumn + 30)
        #expect(diagnostic?["recordId"] as? String == "ESC-001")
        #expect(diagnostic?["fieldName"] as? String == "处理情况")
    }
}

/// Conventions that keep the project honest (STYLE.md habit 7).
@Suite struct ConventionTests {
    @Test func changelogHasUnreleasedOnTop() throws {
        let changelog = try String(contentsOf: CLITests.root.appendingPathComponent("CHANGELOG.md"), encoding: .utf8)
        let firstSection = changelog.components(separatedBy: "\n").first { $0.hasPrefix("## ") }
        #expect(firstSection == "## [Unreleased]")
    }

    @Test func everyReportFormatHasGoldenFiles() throws {
        let help = try CLITests.run(["check", "--help"]).stdout
        let formats = ["text", "compact", "json", "jsonl", "sarif", "junit", "checkstyle", "github", "gitlab", "csv"]
        for format in formats {
            #expect(help.contains(format), "--help does not mention \(format)")
            for language in ["zh", "en"] {
                let golden = CLITests.root.appendingPathComponent("Fixtures/expected/report.\(language).\(format)")
                #expect(FileManager.default.fileExists(atPath: golden.path), "no golden file for \(format) (\(language))")
            }
        }
    }
}

/// `--help` is part of the interface: a change to an option's help must be deliberate.
/// Re-record with `RECORD_GOLDEN=1 swift test --filter HelpSnapshotTests`.
@Suite struct HelpSnapshotTests {
    @Test(arguments: ["check", "rules", "explain"])
    func helpMatchesSnapshot(_ command: String) throws {
        let help = try CLITests.run([command, "--help"], environment: ["COLUMNS": "100"]).stdout
        let url = CLITests.root.appendingPathComponent("Fixtures/expected/help-\(command).txt")
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] != nil {
            try Data(help.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(help == expected, "replylint \(command) --help changed; re-record if intended")
    }
}
