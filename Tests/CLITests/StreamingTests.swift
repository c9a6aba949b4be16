import Foundation
import Testing

/// Text, JSON, CSV and line-oriented reports are written while the input is read; they must equal the sorted report
/// that a buffered run (one that also asks for a non-line format) produces.
@Suite struct StreamingTests {
    @Test(arguments: ["text", "compact", "json", "jsonl", "github", "csv"])
    func streamedEqualsBuffered(_ format: String) throws {
        // A SARIF report needs every finding first, so asking for one too makes the run buffered.
        let sarif = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-stream-\(getpid())-\(format).sarif").path
        defer { try? FileManager.default.removeItem(atPath: sarif) }
        let inputs = ["Fixtures", "Examples/replies.xml", "Examples/replies.csv", "Examples/replies.jsonl"]
        let streamed = try CLITests.run(["check"] + inputs + ["--now", "2024-08-01", "--format", format])
        let buffered = try CLITests.run(["check"] + inputs + ["--now", "2024-08-01", "--format", format, "--format", "sarif", "--output", sarif])
        #expect(streamed.status == buffered.status)
        #expect(!streamed.stdout.isEmpty)
        #expect(streamed.stdout == buffered.stdout)
    }

    @Test func streamedReportToAFileAndQuiet() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("replylint-stream-\(getpid()).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try CLITests.run(["check", "Examples/replies.jsonl", "--now", "2024-08-01", "--format", "jsonl", "--output", path, "--quiet"])
        #expect(run.status == 1)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.contains(#""severity":"error""#) })
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: FileManager.default.temporaryDirectory.path)
            .filter { $0.hasPrefix("replylint-stream-\(getpid()).jsonl.replylint-") }
        #expect(leftovers.isEmpty)
    }
}
