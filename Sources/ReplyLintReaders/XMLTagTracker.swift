#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ReplyLintCore

// libxml2's streaming reader reports only the line of a node (and its parser runs ahead of the
// node it returns), so it cannot say where a field's text starts. This small scanner sees the
// same decoded bytes as libxml2, as they are handed over, and notes every start tag in document
// order with the exact positions of its content and attribute values. The reader pairs the n-th
// element libxml2 returns with the n-th start tag noted here (checking the names agree). It does
// not judge well-formedness: that is libxml2's job.

/// Notes the positions of start tags, their content and attribute values in a UTF-8 XML stream.
struct XMLTagTracker {
    /// An attribute of a start tag: its name and where its value starts.
    struct Attribute {
        /// The qualified name as written.
        var name: [UInt8]
        /// Position of the value's first character (after the opening quote).
        var valueStart: SourcePosition
        /// False when the value holds a reference or white space that libxml2 normalises.
        var plain: Bool
    }

    /// A start tag and what follows it.
    struct Tag {
        /// Where the qualified name as written starts among the tracker's name bytes (global).
        var nameStart: Int
        /// Its length in bytes.
        var nameCount: Int
        /// Position of the `<`.
        var start: SourcePosition
        /// Position just after the tag's `>`.
        var contentStart = SourcePosition.start
        /// UTF-8 bytes of text between `>` and the next `<` (bytes rather than code points: the
        /// reader only compares the run with libxml2's text, whose bytes it starts with).
        var runBytes = 0
        /// True when that text holds a reference or a carriage return (decoded text differs).
        var runSpecial = false
        /// True when that text holds a byte ≥ 0x80 (so far).
        var runHigh = false
        /// Where its attributes start in the tracker's attribute list (global), in document
        /// order: kept there rather than in an array per tag, so that a `Tag` holds no
        /// reference and costs nothing to copy or free.
        var firstAttribute: Int
        /// How many attributes it has.
        var attributeCount = 0
        /// Position just after the matching end tag (or `/>`), once seen.
        var end: SourcePosition?
    }

    private enum State {
        case text
        case markupStart
        case bang(matched: Int)
        case comment(dashes: Int)
        case cdata(brackets: Int)
        case processingInstruction(question: Bool)
        case doctype(depth: Int, quote: UInt8)
        /// A comment inside the internal subset (it may hold quotes and brackets).
        case doctypeComment(depth: Int, dashes: Int)
        case endTag
        case tagName
        case inTag(slash: Bool)
        case attributeName
        case attributeEquals
        case attributeValue(quote: UInt8)
    }

    private var state = State.text
    /// Position of the next byte.
    private(set) var position = SourcePosition.start
    /// Decoded bytes scanned so far.
    private(set) var offset = 0
    private var tags: [Tag] = []
    /// The names of `tags`, back to back: one shared buffer rather than an array per tag
    /// (allocating and freeing those cost about 70 M instructions on the 10k corpus).
    private var names: [UInt8] = []
    /// Global offset of `names[0]`.
    private var namesBase = 0
    /// The attributes of `tags`, back to back.
    private var attributes: [Attribute] = []
    /// Global index of `attributes[0]`.
    private var attributesBase = 0
    /// Global number of `tags[0]`.
    private var base = 0
    private var open: [Int] = []
    /// The tag whose content run is being counted, if the text follows its start tag directly.
    private var runOwner: Int?
    /// Where that run starts (global offset).
    private var runStart = 0
    /// True when runs are noted in `endedRuns` (the push parser masks them, see `XMLInput`).
    var notesRuns = false
    /// Runs noted since the owner last emptied the list: each directly after a start tag, ended
    /// by a `<`, with a non-ASCII byte and no reference or carriage return (global tag number
    /// and offsets, and its characters when it is on one line, else -1).
    private(set) var endedRuns: [(tag: Int, start: Int, end: Int, characters: Int)] = []
    private var markupStart = SourcePosition.start
    /// Where the latest start tag's name begins in `names` (global): its bytes go straight
    /// there rather than through `name` (clearing and copying that cost about 35 M
    /// instructions on the 10k corpus). `discard` keeps them while the name is being read.
    private var tagNameStart = 0
    /// An attribute name being read.
    private var name: [UInt8] = []
    private var bangBytes: [UInt8] = []
    /// The last four bytes inside a DOCTYPE, to spot `<!--`.
    private var recent: UInt32 = 0
    /// Elements opened and not yet closed.
    var openCount: Int { open.count }
    /// Number of start tags noted so far (global).
    var count: Int { base + tags.count }

