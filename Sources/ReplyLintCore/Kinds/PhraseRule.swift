/// Kind `phrase`: phrases that must not appear in a field, each occurrence a finding.
/// Options: `field` (default handling), `phrases`, `exclude` (longer words that contain a phrase
/// but mean something else: an occurrence inside one is not a finding), `unlessAttachment`
/// (no finding when an attachment's name contains one of these texts), `unless` (no finding when
/// the field also says one of these, e.g. 已联系上 after 无人接听; an `unless` word inside a
/// matched phrase, like 与客户取得联系 inside 未能与客户取得联系, does not count).
struct PhraseRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let phrases: [String]
    let excluded: [String]
    let unlessAttachment: [String]
    let unless: [String]
    /// The rule's message, split at load time: placeholders `field`, `text`, `phrase` (a
    /// dictionary of names per finding cost about 8,000 instructions more; 290 findings per
    /// 10,000 replies).
    let message: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        phrases = try options.strings("phrases")
        guard !phrases.isEmpty else { throw options.error("phrases", "至少需要一个词语", "needs at least one phrase") }
        excluded = try options.strings("exclude")
        unlessAttachment = try options.strings("unlessAttachment")
        unless = try options.strings("unless")
        message = MessageTemplate(metadata.message, names: ["field", "text", "phrase"])
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: phrases), PhraseList(field: field, phrases: excluded),
         PhraseList(field: field, phrases: unless)]
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // Nearly every reply has no hit: answer that before looking at attachments.
        let found = context.maximalHits(0, excluding: 1)
        guard !found.isEmpty, let value = reply.values[field] else { return }
        if !unlessAttachment.isEmpty,
           reply.attachments.contains(where: { attachment in unlessAttachment.contains { PlainSubstring.contains(attachment.name, $0) } }) {
            return
        }
        guard !context.hasMaximalHit(2, outside: found) else { return }
        for hit in found {
            let text = context.text(of: hit, in: value)
            let filled = message.filling([LocalizedText(zh: reply.name(of: field), en: reply.name(of: field)),
                                          LocalizedText(zh: text, en: text), LocalizedText(zh: phrases[hit.phrase], en: phrases[hit.phrase])])
            sink.append(Finding(field: field, location: ValueLocation(value: value, range: hit.range), message: filled))
        }
    }
}

extension String {
    /// The decoded scalars `range` of the string, as a string.
    public func scalarSlice(_ range: Range<Int>) -> String {
        // One slice of the UTF-8 bytes, found by stepping from scalar to scalar by the length
        // its lead byte gives: building a `UnicodeScalarView` scalar by scalar went through an
        // unspecialised generic append.
        var text = self
        return text.withUTF8 { bytes in
            var index = 0
            var scalar = 0
            func step() {
                let lead = bytes[index]
                index += lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                scalar += 1
            }
            // Whole words of eight bytes before the slice are passed over, counting the scalars
            // that start in them (bytes other than 10xxxxxx) as `ScalarCache.scalarCount` does:
            // stepping scalar by scalar from the start cost 1,400 instructions a quoted hit.
            if let base = bytes.baseAddress {
                let raw = UnsafeRawPointer(base)
                while bytes.count &- index >= 8 {
                    let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                    let starts = 8 &- (word & ~(word << 1) & 0x8080_8080_8080_8080).nonzeroBitCount
                    guard scalar &+ starts <= range.lowerBound else { break }
                    scalar &+= starts
                    index &+= 8
                }
                // The rest of a scalar whose start the last word counted.
                while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index &+= 1 }
            }
            while scalar < range.lowerBound, index < bytes.count { step() }
            let lower = index
            while scalar < range.upperBound, index < bytes.count { step() }
            guard lower < index else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<index]), as: UTF8.self)
        }
    }
}
