import Foundation
import ReplyLintCore
import ReplyLintReaders
import ReplyLintReporters

/// One run of `check`: reads every input, runs the rules, and keeps the diagnostics sorted.
struct LintSession {
    let runner: Runner
    let language: Language
    /// The encoding forced with `--encoding` (CSV and XML), or `nil` to detect it.
    var encoding: TextEncoding? = nil
    /// Whether to list every record read (for reports that show clean records, e.g. JUnit).
    var collectRecords = false
    /// Worker threads for rule evaluation (`--jobs`); the report does not depend on it.
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Where diagnostics go as they are found, instead of being kept for the end (line-oriented
    /// reports); the summary still counts them.
    var sink: (([Diagnostic]) -> Void)? = nil
    /// Renders a batch of diagnostics as the streamed reports' bytes on the thread that found
    /// them (see `RenderedPart`), when every streamed report can; the parts go to `partSink`.
    var renderPart: (@Sendable (inout RenderedPart, [Diagnostic]) -> Void)? = nil
    /// Whether the parts `renderPart` makes show record indices (see `BatchPipeline`).
    var renderShowsRecordIndex = true
    /// Where rendered parts go, in input order, instead of `sink`.
    var partSink: ((RenderedPart) -> Void)? = nil
    /// Where the `text` report finds the lines it quotes; told about every input read.
    var sourceLines: SourceLines? = nil

    struct Result {
        var diagnostics: [Diagnostic] = []
        var summary = ReportSummary()
        /// True when an input could not be read or parsed (exit 2).
        var inputFailed = false
        /// Every record read, by file, when `collectRecords` is set.
        var records: [String: [RecordRef]] = [:]
        /// One copy of each distinct message and excerpt: a big audit repeats the same few
        /// hundred messages over and over, and each one costs two heap strings otherwise.
        /// Keyed by bytes (see `BytesKey`).
        fileprivate var messages: [BytesKey: LocalizedText] = [:]
        fileprivate var excerpts: [BytesKey: String] = [:]

        /// Counts `diagnostics` and hands them to `sink`, or keeps them, sharing the storage of
        /// messages and excerpts seen before.
        fileprivate mutating func keep(_ diagnostics: [Diagnostic], sink: (([Diagnostic]) -> Void)?) {
            summary.count(diagnostics)
            if let sink {
                sink(diagnostics)
                return
            }
            for var diagnostic in diagnostics {
                // Filled here, both languages once: a kept message must not hold its rule's values.
                let key = BytesKey(diagnostic.message.zh, diagnostic.message.en)
                if let known = messages[key] {
                    diagnostic.message = known
                } else {
                    let plain = LocalizedText(zh: key.first, en: key.second)
                    messages[key] = plain
                    diagnostic.message = plain
                }
                if let excerpt = diagnostic.excerpt {
                    // Set even when new: a kept excerpt must not hold its whole value.
                    let key = BytesKey(excerpt, "")
                    if let known = excerpts[key] { diagnostic.excerpt = known } else { excerpts[key] = excerpt; diagnostic.excerpt = excerpt }
                }
                self.diagnostics.append(diagnostic)
            }
        }
    }

    func lint(_ inputs: [InputCollector.Input]) -> Result {
        var result = Result()
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
                sourceLines?.noteInput(path, format: format)
                lint(ByteSource(fileDescriptor: descriptor), reader: reader, file: path, into: &result)
            case let .standardInput(name, format):
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                sourceLines?.keepStandardInput(name: name, bytes: bytes)
                sourceLines?.noteInput(name, format: format)
                guard let format, let reader = Self.reader(for: format, path: name, encoding: encoding) else {
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
        var pipeline = BatchPipeline(runner: runner, jobs: jobs)
        pipeline.collectRecords = collectRecords
        let partSink = self.partSink
        if partSink != nil {
            pipeline.render = renderPart
            pipeline.renderShowsRecordIndex = renderShowsRecordIndex
        }
        pipeline.run(reader: reader, source: source, file: file) { outcomes, diagnostics, rendered in
            for outcome in outcomes {
                switch outcome {
                case .record(let reference):
                    result.summary.records += 1
                    if let reference { result.records[file, default: []].append(reference) }
                case .failure:
                    result.inputFailed = true
                }
            }
            if let rendered, let partSink {
                result.summary.errors += rendered.counts.errors
                result.summary.warnings += rendered.counts.warnings
                result.summary.infos += rendered.counts.infos
                partSink(rendered)
            } else {
                result.keep(diagnostics, sink: sink)
            }
        }
    }

    private func report(path: String, _ message: LocalizedText, into result: inout Result) {
        result.inputFailed = true
        result.summary.files += 1
        result.keep([Diagnostic(rule: "parse-error", severity: runner.parseErrorSeverity, message: message,
                                file: path, span: SourceSpan(start: .start, end: .start), record: nil,
                                recordId: nil, field: nil, fieldName: nil)], sink: sink)
    }
}

/// One or two strings compared and hashed by their UTF-8 bytes. `String`'s own hashing
/// normalises (NFC) first, which for Chinese messages made interning 6% of a run; and sharing
/// only byte-identical texts can never change what a report shows.
private struct BytesKey: Hashable {
    var first: String
    var second: String

    init(_ first: String, _ second: String) {
        self.first = first
        self.second = second
    }

    func hash(into hasher: inout Hasher) {
        var first = first
        var second = second
        first.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(first.utf8.count)
        second.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (lhs: BytesKey, rhs: BytesKey) -> Bool {
        same(lhs.first, rhs.first) && same(lhs.second, rhs.second)
    }

    /// Byte equality with `memcmp` (a generic `elementsEqual` over the UTF-8 views went byte by
    /// byte, and almost every lookup is a hit that compares whole messages).
    private static func same(_ lhs: String, _ rhs: String) -> Bool {
        guard lhs.utf8.count == rhs.utf8.count else { return false }
        var lhs = lhs
        var rhs = rhs
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                guard let a = left.baseAddress, let b = right.baseAddress else { return left.count == right.count }
                return memcmp(a, b, left.count) == 0
            }
        }
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

/// Keeps up to 64 MiB of freed heap instead of handing it back at once (glibc's `mallopt`, looked
/// up at run time like `malloc_trim`). A streamed run frees each batch's records and reports as it
/// goes; with glibc's defaults the heap then shrinks and regrows every batch, and the page faults
/// of regrowing cost more system time than the linting itself. Elsewhere this does nothing.
func keepFreedMemoryForReuse() {
    #if canImport(Glibc)
    typealias Option = @convention(c) (Int32, Int32) -> Int32
    if let symbol = dlsym(nil, "mallopt") {
        let mallopt = unsafeBitCast(symbol, to: Option.self)
        _ = mallopt(-1, 64 << 20)  // M_TRIM_THRESHOLD
        _ = mallopt(-3, 32 << 20)  // M_MMAP_THRESHOLD: big batch buffers come from the heap, not fresh mappings
    }
    #endif
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
