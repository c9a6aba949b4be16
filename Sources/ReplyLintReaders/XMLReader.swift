#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLibXML2
import ReplyLintCore

/// The entity loader that was installed before replylint's (set once, then only read).
nonisolated(unsafe) private var previousEntityLoader: xmlExternalEntityLoader?

/// Reads an XML export with libxml2's push parser and SAX2 callbacks (`XMLPushSession`), or its
/// streaming reader when the document has a DOCTYPE (never a whole-document tree): the root's
/// repeated child elements are records, their child elements (text) and attributes are fields.
/// The text is decoded to UTF-8 first (byte-order mark, declared encoding, or `--encoding`), so
/// positions are code points of the decoded text. External entities, DTD loading and network
/// access are off; entity references other than the predefined ones are not expanded and are
/// reported. A well-formedness error is a parse error at libxml2's position; records that end
/// before it are still read, and reading stops there.
public struct XMLReader: RecordReader, Sendable {
    /// The encoding to use, or `nil` to detect it.
    public var encoding: TextEncoding?

    /// Creates a reader.
    public init(encoding: TextEncoding? = nil) {
        self.encoding = encoding
    }

    /// libxml2 options: no network, no DTD loading or validation, no entity substitution, no
    /// huge-document mode (its entity-expansion limits stay on); the text is already UTF-8.
    static let options: Int32 = Int32(XML_PARSE_NONET.rawValue) | Int32(XML_PARSE_NOCDATA.rawValue)
        | Int32(XML_PARSE_IGNORE_ENC.rawValue) | Int32(XML_PARSE_NOXINCNODE.rawValue) | marker

    /// Options that mark replylint's own parser contexts for the entity loader: `NOBASEFIX`
    /// (XInclude base fix-up, irrelevant here) together with `IGNORE_ENC`.
    static let marker: Int32 = Int32(XML_PARSE_NOBASEFIX.rawValue) | Int32(XML_PARSE_IGNORE_ENC.rawValue)

    /// Installs, once per process, an external entity loader that refuses everything for
    /// replylint's parsers and hands other libxml2 users (e.g. schema validation in tests) to the
    /// loader that was there before, so the process-wide setting breaks nobody else.
    static let refuseExternalEntities: Void = {
        // Also the one-time global initialisation libxml2 needs before parsers run on threads.
        xmlInitParser()
        previousEntityLoader = xmlGetExternalEntityLoader()
        xmlSetExternalEntityLoader { url, id, context in
            if let context, context.pointee.options & XMLReader.marker == XMLReader.marker { return nil }
            return previousEntityLoader?(url, id, context)
        }
    }()

