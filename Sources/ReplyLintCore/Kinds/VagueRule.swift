/// Kind `vague`: a result too thin to check. Fires when the text, not counting punctuation and
/// spaces, is shorter than `minLength`, or when everything in it is covered by `stock` phrases
/// (已处理, 已答复客户 …). Options: `field` (default handling), `minLength` (15), `stock`.
/// A blank text is left to `required-fields`.
struct VagueRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let minLength: Int
    let stock: [String]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        minLength = try options.int("minLength") ?? 15
        stock = try options.strings("stock")
    }

    var phraseLists: [PhraseList] { [PhraseList(field: field, phrases: stock, quotesHits: false)] }

    /// The field measured and matched.
    var scalarFields: [CanonicalField] { [field] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The value is copied out of the reply only for a finding.
        guard !reply.values.isBlank(field) else { return }
        // Without a stock phrase the text is vague only when short, so counting stops once the
        // count reaches `minLength` (most replies are many times longer; the full count was
        // nearly all of the rule's 14.5 M instructions per 10,000 replies). With a stock
        // phrase the exact length decides whether the phrases cover the text.
        // The phrases cover the text only if their lengths add up to its length at least, so
        // counting can stop past that sum too: then the text is neither short nor only stock
        // phrases (counting every scalar cost 2.5 M instructions per 10,000 replies). `length`
        // is exact whenever the rule fires.
        let stockFound = !stock.isEmpty && context.hasHits(0)
        let stockLength = stockFound ? context.withHits(0) { $0.reduce(0) { $0 &+ $1.range.count } } : 0
        let enough = Swift.max(minLength, stockLength &+ 1)
        // The scalars are read in place (an array of them is made only to test the coverage).
        let length = context.withScalars(of: field, in: reply) { scalars in
            var length = 0
            for scalar in scalars where ScalarClass.isContent(scalar) {
                length &+= 1
                if length >= enough { break }
            }
            return length
        }
        let onlyStock = stockFound && length > 0 && length < enough
            && Self.coversContent(context.hits(0), of: context.scalars(of: field, in: reply), length: length)
        guard length < minLength || onlyStock, let value = reply.values[field] else { return }
        let text = value.text.excerpt(40)
        sink.append(Finding(field: field, location: ValueLocation(value: value),
                            message: metadata.message.filling(["field": reply.name(of: field), "text": text,
                                                               "length": String(length), "min": String(minLength)])))
    }

    /// True when `hits` cover all `length` content scalars (neither space nor punctuation).
    private static func coversContent(_ hits: [PhraseHit], of scalars: [UInt32], length: Int) -> Bool {
        // Hits shorter in total than the content cannot cover it, which settles nearly every
        // reply without the per-scalar map below.
        guard hits.reduce(0, { $0 + $1.range.count }) >= length else { return false }
        var covered = [Bool](repeating: false, count: scalars.count)
        for hit in hits {
            for offset in hit.range where offset < covered.count { covered[offset] = true }
        }
        for (offset, scalar) in scalars.enumerated() where ScalarClass.isContent(scalar) {
            if !covered[offset] { return false }
        }
        return true
    }
}