    /// The tag with global number `number`, if it is still kept.
    func tag(_ number: Int) -> Tag? {
        let local = number - base
        return local >= 0 && local < tags.count ? tags[local] : nil
    }

    // The accessors below read single fields in place: the reader asks for them once or twice
    // per element, and copying a whole `Tag` (and retaining its attributes) each time cost
    // about 16 M instructions on the 10k corpus. The hot ones are inlined: called on
    // `XMLInput.tracker`, each call copied the whole tracker (a memcpy) to pass it.

    /// Where tag `number` and its content start, if it is still kept.
    @inline(__always)
    func positions(_ number: Int) -> (start: SourcePosition, contentStart: SourcePosition)? {
        let local = number - base
        guard local >= 0 && local < tags.count else { return nil }
        return (tags[local].start, tags[local].contentStart)
    }

    /// Where the text run after tag `number` starts and its UTF-8 byte count, if the tag is
    /// kept and the run holds no reference or carriage return (so it is the decoded text as is).
    @inline(__always)
    func plainRun(_ number: Int) -> (start: SourcePosition, bytes: Int)? {
        let local = number - base
        guard local >= 0 && local < tags.count, !tags[local].runSpecial else { return nil }
        return (tags[local].contentStart, tags[local].runBytes)
    }

    /// The attribute of tag `number` whose qualified name is `name`, if the tag is kept.
    func attribute(_ number: Int, named name: [UInt8]) -> Attribute? {
        let local = number - base
        guard local >= 0 && local < tags.count else { return nil }
        let first = tags[local].firstAttribute - attributesBase
        return attributes[first..<first + tags[local].attributeCount].first { $0.name == name }
    }

    /// The attribute of tag `number` written `prefix:localName` (or `localName` without a
    /// prefix), both NUL-terminated, if the tag is kept: compared in place, where building the
    /// qualified name as a String and an array per attribute cost about 2,000 instructions each.
    func attribute(_ number: Int, prefix: UnsafePointer<UInt8>?, localName: UnsafePointer<UInt8>) -> Attribute? {
        let local = number - base
        guard local >= 0 && local < tags.count else { return nil }
        let first = tags[local].firstAttribute - attributesBase
        let localCount = strlen(UnsafeRawPointer(localName).assumingMemoryBound(to: CChar.self))
        let prefixCount = prefix.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0
        let count = prefix == nil ? localCount : prefixCount + 1 + localCount
        return attributes[first..<first + tags[local].attributeCount].first { attribute in
            attribute.name.count == count && attribute.name.withUnsafeBufferPointer { name in
                guard let prefix else { return memcmp(name.baseAddress!, localName, count) == 0 }
                return memcmp(name.baseAddress!, prefix, prefixCount) == 0 && name[prefixCount] == UInt8(ascii: ":")
                    && memcmp(name.baseAddress! + prefixCount + 1, localName, localCount) == 0
            }
        }
    }

    /// True when tag `number` is kept and ended with `/>` (its end is where its content starts).
    @inline(__always)
    func isSelfClosing(_ number: Int) -> Bool {
        let local = number - base
        return local >= 0 && local < tags.count && tags[local].end == tags[local].contentStart
    }

    /// Where tag `number` ends, if it is kept and its end was seen.
    @inline(__always)
    func end(_ number: Int) -> SourcePosition? {
        let local = number - base
        return local >= 0 && local < tags.count ? tags[local].end : nil
    }

    /// Forgets tags numbered below `number` (the reader no longer needs them).
    mutating func discard(below number: Int) {
        let drop = min(max(0, number - base), tags.count)
        guard drop > 0 else { return }
        tags.removeFirst(drop)
        base += drop
        let unused = min(tags.first?.nameStart ?? tagNameStart, tagNameStart) - namesBase
        names.removeFirst(unused)
        namesBase += unused
        let unusedAttributes = (tags.first?.firstAttribute ?? attributesBase + attributes.count) - attributesBase
        if unusedAttributes > 0 {
            attributes.removeFirst(unusedAttributes)
            attributesBase += unusedAttributes
        }
    }

