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
    /// The encoding forced with `--encoding` (CSV and XML), or `nil` to detect it.
    var encoding: TextEncoding? = nil
    /// Whether to list every record read (for reports that show clean records, e.g. JUnit).
    var collectRecords = false

    struct Result {
        var diagnostics: [Diagnostic] = []
        var summary = ReportSummary()
        /// True when an input could not be read or parsed (exit 2).
        var inputFailed = false
        /// The encoding forced with `--encoding`, for decoding excerpts.
        var encoding: TextEncoding?
        /// Contents of standard input, kept for excerpts.
        var standardInput: (name: String, bytes: [UInt8])?
        /// Every record read, by file, when `collectRecords` is set.
        var records: [String: [RecordRef]] = [:]

        /// The source lines the diagnostics point at, read once per file.
        func sourceLines(for diagnostics: [Diagnostic]) -> [SourceLineKey: String] {
            var wanted: [String: Set<Int>] = [:]
            for diagnostic in diagnostics { wanted[diagnostic.file, default: []].insert(diagnostic.span.start.line) }
            var lines: [SourceLineKey: String] = [:]
            for (file, numbers) in wanted {
                var bytes: [UInt8]
                if let standardInput, standardInput.name == file {
                    bytes = standardInput.bytes
                } else if let data = FileManager.default.contents(atPath: file) {
                    bytes = [UInt8](data)
                } else {
                    continue
                }
                // CSV and XML may be GB18030 or UTF-16: show the excerpt as the reader decoded it.
                switch InputFormat(path: file) {
                case .csv?: bytes = TextDecoding.utf8(bytes, encoding: encoding)
                case .xml?: bytes = TextDecoding.utf8(bytes, encoding: encoding, xmlProlog: true)
                default: break
                }
                var number = 1
                var start = 0
                let last = numbers.max() ?? 0
                for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
                    if numbers.contains(number) {
                        lines[SourceLineKey(file: file, line: number)] = String(decoding: bytes[start..<index], as: UTF8.self)
                    }
                    number += 1
                    start = index + 1
                    if number > last { break }
                }
            }
            return lines
        }
    }

    func lint(_ inputs: [InputCollector.Input]) -> Result {
        var result = Result()
        result.encoding = encoding
        for input in inputs {
            switch input {
            case let .file(path, format):
                guard let format, let reader = Self.reader(for: format, path: path, encoding: encoding) else {
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
                guard let format, let reader = Self.reader(for: format, path: name, encoding: encoding) else {
                    report(path: name, LocalizedText(zh: "无法识别输入格式（可用 --input-format 指定）",
                                                      en: "unknown input format (use --input-format)"), into: &result)
                    continue
                }
                lint(ByteSource(bytes: bytes), reader: reader, file: name, into: &result)
            }
        }
        result.diagnostics.sort(by: Diagnostic.reportOrder)
        result.summary.count(result.diagnostics)
        return result
    }

    /// Looks attachment names up in `directory` (`--attachments-dir`): the size of the regular
    /// file of that name, or `nil` when there is none. Names may hold sub-folders but never
    /// leave the folder (absolute paths and `..` count as missing).
    static func attachmentSizes(in directory: String) -> @Sendable (String) -> Int64? {
        { name in
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            let parts = trimmed.split(whereSeparator: { $0 == "/" || $0 == "\\" })
            guard !trimmed.isEmpty, !trimmed.hasPrefix("/"), !parts.contains("..") else { return nil }
            var info = stat()
            let path = directory + "/" + parts.joined(separator: "/")
            guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
            return Int64(info.st_size)
        }
    }

    /// The reader for a format (`path` tells CSV from TSV), or `nil` when this build has none.
    static func reader(for format: InputFormat, path: String = "", encoding: TextEncoding? = nil) -> (any RecordReader)? {
        switch format {
        case .json: return JSONReader()
        case .jsonl: return JSONLinesReader()
        case .csv: return CSVReader(path: path, encoding: encoding)
        case .xml: return XMLReader(encoding: encoding)
        }
    }

    private func lint(_ source: ByteSource, reader: any RecordReader, file: String, into result: inout Result) {
        result.summary.files += 1
        if collectRecords, result.records[file] == nil { result.records[file] = [] }
        reader.read(from: source) { event in
            switch event {
            case .record(let record):
                result.summary.records += 1
                if collectRecords { result.records[file, default: []].append(recordRef(record)) }
                result.diagnostics += runner.diagnostics(for: record, file: file)
            case .failure(let failure):
                result.inputFailed = true
                result.diagnostics.append(runner.diagnostic(for: failure, file: file))
            }
        }
    }

    /// The record's index and id; finds the id field through the aliases alone, without building
    /// the whole reply a second time.
    private func recordRef(_ record: RawRecord) -> RecordRef {
        let id = record.fields.first { runner.builder.aliases.field(named: $0.name) == .id }
            .flatMap { $0.value.isBlank ? nil : $0.value.text.trimmingWhitespace() }
        return RecordRef(index: record.index, id: id)
    }

    private func report(path: String, _ message: LocalizedText, into result: inout Result) {
        result.inputFailed = true
        result.summary.files += 1
        result.diagnostics.append(Diagnostic(rule: "parse-error", severity: runner.parseErrorSeverity, message: message,
                                             file: path, span: SourceSpan(start: .start, end: .start), record: nil,
                                             recordId: nil, field: nil, fieldName: nil))
    }
}
