import ArgumentParser
import Foundation
import ReplyLintCore
import ReplyLintReaders
import ReplyLintReporters

extension InputFormat: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {
    /// Accepts the names users write (`gbk`, `UTF8`, `utf-16le`, …).
    public init?(argument: String) { self.init(name: argument) }
    /// The names shown in `--help`.
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

/// `replylint check`: lint files, folders or standard input.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint work-order replies in files, folders or standard input.",
        discussion: """
        Exit codes: 0 no errors (and warnings within --max-warnings); 1 lint errors found; \
        2 usage, configuration or input failure (the other files are still checked).
        """
    )

    @Argument(help: "Files or folders to check (default: .). Use - for standard input.")
    var paths: [String] = []

    @Flag(name: .long, help: "Read records from standard input (needs --input-format).")
    var stdin = false

    @Option(name: .long, help: "Input format: json, jsonl, csv or xml (default: from the file extension).")
    var inputFormat: InputFormat?

    @Option(name: .long, help: "Encoding of CSV and XML input: utf-8, gb18030 or utf-16 (default: detected from the byte-order mark, the XML declaration, or the bytes).")
    var encoding: TextEncoding?

    @Option(name: .long, help: "Folder holding the attachments: names are resolved to files there and their real sizes used; a named file that is missing is an error.")
    var attachmentsDir: String?

    @Option(name: .long, help: "Name to report for standard input; its extension also sets the input format.")
    var stdinFilename: String = "<stdin>"

    @Option(name: [.customShort("f"), .long], help: "Report format: text, compact, json, jsonl, sarif, junit, checkstyle, github, gitlab or csv. Repeatable; each pairs with the --output after it.")
    var format: [String] = []

    @Option(name: [.customShort("o"), .long], help: "Write the preceding --format to this file (default: standard output).")
    var output: [String] = []

    @Option(name: .long, help: "Switch on a rule (repeatable).")
    var enable: [String] = []

    @Option(name: .long, help: "Switch off a rule (repeatable).")
    var disable: [String] = []

    @Option(name: .long, help: "An extra rule pack (YAML), in addition to the built-in sgcc-95598 (repeatable).")
    var rulePack: [String] = []

    @Option(name: .long, help: "Skip paths matching this glob (repeatable).")
    var ignore: [String] = []

    @Option(name: .long, help: "Exit 1 when there are more warnings than this.")
    var maxWarnings: Int?

    @Option(name: .long, help: "The time to treat as now, e.g. 2024-08-01T00:00:00+08:00 (default: the wall clock).")
    var now: String?

    @Option(name: .long, help: "Colour in text reports: auto, always or never (NO_COLOR always wins).")
    var color: ColorChoice = .auto

    @Flag(name: .long, help: "Report errors only.")
    var quiet = false

    @Option(name: .long, help: "Worker threads for checking records (default: all cores). The report is the same for every value.")
    var jobs: Int?

    @OptionGroup var language: LanguageOption

    enum ColorChoice: String, ExpressibleByArgument { case auto, always, never }

    /// The format of standard input: --input-format, else the extension of --stdin-filename.
    var standardInputFormat: InputFormat? {
        inputFormat ?? InputFormat(path: stdinFilename)
    }

    func validate() throws {
        if (stdin || paths.contains("-")) && standardInputFormat == nil {
            throw ValidationError("reading standard input needs --input-format json|jsonl|csv|xml (or a --stdin-filename with a known extension)")
        }
        if let maxWarnings, maxWarnings < 0 { throw ValidationError("--max-warnings must be 0 or more") }
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be 1 or more") }
    }

    func run() throws {
        keepFreedMemoryForReuse()
        let lang = language.resolved
        let plan: OutputPlan
        do {
            plan = try OutputPlan.pairing(arguments: Array(CommandLine.arguments.dropFirst()))
        } catch OutputPlanError.unknownFormat(let name) {
            let known = ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
            printError("replylint: " + (lang == .zh ? "未知的报告格式 \(name)（可用：\(known)）" : "unknown report format \(name) (known: \(known))"))
            throw ExitCode(2)
        }
        let packs = try loadPacks(extra: rulePack, language: lang)
        let selection = RuleSelection(disabled: Set(disable), enabled: Set(enable))
        do {
            try selection.validate(against: Runner.ruleIDs(in: packs))
        } catch let issue as ReplyLintIssue {
            printError("replylint: " + issue.message.text(lang))
            throw ExitCode(2)
        }
        var nowSeconds = Int64(Date().timeIntervalSince1970)
        if let now {
            guard let parsed = TimestampParser().parse(now) else {
                printError("replylint: " + (lang == .zh ? "--now 的时间 \(now) 无法识别" : "--now: cannot read the time \(now)"))
                throw ExitCode(2)
            }
            nowSeconds = parsed
        }
        var builder = ReplyBuilder()
        if let attachmentsDir {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: attachmentsDir, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("replylint: " + (lang == .zh ? "--attachments-dir：没有这个文件夹 \(attachmentsDir)" : "--attachments-dir: no such folder \(attachmentsDir)"))
                throw ExitCode(2)
            }
            builder.attachmentSize = LintSession.attachmentSizes(in: attachmentsDir)
        }
        let runner = Runner(packs: packs, selection: selection, builder: builder, now: nowSeconds)
        var session = LintSession(runner: runner, language: lang, encoding: encoding)
        // Only reports that list clean records need every record remembered.
        session.collectRecords = plan.targets.contains { $0.format == .junit || $0.format == .checkstyle }
        if let jobs { session.jobs = jobs }

        var inputs: [InputCollector.Input] = []
        var failed = false
        let fileArguments = paths.filter { $0 != "-" }
        if stdin || paths.contains("-") { inputs.append(.standardInput(name: stdinFilename, format: standardInputFormat)) }
        if !fileArguments.isEmpty || inputs.isEmpty {
            let collected = InputCollector(ignore: ignore).collect(fileArguments.isEmpty ? ["."] : fileArguments, forced: inputFormat)
            inputs += collected.inputs
            for missing in collected.missing {
                printError("replylint: " + ReplyLintIssue.unreadable(path: missing.path, reason: lang == .zh ? "没有这个文件或文件夹" : "no such file or folder").message.text(lang))
                failed = true
            }
        }

        // Reports list files in name order; reading them in that order lets a streamed report
        // come out exactly as a sorted one would.
        inputs.sort { $0.name < $1.name }
        let useColor: Bool = {
            if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false { return false }
            switch color {
            case .always: return true
            case .never: return false
            case .auto: return isatty(STDOUT_FILENO) == 1
            }
        }()
        let sourceLines = SourceLines(encoding: encoding)
        session.sourceLines = sourceLines
        func context(for target: OutputPlan.Target, summary: ReportSummary, records: [String: [RecordRef]]?) -> ReportContext {
            ReportContext(language: lang, toolVersion: ReplyLint.version, summary: summary,
                          rules: runner.rules.map(\.metadata), color: target.path == nil && useColor,
                          sourceLine: { file, line in sourceLines.line(file, line) },
                          records: records, timestamp: nowSeconds)
        }
        // Reports that can be written piece by piece are written while the input is read.
        var streaming: StreamingOutput?
        if plan.targets.allSatisfy({ $0.format.incrementalReporter != nil }) {
            do {
                let output = try StreamingOutput(plan: plan) { context(for: $0, summary: ReportSummary(), records: nil) }
                let errorsOnly = quiet
                session.sink = { diagnostics in
                    output.write(errorsOnly ? diagnostics.filter { $0.severity == .error } : diagnostics)
                }
                if let targets = output.partTargets {
                    session.renderPart = { $0.render($1, targets: targets, errorsOnly: errorsOnly) }
                    // Compact lines name no record index, so chunks numbered late can render too.
                    session.renderShowsRecordIndex = !targets.allSatisfy { $0.reporter is CompactReporter }
                    session.partSink = { output.write($0) }
                }
                streaming = output
            } catch {
                printError("replylint: " + (lang == .zh ? "无法写入报告" : "cannot write the report") + ": \(error.localizedDescription)")
                throw ExitCode(2)
            }
        }
        let result = session.lint(inputs)
        if let streaming {
            do {
                try streaming.finish(summary: result.summary)
            } catch {
                printError("replylint: " + (lang == .zh ? "无法写入报告" : "cannot write the report") + ": \(error.localizedDescription)")
                failed = true
            }
        }
        failed = failed || result.inputFailed
        var diagnostics = result.diagnostics
        if quiet { diagnostics = diagnostics.filter { $0.severity == .error } }

        for target in plan.targets where streaming == nil {
            let context = context(for: target, summary: result.summary, records: session.collectRecords ? result.records : nil)
            let text = target.format.reporter.render(diagnostics, context: context)
            if let path = target.path {
                do {
                    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
                } catch {
                    printError("replylint: " + (lang == .zh ? "无法写入 \(path)" : "cannot write \(path)") + ": \(error.localizedDescription)")
                    failed = true
                }
            } else {
                writeToStandardOutput(text)
            }
        }
        if failed { throw ExitCode(2) }
        let tooManyWarnings = maxWarnings.map { result.summary.warnings > $0 } ?? false
        if result.summary.errors > 0 || tooManyWarnings { throw ExitCode(1) }
    }
}
