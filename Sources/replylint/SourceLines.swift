import ReplyLintReaders

/// The source lines that the `text` report quotes under each finding, read from the inputs as
/// the report asks for them — in report order, so each file is read forward once, whether the
/// report is streamed during the run or rendered at the end. Standard input is quoted from the
/// copy kept when it was read. Used on the reporting thread only.
final class SourceLines: @unchecked Sendable {
    private let encoding: TextEncoding?
    private var formats: [String: InputFormat] = [:]
    private var standardInput: (name: String, bytes: [UInt8])?
    private var current: (file: String, reader: SourceLineReader)?

    /// Lines decoded as the readers decode them, with `encoding` forced (`--encoding`) or detected.
    init(encoding: TextEncoding?) {
        self.encoding = encoding
    }

    /// Notes how `file` is read (its format decides whether it is decoded like CSV and XML).
    func noteInput(_ file: String, format: InputFormat?) {
        formats[file] = format
    }

    /// Keeps standard input's bytes for quoting.
    func keepStandardInput(name: String, bytes: [UInt8]) {
        standardInput = (name, bytes)
    }

    /// Line `number` of `file`, or `nil` when there is no such line.
    func line(_ file: String, _ number: Int) -> String? {
        if current?.file != file {
            let format = formats[file] ?? InputFormat(path: file)
            let reader: SourceLineReader
            if let standardInput, standardInput.name == file {
                reader = SourceLineReader(bytes: standardInput.bytes, format: format, encoding: encoding)
            } else {
                reader = SourceLineReader(path: file, format: format, encoding: encoding)
            }
            current = (file, reader)
        }
        return current?.reader.line(number)
    }
}