    public func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        _ = read(XMLInput(decoder: TextDecoder(source: source, forced: encoding, xmlProlog: true)), firstIndex: 0, handler)
    }

    /// Reads a chunk of a bigger UTF-8 file: `document` is the file's head (up to the root's start
    /// tag) followed by whole records and the root's end tag, the records starting at byte
    /// `bodyOffset` of `document` and at `bodyStart` in the file. The events are those reading the
    /// whole file gives for these records, numbered from `firstIndex`, as long as none is a
    /// failure and the result is true; false (reading nothing) when the document is not valid
    /// UTF-8, or when positions fell back to libxml2's line numbers. Valid UTF-8 is handed to
    /// libxml2 as it is: no decoder, whose copies cost about 30 M instructions on the 10k corpus.
    public func readChunk(_ document: [UInt8], bodyOffset: Int, bodyStart: SourcePosition, firstIndex: Int,
                          _ handler: (ReaderEvent) -> Void) -> Bool {
        guard TextDecoder.validRunEnd(document, from: 0) == document.count else { return false }
        let input = XMLInput(utf8: document)
        input.move = (bodyOffset, bodyStart)
        return read(input, firstIndex: firstIndex, handler)
    }

    /// Reads as `read(from:_:)` does but always with libxml2's streaming reader, which documents
    /// with a DOCTYPE use: the tests check that the push parser's events are the same.
    func readStreaming(from source: ByteSource, _ handler: (ReaderEvent) -> Void) {
        _ = read(XMLInput(decoder: TextDecoder(source: source, forced: encoding, xmlProlog: true)), firstIndex: 0,
                 push: false, handler)
    }

    /// Reads `input`, with the push parser (`push`) when it has no DOCTYPE; false when positions
    /// fell back to libxml2's line numbers somewhere.
    private func read(_ input: XMLInput, firstIndex: Int, push: Bool = true, _ handler: (ReaderEvent) -> Void) -> Bool {
        _ = Self.refuseExternalEntities
        if push, input.beginsWithElement() { return XMLPushSession.read(input, options: Self.options, firstIndex: firstIndex, handler) }
        let context = Unmanaged.passUnretained(input).toOpaque()
        let readCallback: xmlInputReadCallback = { context, buffer, length in
            guard let context, let buffer else { return -1 }
            return Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue().read(into: buffer, length: Int(length))
        }
        guard let reader = xmlReaderForIO(readCallback, { _ in 0 }, context, nil, "UTF-8", Self.options) else {
            handler(.failure(ParseFailure(position: .start, message: LocalizedText(
                zh: "无法创建 XML 解析器", en: "cannot create the XML parser"))))
            return true
        }
        defer { xmlFreeTextReader(reader) }
        xmlTextReaderSetStructuredErrorHandler(reader, { context, error in
            guard let context, let error else { return }
            Unmanaged<XMLInput>.fromOpaque(context).takeUnretainedValue().note(error)
        }, context)
        return withExtendedLifetime(input) {
            withoutActuallyEscaping(handler) { handler in
                var session = Session(reader: reader, input: input, handler: handler)
                session.index = firstIndex
                session.run()
                return session.tracking
            }
        }
    }

    /// The state of one read.
    private struct Session {
        let reader: xmlTextReaderPtr
        let input: XMLInput
        let handler: (ReaderEvent) -> Void
        var assembler = XMLRecordAssembler()
        var index = 0
        var nextTag = 0
        /// Tag numbers of the open elements, by depth.
        var tagAtDepth: [Int?] = []
        /// False once the tracker and libxml2 disagree; positions then come from libxml2 lines.
        var tracking = true
        var reportedError = false
        var recordTag: Int?
        /// True once an unexpanded entity reference was reported for the current record (or prolog).
        var entityReported = false
        /// Start of the latest element returned, to spot error positions inside entity text.
        var latestElementStart: SourcePosition?
        /// Element names, each made once.
        var names = XMLNameCache()

        init(reader: xmlTextReaderPtr, input: XMLInput, handler: @escaping (ReaderEvent) -> Void) {
            self.reader = reader
            self.input = input
            self.handler = handler
        }

        mutating func run() {
            var status: Int32 = 1
            while true {
                status = xmlTextReaderRead(reader)
                guard status == 1 else { break }
                if !handleNode() { return }
            }
            flushDecodingFailures()
            if let error = input.firstError {
                report(error)
            } else if status < 0 {
                handler(.failure(ParseFailure(position: input.tracker.position, message: LocalizedText(
                    zh: "XML 无法读取", en: "the XML cannot be read"))))
            }
        }

        /// libxml2's text as a String without validating it a third time: the decoder (or the
        /// chunk check) proved the input well-formed UTF-8 before libxml2 saw it, and libxml2
        /// checks every character it parses. `String(cString:)` validated again: 83 M of the
        /// 2.23 G instructions of 10k XML records.
        private func string(_ pointer: UnsafePointer<xmlChar>?) -> String {
            guard let pointer else { return "" }
            let count = strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
            return UTF8Text.string(trusting: UnsafeBufferPointer(start: pointer, count: count), isASCII: false)
        }

        private func bytes(_ pointer: UnsafePointer<xmlChar>?) -> [UInt8] {
            guard let pointer else { return [] }
            return Array(UnsafeBufferPointer(start: pointer, count: strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))))
        }

        /// The line libxml2 noted for the current node (used when exact tracking is lost).
        private func nodeLine() -> SourcePosition {
            var line = xmlTextReaderCurrentNode(reader).map { Int(xmlGetLineNo($0)) } ?? 0
            if line <= 0 { line = Int(xmlTextReaderGetParserLineNumber(reader)) }
            return SourcePosition(line: max(1, line), column: 1)
        }

        /// Handles the current node; false to stop reading.
        private mutating func handleNode() -> Bool {
            let type = xmlTextReaderNodeType(reader)
            let depth = Int(xmlTextReaderDepth(reader))
            switch type {
            case Int32(XML_READER_TYPE_ELEMENT.rawValue):
                let number = nextTag
                nextTag += 1
                let tag = trackedTag(number)
                while tagAtDepth.count <= depth { tagAtDepth.append(nil) }
                tagAtDepth[depth] = number
                let empty = xmlTextReaderIsEmptyElement(reader) == 1
                let start = tag?.start ?? nodeLine()
                latestElementStart = start
                if depth == 1 {
                    recordTag = number
                    entityReported = false
                    assembler.beginRecord(index: index, start: start, attributes: attributes(tag == nil ? nil : number))
                    if empty { return endRecord(number) }
                } else if depth >= 2 {
                    let textStart = tag.map { SourceText(start: $0.contentStart, dialect: .startOnly) }
                        ?? SourceText(start: start, dialect: .startOnly)
                    let attributes = attributes(tag == nil ? nil : number)
                    let name = names.name(xmlTextReaderConstLocalName(reader))
                    assembler.beginElement(level: depth - 1, name: name, start: start, textStart: textStart, attributes: attributes)
                    if empty { assembler.endElement(level: depth - 1, exact: nil) }
                }
            case Int32(XML_READER_TYPE_END_ELEMENT.rawValue):
                let number = depth < tagAtDepth.count ? tagAtDepth[depth] : nil
                if depth == 1, let number { return endRecord(number) }
                if depth >= 2 {
                    var exact: (start: SourcePosition, bytes: Int)?
                    if tracking, let number, let run = input.tracker.plainRun(number) { exact = run }
                    assembler.endElement(level: depth - 1, exact: exact)
                }
            case Int32(XML_READER_TYPE_TEXT.rawValue), Int32(XML_READER_TYPE_CDATA.rawValue),
                 Int32(XML_READER_TYPE_SIGNIFICANT_WHITESPACE.rawValue), Int32(XML_READER_TYPE_WHITESPACE.rawValue):
                if depth >= 3 { assembler.addText(level: depth - 2, string(xmlTextReaderConstValue(reader))) }
            case Int32(XML_READER_TYPE_ENTITY_REFERENCE.rawValue):
                // One report per record is enough (thousands of references must not flood the report).
                guard !entityReported else { return true }
                entityReported = true
                let name = string(xmlTextReaderConstName(reader))
                let at = depth >= 1 && depth - 1 < tagAtDepth.count
                    ? tagAtDepth[depth - 1].flatMap { input.tracker.positions($0)?.contentStart } ?? nodeLine() : nodeLine()
                handler(.failure(ParseFailure(position: at, message: LocalizedText(
                    zh: "实体引用 &\(name); 未展开（只支持 XML 预定义实体和字符引用；外部实体一律不读取）",
                    en: "entity reference &\(name); not expanded (only the predefined XML entities and character references are; external entities are never read)"),
                    recordIndex: assembler.inRecord ? index : nil)))
            default:
                break
            }
            return true
        }

        /// Where the tracker's tag for element `number` and its content start, if the names agree.
        private mutating func trackedTag(_ number: Int) -> (start: SourcePosition, contentStart: SourcePosition)? {
            guard tracking else { return nil }
            guard let name = xmlTextReaderConstName(reader), input.tracker.hasName(number, cString: name),
                  let tag = input.tracker.positions(number) else {
                tracking = false
                return nil
            }
            return tag
        }

        /// The current element's attributes as fields (namespace declarations left out);
        /// `number` is the element's tag number when the tracker follows it.
        private func attributes(_ number: Int?) -> [(name: String, value: FieldValue)] {
            var result: [(name: String, value: FieldValue)] = []
            guard xmlTextReaderHasAttributes(reader) == 1 else { return result }
            let start = number.flatMap { input.tracker.positions($0)?.start }
            while xmlTextReaderMoveToNextAttribute(reader) == 1 {
                if xmlTextReaderIsNamespaceDecl(reader) == 1 { continue }
                let qualified = bytes(xmlTextReaderConstName(reader))
                let value = string(xmlTextReaderConstValue(reader))
                let source: SourceText
                if let number, let attribute = input.tracker.attribute(number, named: qualified) {
                    source = attribute.plain ? SourceText(start: attribute.valueStart)
                        : SourceText(start: attribute.valueStart, dialect: .startOnly)
                } else {
                    source = SourceText(start: start ?? nodeLine(), dialect: .startOnly)
                }
                result.append((string(xmlTextReaderConstLocalName(reader)), FieldValue(text: value, source: source)))
            }
            xmlTextReaderMoveToElement(reader)
            return result
        }

        /// Ends the record; false when an error came before its end (reading stops).
        private mutating func endRecord(_ number: Int) -> Bool {
            flushDecodingFailures()
            let end = tracking ? input.tracker.end(number) : nil
            if let error = input.firstError, end.map({ error.position < $0 }) ?? true {
                report(error)
                return false
            }
            if let record = assembler.endRecord() { handler(.record(record)) }
            index += 1
            input.tracker.discard(below: number + 1)
            return true
        }

        private mutating func report(_ error: XMLInput.ParserError) {
            guard !reportedError else { return }
            reportedError = true
            // libxml2 words a cut-off file oddly ("Extra content at the end of the document").
            let truncated = input.finished && input.tracker.openCount > 0
            // An error inside an entity's replacement text carries the entity's own line (e.g.
            // 1): point at where the parser was in the file instead.
            var position = error.position
            if let latestElementStart, position < latestElementStart { position = error.fedPosition }
            handler(.failure(ParseFailure(position: position, message: LocalizedText(
                zh: truncated ? "XML 文件不完整（在元素闭合之前结束）：\(error.message)" : "XML 格式错误：\(error.message)",
                en: truncated ? "truncated XML (the file ends before its elements are closed): \(error.message)" : "malformed XML: \(error.message)"),
                recordIndex: assembler.inRecord ? index : nil)))
        }

        private mutating func flushDecodingFailures() {
            for var failure in input.decodingFailures {
                failure.recordIndex = nil
                handler(.failure(failure))
            }
            input.decodingFailures.removeAll()
        }
    }
}
