#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
internal import CLibXML2
import ReplyLintCore

/// One read of an XML export without a DOCTYPE through libxml2's push parser with replylint's
/// own SAX2 callbacks: elements and text arrive as they are parsed, with no tree built, walked
/// and freed behind them (that cost libxml2's streaming reader about 0.26 G instructions on the
/// 10k corpus). The parser is the one the streaming reader drives, with the same options,
/// so the text, the errors and their positions are the same; positions of elements and text
/// come from the `XMLTagTracker` in `XMLInput`, paired with the elements in document order.
/// Documents with a DOCTYPE keep the streaming reader: entity declarations make libxml2
/// re-parse an entity's text through the callbacks at each reference when no tree is built.
final class XMLPushSession {
    private let input: XMLInput
    private let handler: (ReaderEvent) -> Void
    // Unchecked: only the callbacks of this read touch them, one at a time, and the dynamic
    // exclusivity checks of a class's properties cost instructions on every element.
    @exclusivity(unchecked) private var assembler = XMLRecordAssembler()
    @exclusivity(unchecked) private var names = XMLNameCache()
    /// Attribute names (a cache of their own: element names come back in the same order in
    /// every record, which `XMLNameCache` relies on).
    @exclusivity(unchecked) private var attributeNames = XMLNameCache()
    /// Tag numbers of the open elements, outermost first.
    @exclusivity(unchecked) private var open: [Int] = []
    /// Text bytes of the innermost element not yet handed to the assembler: libxml2 hands
    /// Chinese text over in pieces of up to 300 bytes, and one String per run is cheaper than
    /// one per piece. A buffer of its own rather than an `[UInt8]`: appending to and emptying
    /// the array cost about 40 M instructions on the 10k corpus (uniqueness checks, generic
    /// append and `removeAll`).
    private var text: UnsafeMutablePointer<UInt8>
    private var textCount = 0
    private var textCapacity = 1024
    /// The assembler level of `text`.
    private var textLevel = 0
    /// The masked run of the element just started (see `XMLMaskedRuns`): `text` starts with
    /// what libxml2 got for it until flushed.
    private var maskedRun: (start: Int, count: Int, handed: Int)?
    private var index: Int
    private var nextTag = 0
    /// False once the tracker and libxml2 disagree; positions then come from libxml2 lines.
    private(set) var tracking = true
    /// True once reading stopped at an error reported before a record's end.
    private var stopped = false
    /// Events of the piece of input being parsed. libxml2's streaming reader returns no node
    /// parsed from a piece in which it meets an error, so events are handed on only once their
    /// piece parsed cleanly (the input hands over the same pieces, see `XMLInput.maxRead`).
    @exclusivity(unchecked) private var pending: [ReaderEvent] = []
    /// The record number and whether a record was open after the last piece that parsed cleanly:
    /// what the streaming reader had seen when it met an error.
    private var visible: (index: Int, inRecord: Bool)
    /// Start of the latest element, to spot error positions inside entity text.
    private var latestElementStart: SourcePosition?
    private let parser: xmlParserCtxtPtr

    private init(parser: xmlParserCtxtPtr, input: XMLInput, firstIndex: Int, handler: @escaping (ReaderEvent) -> Void) {
        self.parser = parser
        self.input = input
        self.index = firstIndex
        self.visible = (firstIndex, false)
        self.handler = handler
        text = .allocate(capacity: textCapacity)
    }

    deinit {
        text.deallocate()
    }

