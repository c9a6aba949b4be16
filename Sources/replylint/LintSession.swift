import Foundation
import ReplyLintCore
import ReplyLintReaders
import ReplyLintReporters

/// A file and line, for looking up excerpts.
struct SourceLineKey: Hashable, Sendable {
    var file: String
    var line: Int
}

/// One run of `check`: reads every input, runs the rules, and keeps the diagnostics sorted.
struct LintSession {
    let runner: Runner
    let language: Language
    /// Worker threads for rule evaluation (`--jobs`); the report does not depend on it.
    var jobs = ProcessInfo.processInfo.activeProcessorCount

    struct Result {
        var diagnostics: [Diagnostic] = []
        var summary = ReportSummary()
        /// True when an input could not be read or parsed (exit 2).
        var inputFailed = false
        /// Contents of standard input, kept for excerpts.
        var standardInput: (name: String, bytes: [UInt8])?
        /// One copy of each distinct message and excerpt: a big audit repeats the same few
        /// hundred messages over and over, and each one costs two heap strings otherwise.
        fileprivate var messages: [LocalizedText: LocalizedText] = [:]
        fileprivate var excerpts: [String: String] = [:]

        /// Keeps `diagnostics`, sharing the storage of messages and excerpts seen before.
        fileprivate mutating func keep(_ diagnostics: [Diagnostic]) {
            for var diagnostic in diagnostics {
                if let known = messages[diagnostic.message] {
                    diagnostic.message = known
                } else {
                    messages[diagnostic.message] = diagnostic.message
                }
                if let excerpt = diagnostic.excerpt {
                    if let known = excerpts[excerpt] { diagnostic.excerpt = known } else { excerpts[excerpt] = excerpt }
                }
                self.diagnostics.append(diagnostic)
            }
        }

        /// The source lines the diagnostics point at, read once per file.
        func sourceLines(for diagnostics: [Diagnostic]) -> [SourceLineKey: String] {
            var wanted: [String: Set<Int>] = [:]
            for diagnostic in diagnostics { wanted[diagnostic.file, default: []].insert(diagnostic.span.start.line) }
            var lines: [SourceLineKey: String] = [:]
            for (file, numbers) in wanted {
                let last = numbers.max() ?? 0
                var number = 1
                var line: [UInt8] = []
                var wantedLine = numbers.contains(number)
                // Streamed in chunks: an export can be far bigger than the lines we need from it.
                func collect(_ chunk: UnsafeBufferPointer<UInt8>) -> Bool {
                    for byte in chunk {
                        if byte != 0x0A {
                            if wantedLine { line.append(byte) }
                            continue
                        }
                        if wantedLine {
                            lines[SourceLineKey(file: file, line: number)] = String(decoding: line, as: UTF8.self)
                            line.removeAll(keepingCapacity: true)
                        }
                        number += 1
                        if number > last { return false }
                        wantedLine = numbers.contains(number)
                    }
                    return true
                }
                if let standardInput, standardInput.name == file {
                    _ = standardInput.bytes.withUnsafeBufferPointer(collect)
                } else {
                    let descriptor = open(file, O_RDONLY)
                    guard descriptor >= 0 else { continue }
                    defer { close(descriptor) }
                    var chunk = [UInt8](repeating: 0, count: 256 * 1024)
                    while true {
                        let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                        if n < 0, errno == EINTR { continue }
                        guard n > 0 else { break }
                        guard chunk.withUnsafeBufferPointer({ collect(UnsafeBufferPointer(rebasing: $0[..<n])) }) else { break }
                    }
                }
                if number <= last, wantedLine {
                    lines[SourceLineKey(file: file, line: number)] = String(decoding: line, as: UTF8.self)
                }
            }
            return lines
        }
    }

    func lint(_ inputs: [InputCollector.Input]) -> Result {
        var result = Result()
        for input in inputs {
            switch input {
            case let .file(path, format):
                guard let format, let reader = Self.reader(for: format) else {
                    report(path: path, LocalizedText(zh: "无法识别文件格式（可用 --input-format 指定）",
                                                      en: "unknown input format (use --input-format)"), into: &result)
                    continue
                }
                let descriptor = open(path, O_RDONLY)
                guard descriptor >= 0 else {
                    report(path: path, LocalizedText(zh: "无法打开文件", en: "cannot open the file"), into: &result)
                    continue
                }
                defer { close(descriptor) }
                lint(ByteSource(fileDescriptor: descriptor), reader: reader, file: path, into: &result)
            case let .standardInput(name, format):
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                result.standardInput = (name, bytes)
                guard let format, let reader = Self.reader(for: format) else {
                    report(path: name, LocalizedText(zh: "无法识别输入格式（可用 --input-format 指定）",
                                                      en: "unknown input format (use --input-format)"), into: &result)
                    continue
                }
                lint(ByteSource(bytes: bytes), reader: reader, file: name, into: &result)
            }
        }
        result.messages = [:]
        result.excerpts = [:]
        // The records are gone; give their pages back before reports are rendered (the peak).
        releaseFreeMemory()
        // Records come in file order and each record's diagnostics sorted, so one file's report
        // is usually sorted already: check in one pass before paying for a sort and its buffer.
        let sorted = zip(result.diagnostics, result.diagnostics.dropFirst()).allSatisfy { !Diagnostic.reportOrder($1, $0) }
        if !sorted { result.diagnostics.sort(by: Diagnostic.reportOrder) }
        result.summary.count(result.diagnostics)
        return result
    }

    /// The reader for a format, or `nil` when this build has none.
    static func reader(for format: InputFormat) -> (any RecordReader)? {
        switch format {
        case .json: return JSONReader()
        case .jsonl: return JSONLinesReader()
        case .csv, .xml: return nil
        }
    }

    private func lint(_ source: ByteSource, reader: any RecordReader, file: String, into result: inout Result) {
        result.summary.files += 1
        BatchPipeline(runner: runner, jobs: jobs).run(reader: reader, source: source, file: file) { event, diagnostics in
            switch event {
            case .record:
                result.summary.records += 1
                result.keep(diagnostics)
            case .failure:
                result.inputFailed = true
                result.keep(diagnostics)
            }
        }
    }

    private func report(path: String, _ message: LocalizedText, into result: inout Result) {
        result.inputFailed = true
        result.summary.files += 1
        result.diagnostics.append(Diagnostic(rule: "parse-error", severity: runner.parseErrorSeverity, message: message,
                                             file: path, span: SourceSpan(start: .start, end: .start), record: nil,
                                             recordId: nil, field: nil, fieldName: nil))
    }
}

/// Writes `text` to standard output without first copying it into a `Data` (a report of a big
/// audit is tens of MB, and the copy would be on top of the peak memory).
func writeToStandardOutput(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count, let base = bytes.baseAddress {
            let written = write(STDOUT_FILENO, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}

/// Returns free heap pages to the system (glibc's `malloc_trim`, looked up at run time because
/// the Glibc module does not export it). Worker threads free into their own malloc arenas, which
/// glibc does not trim by itself; elsewhere this does nothing.
private func releaseFreeMemory() {
    #if canImport(Glibc)
    typealias Trim = @convention(c) (Int) -> Int32
    if let symbol = dlsym(nil, "malloc_trim") {
        _ = unsafeBitCast(symbol, to: Trim.self)(0)
    }
    #endif
}