    /// True when tag `number` is kept and its name has exactly the bytes of the NUL-terminated
    /// `cString` (compared only once the lengths agree, so the C string is never read past its
    /// terminator, and a NUL among the name's bytes never matches).
    @inline(__always)
    func hasName(_ number: Int, cString: UnsafePointer<UInt8>) -> Bool {
        hasName(number, cString: cString, count: strlen(UnsafeRawPointer(cString).assumingMemoryBound(to: CChar.self)))
    }

    /// `hasName(_:cString:)` for a C string whose length `count` the caller knows (the push
    /// parser measures each element name once for this and `XMLNameCache`).
    @inline(__always)
    func hasName(_ number: Int, cString: UnsafePointer<UInt8>, count: Int) -> Bool {
        let local = number - base
        guard local >= 0 && local < tags.count, tags[local].nameCount == count else { return false }
        let start = tags[local].nameStart - namesBase
        return names.withUnsafeBufferPointer { memcmp(cString, $0.baseAddress! + start, count) == 0 }
    }

    /// Makes `position` the position of the next byte (see `XMLInput.move`).
    mutating func move(to position: SourcePosition) {
        self.position = position
    }

    /// Set when the byte just scanned closed a record (an element directly inside the root).
    private var recordClosed = false

    /// Scans bytes handed to libxml2, stopping just after the end of a record; returns how many
    /// bytes were scanned. Its three tight loops (`scanText`, `scanTagName`, `skipEndTag`) are
    /// inlined here, called once per tag or run: 7.4 M fewer instructions on the 10k corpus. (The caller hands libxml2 only those, so that a record's end and a
    /// later error never reach the parser together: libxml2's reader returns no more nodes after
    /// an error, and would otherwise drop the record's end.)
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = 0
        while index < bytes.count {
            // Text between tags is most of an export: skip it in one tight loop, not one state
            // machine step per byte.
            switch state {
            case .text:
                index = scanText(bytes, from: index)
                if index + 1 < bytes.count, openMarkup(bytes[index + 1]) {
                    index += 2
                    continue
                }
            case .tagName:
                index = scanTagName(bytes, from: index)
                // `<name>` (nearly every start tag) closed here rather than by two trips
                // through `step` (.tagName, then .inTag), as those steps do it: with the end
                // tags' `>` below, about 15 M instructions on the 10k corpus.
                if index < bytes.count, bytes[index] == Self.gt {
                    offset += 1
                    position.column += 1
                    beginTag(contentStart: position)
                    runOwner = base + tags.count - 1
                    runStart = offset
                    state = .text
                    index += 1
                    continue
                }
            case .endTag:
                index = skipEndTag(bytes, from: index)
                // Its `>` (where `skipEndTag` stopped, unless the bytes ran out), as `step`
                // does it, without the trip through `step`.
                if index < bytes.count {
                    offset += 1
                    position.column += 1
                    // `removeLast` rather than `popLast`, whose generic version was a call per
                    // end tag (4.5 M instructions on the 10k corpus).
                    if !open.isEmpty {
                        let last = open.removeLast()
                        if last >= base, last - base < tags.count { tags[last - base].end = position }
                    }
                    state = .text
                    index += 1
                    // After a record's end (see `recordClosed`).
                    if open.count == 1 { return index }
                    continue
                }
            case .attributeValue(let quote):
                index = scanAttributeValue(bytes, from: index, quote: quote)
            default: break
            }
            guard index < bytes.count else { break }
            step(bytes[index])
            index += 1
            if recordClosed {
                recordClosed = false
                return index
            }
        }
        return bytes.count
    }

    /// Does what two `step`s do for a `<` and the byte after it, when that starts an end tag or
    /// a start tag's name (nearly always); false, changing nothing, otherwise. Two fewer trips
    /// through `step` per tag saved about 70 M instructions on the 10k corpus.
    @inline(__always)
    private mutating func openMarkup(_ next: UInt8) -> Bool {
        guard next != UInt8(ascii: "?"), next != UInt8(ascii: "!"), next != Self.gt, !Self.isSpace(next) else { return false }
        runOwner = nil
        markupStart = position
        offset += 2
        position.column += next & 0xC0 != 0x80 ? 2 : 1
        if next == Self.slash {
            state = .endTag
        } else {
            tagNameStart = namesBase + names.count
            names.append(next)
            state = .tagName
        }
        return true
    }

    /// Does what `step` does for the bytes of a start tag's name: appends them to `names`, up to
    /// the white space, `>` or `/` that ends it (left for `step`); returns that index.
    @inline(__always)
    private mutating func scanTagName(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        // White space, `>` and `/` are all below 0x40.
        var columns = Self.skipHighWords(bytes, &index)
        while index < bytes.count {
            let byte = bytes[index]
            if Self.isSpace(byte) || byte == Self.gt || byte == Self.slash { break }
            // No line feed in a name (it is white space): only the column moves.
            if byte & 0xC0 != 0x80 { columns += 1 }
            index += 1
        }
        names.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        offset += index - start
        position.column += columns
        return index
    }

    /// Moves `index` on eight bytes at a time while no byte of the word is below 0x40, as in
    /// Chinese names (a byte loop cost about 80 instructions per start tag); returns the columns
    /// (code points) skipped.
    @inline(__always)
    private static func skipHighWords(_ bytes: UnsafeBufferPointer<UInt8>, _ index: inout Int) -> Int {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        var columns = 0
        while index &+ 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            guard ~(word | word << 1) & highs == 0 else { break }
            columns &+= 8 &- continuationCount(word)
            index &+= 8
        }
        return columns
    }

    /// Does what `step` does inside an end tag, up to its `>` (left for `step`); returns its index.
    /// One pass finds the `>` and counts columns (a second pass to move the position cost about
    /// 12 M instructions on the 10k corpus); a line feed before the `>` is counted as `advance` does.
    @inline(__always)
    private mutating func skipEndTag(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var line = position.line, column = position.column
        // `>` and line feeds are below 0x40.
        column &+= Self.skipHighWords(bytes, &index)
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.gt { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            index += 1
        }
        offset += index - start
        position.line = line
        position.column = column
        return index
    }

    /// Does what `step` does for the bytes of an attribute value, up to its closing quote (left
    /// for `step`); returns that index. Byte by byte (values are short), but without a trip
    /// through `step` per byte (126k of its 231k calls on the 10k corpus, whose attachment items
    /// have two attributes each): 2 M fewer instructions.
    @inline(__always)
    private mutating func scanAttributeValue(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, quote: UInt8) -> Int {
        var index = start
        var line = position.line, column = position.column
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == quote { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            // A reference, `<` or white space other than a space: libxml2 changes the value.
            if byte == UInt8(ascii: "&") || byte == Self.lt || byte == 0x09 || byte == 0x0A || byte == 0x0D { plain = false }
            index += 1
        }
        offset += index - start
        position.line = line
        position.column = column
        // The last tag's attributes are the last ones in the list.
        if !plain, !tags.isEmpty, tags[tags.count - 1].attributeCount > 0 { attributes[attributes.count - 1].plain = false }
        return index
    }

    /// Does what `step` does for text bytes, up to the next `<` (not consumed); returns its index.
    @inline(__always)
    private mutating func scanText(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        var line = position.line, column = position.column
        var special = false
        // The high bits of the run's bytes, for `endedRuns` (only runs with non-ASCII text).
        var high: UInt64 = 0
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        // Eight bytes at a time, up to the first `<`, `&`, CR or LF: the byte loop cost about
        // ten instructions per byte of text, a third of the XML-only cost.
        words: while index &+ 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
            // All four stop bytes are below 0x40; Chinese text has no such byte at all.
            let stops = ~(word | word << 1) & Self.highs == 0 ? 0 : Self.stopMask(word)
            if stops == 0 {
                high |= word
                column &+= 8 &- Self.continuationCount(word)
                index &+= 8
                continue
            }
            let before = stops.trailingZeroBitCount >> 3
            if before > 0 {
                high |= word & (1 << UInt64(before &* 8) &- 1)
                column &+= before &- Self.continuationCount(word & (1 << UInt64(before &* 8) &- 1))
                index &+= before
            }
            switch bytes[index] {
            case Self.lt: break words
            case 0x0A:
                line &+= 1
                column = 1
            default:
                column &+= 1
                special = true
            }
            index &+= 1
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.lt { break }
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            if byte == UInt8(ascii: "&") || byte == 0x0D { special = true }
            high |= UInt64(byte)
            index += 1
        }
        offset += index - start
        position.line = line
        position.column = column
        if let owner = runOwner, owner >= base, owner - base < tags.count {
            // One write access to the tag rather than one per field (each checks the array's
            // uniqueness).
            let noted = tags.withUnsafeMutableBufferPointer { tags in
                tags[owner - base].runBytes += index - start
                if special { tags[owner - base].runSpecial = true }
                if high & Self.highs != 0 { tags[owner - base].runHigh = true }
                return tags[owner - base].runHigh && !tags[owner - base].runSpecial
            }
            if notesRuns, index < bytes.count, noted {
                let start = tags[owner - base].contentStart
                endedRuns.append((owner, runStart, offset, start.line == line ? column - start.column : -1))
            }
        }
        return index
    }

    /// Empties `endedRuns`.
    mutating func forgetEndedRuns() {
        endedRuns.removeAll(keepingCapacity: true)
    }

    /// The run being scanned, when it directly follows its tag's start tag and holds no
    /// reference or carriage return so far: its tag and where it starts (global offset).
    func openRun() -> (tag: Int, start: Int)? {
        guard case .text = state, let owner = runOwner, owner >= base, owner - base < tags.count,
              !tags[owner - base].runSpecial else { return nil }
        return (owner, runStart)
    }

    private static let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080

    /// The high bit of each byte of `word` that may be `<`, `&`, CR or LF; the lowest one set
    /// is exact (a borrow can only mark bytes above a real match), so it finds the first stop.
    @inline(__always)
    static func stopMask(_ word: UInt64) -> UInt64 {
        zeroBytes(word ^ (ones &* UInt64(lt))) | zeroBytes(word ^ (ones &* 0x26))
            | zeroBytes(word ^ (ones &* 0x0D)) | zeroBytes(word ^ (ones &* 0x0A))
    }

    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }

    /// How many of the eight bytes of `word` are UTF-8 continuation bytes (`10xxxxxx`); a
    /// multiply adds the per-byte flags (no popcount instruction in the baseline x86-64 target).
    @inline(__always)
    static func continuationCount(_ word: UInt64) -> Int {
        Int(truncatingIfNeeded: (((word & ~(word << 1) & highs) >> 7) &* ones) >> 56)
    }

    @inline(__always)
    private mutating func advance(_ byte: UInt8) {
        offset += 1
        position.advance(overUTF8: byte)
    }

    private static let lt = UInt8(ascii: "<"), gt = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let doctypeBang = Array("DOCTYPE".utf8), cdataBang = Array("[CDATA[".utf8)
    /// `<!--` as four bytes.
    private static let commentOpen: UInt32 = 0x3C21_2D2D

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }

    private mutating func step(_ byte: UInt8) {
        let here = position
        advance(byte)
        switch state {
        case .text:
            if byte == Self.lt {
                runOwner = nil
                markupStart = here
                state = .markupStart
            } else if let owner = runOwner, owner >= base, owner - base < tags.count {
                if byte == UInt8(ascii: "&") || byte == 0x0D { tags[owner - base].runSpecial = true }
                tags[owner - base].runBytes += 1
            }
        case .markupStart:
            switch byte {
            case Self.slash: state = .endTag
            case UInt8(ascii: "?"): state = .processingInstruction(question: false)
            case UInt8(ascii: "!"): bangBytes.removeAll(keepingCapacity: true); state = .bang(matched: 0)
            default:
                tagNameStart = namesBase + names.count
                names.append(byte)
                state = .tagName
            }
        case .bang:
            bangBytes.append(byte)
            if bangBytes == [UInt8(ascii: "-"), UInt8(ascii: "-")] { state = .comment(dashes: 0) }
            else if bangBytes == Self.cdataBang { state = .cdata(brackets: 0) }
            else if bangBytes == Self.doctypeBang { state = .doctype(depth: 0, quote: 0) }
            else if !(Self.cdataBang.starts(with: bangBytes) || Self.doctypeBang.starts(with: bangBytes)
                      || bangBytes == [UInt8(ascii: "-")]) {
                // Something else (`<!ENTITY` outside a DOCTYPE is not XML): skip to `>`.
                state = byte == Self.gt ? .text : .doctype(depth: 0, quote: 0)
            }
        case .comment(let dashes):
            if byte == Self.gt && dashes >= 2 { state = .text }
            else { state = .comment(dashes: byte == UInt8(ascii: "-") ? dashes + 1 : 0) }
        case .cdata(let brackets):
            if byte == Self.gt && brackets >= 2 { state = .text }
            else { state = .cdata(brackets: byte == UInt8(ascii: "]") ? brackets + 1 : 0) }
        case .processingInstruction(let question):
            if byte == Self.gt && question { state = .text }
            else { state = .processingInstruction(question: byte == UInt8(ascii: "?")) }
        case .doctype(let depth, let quote):
            recent = recent << 8 | UInt32(byte)
            if quote == 0 && recent == Self.commentOpen {
                state = .doctypeComment(depth: depth, dashes: 0)
            } else if quote != 0 {
                if byte == quote { state = .doctype(depth: depth, quote: 0) }
            } else if byte == 0x22 || byte == 0x27 {
                state = .doctype(depth: depth, quote: byte)
            } else if byte == UInt8(ascii: "[") {
                state = .doctype(depth: depth + 1, quote: 0)
            } else if byte == UInt8(ascii: "]") {
                state = .doctype(depth: max(0, depth - 1), quote: 0)
            } else if byte == Self.gt && depth == 0 {
                state = .text
            }
        case .doctypeComment(let depth, let dashes):
            if byte == Self.gt && dashes >= 2 {
                recent = 0
                state = .doctype(depth: depth, quote: 0)
            } else {
                state = .doctypeComment(depth: depth, dashes: byte == UInt8(ascii: "-") ? dashes + 1 : 0)
            }
        case .endTag:
            if byte == Self.gt {
                if let last = open.popLast(), last >= base, last - base < tags.count { tags[last - base].end = position }
                recordClosed = open.count == 1
                state = .text
            }
        case .tagName:
            if Self.isSpace(byte) {
                beginTag()
                state = .inTag(slash: false)
            } else if byte == Self.gt || byte == Self.slash {
                beginTag()
                state = .inTag(slash: false)
                closeOrSlash(byte)
            } else {
                names.append(byte)
            }
        case .inTag:
            if Self.isSpace(byte) { break }
            if byte == Self.gt || byte == Self.slash { closeOrSlash(byte); break }
            name.removeAll(keepingCapacity: true)
            name.append(byte)
            state = .attributeName
        case .attributeName:
            if byte == UInt8(ascii: "=") { state = .attributeEquals }
            else if byte == Self.gt { state = .inTag(slash: false); closeOrSlash(byte) }
            else if !Self.isSpace(byte) { name.append(byte) }
        case .attributeEquals:
            if byte == 0x22 || byte == 0x27 {
                if !tags.isEmpty {
                    attributes.append(Attribute(name: name, valueStart: position, plain: true))
                    tags[tags.count - 1].attributeCount += 1
                }
                state = .attributeValue(quote: byte)
            } else if byte == Self.gt {
                state = .inTag(slash: false); closeOrSlash(byte)
            }
        case .attributeValue(let quote):
            if byte == quote {
                state = .inTag(slash: false)
            } else if byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || Self.isSpace(byte) && byte != 0x20,
                      !tags.isEmpty, tags[tags.count - 1].attributeCount > 0 {
                // The last tag's attributes are the last ones in the list.
                attributes[attributes.count - 1].plain = false
            }
        }
    }

    /// Notes the start tag whose name was just read (its content start, when known, given here
    /// rather than stored afterwards: one array write less per tag). Inlined into `scan`, which
    /// calls it for nearly every start tag: 3 M fewer instructions on the 10k corpus.
    @inline(__always)
    private mutating func beginTag(contentStart: SourcePosition = .start) {
        tags.append(Tag(nameStart: tagNameStart, nameCount: namesBase + names.count - tagNameStart, start: markupStart,
                        contentStart: contentStart, firstAttribute: attributesBase + attributes.count))
        open.append(base + tags.count - 1)
    }

    /// Handles `/` or `>` inside a start tag.
    private mutating func closeOrSlash(_ byte: UInt8) {
        guard case .inTag(let slash) = state else { return }
        if byte == Self.slash { state = .inTag(slash: true); return }
        state = .text
        guard !tags.isEmpty else { return }
        let last = tags.count - 1
        tags[last].contentStart = position
        if slash {
            tags[last].end = position
            if open.last == base + last {
                open.removeLast()
                recordClosed = open.count == 1
            }
        } else {
            runOwner = base + last
            runStart = offset
        }
        _ = slash
    }
}
