/// Kind `phrase`: phrases that must not appear in a field, each occurrence a finding.
/// Options: `field` (default handling), `phrases`, `exclude` (longer words that contain a phrase
/// but mean something else: an occurrence inside one is not a finding), `unlessAttachment`
/// (no finding when an attachment's name contains one of these texts), `unless` (no finding when
/// the field also says one of these, e.g. 已联系上 after 无人接听; an `unless` word inside a
/// matched phrase, like 与客户取得联系 inside 未能与客户取得联系, does not count).
struct PhraseRule: Rule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let phrases: [String]
    let excluded: [String]
    let unlessAttachment: [String]
    let unless: [String]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        phrases = try options.strings("phrases")
        guard !phrases.isEmpty else { throw options.error("phrases", "至少需要一个词语", "needs at least one phrase") }
        excluded = try options.strings("exclude")
        unlessAttachment = try options.strings("unlessAttachment")
        unless = try options.strings("unless")
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: phrases), PhraseList(field: field, phrases: excluded),
         PhraseList(field: field, phrases: unless)]
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        // Nearly every reply has no hit: answer that before looking at attachments.
        let found = context.maximalHits(0, excluding: 1)
        guard !found.isEmpty, let value = reply.values[field] else { return [] }
        if !unlessAttachment.isEmpty,
           reply.attachments.contains(where: { attachment in unlessAttachment.contains { PlainSubstring.contains(attachment.name, $0) } }) {
            return []
        }
        guard !context.hasMaximalHit(2, outside: found) else { return [] }
        return found.map { hit in
                let text = context.text(of: hit, in: value)
                let message = metadata.message.filling(["field": reply.name(of: field), "text": text, "phrase": phrases[hit.phrase]])
                return Finding(field: field, location: ValueLocation(value: value, range: hit.range), message: message)
            }
    }
}

extension String {
    /// The decoded scalars `range` of the string, as a string.
    public func scalarSlice(_ range: Range<Int>) -> String {
        // One slice of the UTF-8 bytes, found by counting scalar starts: building a
        // `UnicodeScalarView` scalar by scalar went through an unspecialised generic append.
        var text = self
        return text.withUTF8 { bytes in
            var scalar = 0
            var lower = bytes.count
            var upper = bytes.count
            for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 {
                if scalar == max(range.lowerBound, 0) { lower = index }
                if scalar == range.upperBound { upper = index; break }
                scalar += 1
            }
            guard lower < upper else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
    }
}