    /// Reads `input` (which `beginsWithElement`), numbering records from `firstIndex`; false when
    /// positions fell back to libxml2's line numbers somewhere.
    static func read(_ input: XMLInput, options: Int32, firstIndex: Int, _ handler: (ReaderEvent) -> Void) -> Bool {
        var callbacks = xmlSAXHandler()
        callbacks.initialized = UInt32(XML_SAX2_MAGIC)
        callbacks.startElementNs = { context, localName, prefix, uri, _, _, attributeCount, _, attributes in
            XMLPushSession.session(context)?._withUnsafeGuaranteedRef {
                $0.startElement(localName, prefix, uri, Int(attributeCount), attributes)
            }
        }
        callbacks.endElementNs = { context, _, _, _ in
            XMLPushSession.session(context)?._withUnsafeGuaranteedRef { $0.endElement() }
        }
        callbacks.characters = { context, bytes, count in
            XMLPushSession.session(context)?._withUnsafeGuaranteedRef { $0.characters(bytes, Int(count)) }
        }
        callbacks.ignorableWhitespace = callbacks.characters
        callbacks.cdataBlock = callbacks.characters
        callbacks.serror = { context, error in
            guard let error else { return }
            XMLPushSession.session(context)?._withUnsafeGuaranteedRef { $0.input.note(UnsafePointer(error)) }
        }
        input.startMasking()
        guard let parser = xmlCreatePushParserCtxt(&callbacks, nil, nil, 0, nil) else {
            handler(.failure(ParseFailure(position: .start, message: LocalizedText(
                zh: "无法创建 XML 解析器", en: "cannot create the XML parser"))))
            return true
        }
        defer {
            if let document = parser.pointee.myDoc { xmlFreeDoc(document) }
            xmlFreeParserCtxt(parser)
        }
        xmlCtxtUseOptions(parser, options)
        return withExtendedLifetime(input) {
            withoutActuallyEscaping(handler) { handler in
                let session = XMLPushSession(parser: parser, input: input, firstIndex: firstIndex, handler: handler)
                parser.pointee._private = Unmanaged.passUnretained(session).toOpaque()
                defer { parser.pointee._private = nil }
                session.run()
                return session.tracking
            }
        }
    }

    /// The session of the parser context `context` (the callbacks' user data is the context);
    /// `nil` for any other context, so that nothing libxml2 might parse on the side reaches it.
    /// Unmanaged, used through `_withUnsafeGuaranteedRef`: `read` keeps the session alive, and a
    /// retain and release per callback cost about 15 M instructions on the 10k corpus.
    private static func session(_ context: UnsafeMutableRawPointer?) -> Unmanaged<XMLPushSession>? {
        guard let context else { return nil }
        let parser = context.assumingMemoryBound(to: xmlParserCtxt.self)
        guard let owner = parser.pointee._private else { return nil }
        let session = Unmanaged<XMLPushSession>.fromOpaque(owner)
        return session._withUnsafeGuaranteedRef { $0.parser == parser } ? session : nil
    }

    /// Bytes asked of the input per push: it hands over at most `XMLInput.maxRead` of a file
    /// and stops after each record's end, but a chunk of a bigger file goes in pieces this big.
    /// As much as libxml2's streaming reader asked for: the tracker keeps the tags scanned
    /// ahead and shifts them at each record's end, so 64 KiB pieces cost 0.5 G instructions
    /// of copying on the 10k corpus with `--jobs 2`.
    private static let pushSize = 4096

