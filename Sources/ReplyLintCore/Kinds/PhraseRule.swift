/// Kind `phrase`: phrases that must not appear in a field, each occurrence a finding.
/// Options: `field` (default handling), `phrases`, `exclude` (longer words that contain a phrase
/// but mean something else: an occurrence inside one is not a finding), `unlessAttachment`
/// (no finding when an attachment's name contains one of these texts).
struct PhraseRule: Rule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let phrases: [String]
    let excluded: [String]
    let unlessAttachment: [String]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        phrases = try options.strings("phrases")
        guard !phrases.isEmpty else { throw options.error("phrases", "至少需要一个词语", "needs at least one phrase") }
        excluded = try options.strings("exclude")
        unlessAttachment = try options.strings("unlessAttachment")
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: phrases), PhraseList(field: field, phrases: excluded)]
    }

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        guard let value = reply.values[field] else { return [] }
        if !unlessAttachment.isEmpty,
           reply.attachments.contains(where: { attachment in unlessAttachment.contains { attachment.name.contains($0) } }) {
            return []
        }
        return context.hits(0).maximal(excluding: context.hits(1)).map { hit in
                let text = value.text.scalarSlice(hit.range)
                let message = metadata.message.filling(["field": reply.name(of: field), "text": text, "phrase": phrases[hit.phrase]])
                return Finding(field: field, location: ValueLocation(value: value, range: hit.range), message: message)
            }
    }
}

extension String {
    /// The decoded scalars `range` of the string, as a string.
    public func scalarSlice(_ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        var offset = 0
        for scalar in unicodeScalars {
            if offset >= range.upperBound { break }
            if offset >= range.lowerBound { view.append(scalar) }
            offset += 1
        }
        return String(view)
    }
}