    private func run() {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.pushSize)
        defer { buffer.deallocate() }
        var status: Int32 = 0
        while true {
            let count = input.read(into: buffer, length: Self.pushSize)
            // Like the streaming reader: stop at the first error that makes the document not
            // well-formed (or, after a record's end, at the error reported there).
            status = xmlParseChunk(parser, buffer, count, count == 0 ? 1 : 0)
            if stopped {
                deliver(records: true)
                return
            }
            let failed = status != 0 || parser.pointee.wellFormed == 0
            deliver(records: !failed)
            if failed || count == 0 { break }
            visible = (index, assembler.inRecord)
        }
        flushDecodingFailures(into: &pending)
        deliver(records: false)
        if let error = input.firstError {
            handler(failure(error))
        } else if status != 0 || parser.pointee.wellFormed == 0 {
            handler(.failure(ParseFailure(position: input.tracker.position, message: LocalizedText(
                zh: "XML 无法读取", en: "the XML cannot be read"))))
        }
    }

    /// Hands on the pending events, leaving out the records when their piece did not parse.
    private func deliver(records: Bool) {
        for event in pending {
            if case .record = event, !records { continue }
            handler(event)
        }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: - Callbacks

    private func startElement(_ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?,
                              _ uri: UnsafePointer<xmlChar>?, _ attributeCount: Int,
                              _ attributes: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        guard !stopped else { return }
        // Text is rarely pending here (only text before a child element): no call for none.
        if textCount > 0 { flushText() }
        let depth = open.count
        let number = nextTag
        nextTag += 1
        // Measured once for the tracker's check and the name cache.
        let localCount = localName.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0
        let tag = trackedTag(number, localName, localCount, prefix)
        open.append(number)
        let start = tag?.start ?? nodeLine()
        latestElementStart = start
        // Only when the tracker follows libxml2: its tag numbers are then libxml2's elements.
        if tag != nil { maskedRun = input.masked.take(tag: number) }
        if depth == 1 {
            assembler.beginRecord(index: index, start: start,
                                  attributes: self.attributes(attributeCount, attributes, tag == nil ? nil : number, start))
        } else if depth >= 2 {
            let textStart = SourceText(start: tag?.contentStart ?? start, dialect: .startOnly)
            // Field elements rarely have attributes: no call for none.
            let fields = attributeCount == 0 ? [] : self.attributes(attributeCount, attributes, tag == nil ? nil : number, start)
            // An undeclared prefix leaves the name qualified, as the streaming reader's tree does.
            let name = prefix != nil && uri == nil ? qualifiedName(localName, prefix)
                : localName.map { names.name($0, count: localCount) } ?? ""
            assembler.beginElement(level: depth - 1, name: name, start: start, textStart: textStart, attributes: fields)
        }
    }

    private func endElement() {
        guard !stopped, let number = open.popLast() else { return }
        flushText()
        maskedRun = nil
        let depth = open.count
        if depth == 1 {
            if !endRecord(number) {
                stopped = true
                xmlStopParser(parser)
            }
        } else if depth >= 2 {
            // `<a/>` has no text run (the streaming reader returns no end node for it).
            var exact: (start: SourcePosition, bytes: Int)?
            if tracking, !input.tracker.isSelfClosing(number), let run = input.tracker.plainRun(number) { exact = run }
            assembler.endElement(level: depth - 1, exact: exact)
        }
    }

    private func characters(_ bytes: UnsafePointer<xmlChar>?, _ count: Int) {
        // Text directly in a field element or deeper (the levels the assembler keeps).
        let level = open.count - 2
        guard !stopped, level >= 1, let bytes, count > 0 else { return }
        if level != textLevel { flushText() }
        textLevel = level
        reserveText(textCount + count)
        (text + textCount).update(from: bytes, count: count)
        textCount += count
    }

    /// Makes `text` hold at least `capacity` bytes. Inlined, like `trackedTag`, `XMLMaskedRuns.take`
    /// and `XMLRecordAssembler.addText`, called once per element or text piece: 12 M fewer
    /// instructions on the 10k corpus together.
    @inline(__always)
    private func reserveText(_ capacity: Int) {
        guard capacity > textCapacity else { return }
        textCapacity = max(2 * textCapacity, capacity)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: textCapacity)
        larger.update(from: text, count: textCount)
        text.deallocate()
        text = larger
    }

    /// Hands the pending text to the assembler as one String.
    private func flushText() {
        guard textCount > 0 else { return }
        // The masked run comes first: libxml2 hands over the element's text in document order.
        if let run = maskedRun, textCount >= run.handed {
            let rest = textCount - run.handed
            reserveText(run.count + rest)
            if rest > 0, run.count != run.handed { memmove(text + run.count, text + run.handed, rest) }
            input.masked.copy(run, to: text)
            textCount = run.count + rest
        }
        maskedRun = nil
        // No validation: libxml2 checked every character of well-formed UTF-8 input (and the
        // decoder the bytes of masked runs).
        let string = UTF8Text.string(trusting: UnsafeBufferPointer(start: text, count: textCount), isASCII: false)
        assembler.addText(level: textLevel, string)
        textCount = 0
    }

    // MARK: - Elements

    /// Where the tracker's tag `number` and its content start, if its name is the element's
    /// (`localCount` is the length of `localName`).
    @inline(__always)
    private func trackedTag(_ number: Int, _ localName: UnsafePointer<xmlChar>?, _ localCount: Int,
                            _ prefix: UnsafePointer<xmlChar>?) -> (start: SourcePosition, contentStart: SourcePosition)? {
        guard tracking else { return nil }
        let named: Bool
        if let localName, prefix == nil {
            named = input.tracker.hasName(number, cString: localName, count: localCount)
        } else {
            let qualified = Array(qualifiedName(localName, prefix).utf8) + [0]
            named = qualified.withUnsafeBufferPointer { input.tracker.hasName(number, cString: $0.baseAddress!) }
        }
        guard named, let tag = input.tracker.positions(number) else {
            tracking = false
            input.stopMasking()
            return nil
        }
        return tag
    }

    /// `prefix:localName` (or `localName` without a prefix).
    private func qualifiedName(_ localName: UnsafePointer<xmlChar>?, _ prefix: UnsafePointer<xmlChar>?) -> String {
        let local = localName.map { String(cString: $0) } ?? ""
        guard let prefix else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// The line libxml2's parser is at (used when exact tracking is lost), capped as the line of
    /// a tree node is.
    private func nodeLine() -> SourcePosition {
        let line = parser.pointee.input.map { Int($0.pointee.line) } ?? 1
        return SourcePosition(line: max(1, min(line, 65_535)), column: 1)
    }

    /// The element's attributes as fields: libxml2 lists each as local name, prefix, URI, value
    /// start and value end. `number` is the element's tag number when the tracker follows it.
    private func attributes(_ count: Int, _ list: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ number: Int?,
                            _ start: SourcePosition) -> [(name: String, value: FieldValue)] {
        var result: [(name: String, value: FieldValue)] = []
        guard count > 0, let list else { return result }
        result.reserveCapacity(count)
        for i in 0..<count {
            let entry = list + 5 * i
            let localName = entry[0], prefix = entry[1], uri = entry[2]
            let value = Self.attributeValue(from: entry[3], to: entry[4])
            let source: SourceText
            if let number, let localName, let attribute = input.tracker.attribute(number, prefix: prefix, localName: localName) {
                source = attribute.plain ? SourceText(start: attribute.valueStart)
                    : SourceText(start: attribute.valueStart, dialect: .startOnly)
            } else {
                source = SourceText(start: start, dialect: .startOnly)
            }
            let name = prefix != nil && uri == nil ? qualifiedName(localName, prefix) : attributeNames.name(localName)
            result.append((name, FieldValue(text: value, source: source)))
        }
        return result
    }

    /// An attribute value as libxml2 hands it to SAX2 callbacks when it substitutes no
    /// entities: normalised, with every `&` (from `&amp;` or `&#38;`) written `&#38;` for the
    /// tree builder to turn back; this does the same.
    static func attributeValue(from start: UnsafePointer<xmlChar>?, to end: UnsafePointer<xmlChar>?) -> String {
        guard let start, let end, end > start else { return "" }
        let bytes = UnsafeBufferPointer(start: start, count: end - start)
        guard bytes.contains(UInt8(ascii: "&")) else { return UTF8Text.string(trusting: bytes, isASCII: false) }
        let escaped = Array("&#38;".utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "&"), bytes.count - i >= escaped.count,
               bytes[i..<(i + escaped.count)].elementsEqual(escaped) {
                decoded.append(UInt8(ascii: "&"))
                i += escaped.count
            } else {
                decoded.append(bytes[i])
                i += 1
            }
        }
        return decoded.withUnsafeBufferPointer { UTF8Text.string(trusting: $0, isASCII: false) }
    }

    // MARK: - Records and failures

    /// Ends the record; false when an error came before its end (reading stops).
    private func endRecord(_ number: Int) -> Bool {
        flushDecodingFailures(into: &pending)
        let end = tracking ? input.tracker.end(number) : nil
        if let error = input.firstError, end.map({ error.position < $0 }) ?? true {
            pending.append(failure(error, atRecordEnd: true))
            return false
        }
        if let record = assembler.endRecord() { pending.append(.record(record)) }
        index += 1
        input.tracker.discard(below: number + 1)
        input.masked.discard(below: number + 1, line: end?.line)
        return true
    }

    /// The failure for `error`, as part of the open record when reading stops at its end, or
    /// else of the record the streaming reader had seen open (see `visible`).
    private func failure(_ error: XMLInput.ParserError, atRecordEnd: Bool = false) -> ReaderEvent {
        // libxml2 words a cut-off file oddly ("Extra content at the end of the document").
        let truncated = input.finished && input.tracker.openCount > 0
        // An error inside an entity's replacement text carries the entity's own line (e.g.
        // 1): point at where the parser was in the file instead.
        var position = error.position
        if let latestElementStart, position < latestElementStart { position = error.fedPosition }
        return .failure(ParseFailure(position: position, message: LocalizedText(
            zh: truncated ? "XML 文件不完整（在元素闭合之前结束）：\(error.message)" : "XML 格式错误：\(error.message)",
            en: truncated ? "truncated XML (the file ends before its elements are closed): \(error.message)" : "malformed XML: \(error.message)"),
            recordIndex: atRecordEnd ? index : visible.inRecord ? visible.index : nil))
    }

    private func flushDecodingFailures(into events: inout [ReaderEvent]) {
        for var failure in input.decodingFailures {
            failure.recordIndex = nil
            events.append(.failure(failure))
        }
        input.decodingFailures.removeAll()
    }
}
