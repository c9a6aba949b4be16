/// Kind `substitution`: known wrong words (a confusion list `pairs`, wrong → right), each
/// occurrence a finding with a fix. Options: `field` (default handling), `pairs` (a mapping),
/// `exclude` (correct words that overlap a wrong one, e.g. 反应迅速 around 客户反应: an
/// occurrence that overlaps one of them is not a finding). Matching uses the runner's phrase
/// pass, so traditional script, widths and inserted spaces are folded like every phrase rule.
struct SubstitutionRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let wrong: [String]
    let right: [String]
    let excluded: [String]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        var wrong: [String] = []
        var right: [String] = []
        for (key, sub) in try options.mapping("pairs") {
            guard !key.isEmpty, let replacement = try sub.selfStrings().first else {
                throw options.error("pairs", "每项应为 错词: 正词", "each entry must be wrong: right")
            }
            wrong.append(key)
            right.append(replacement)
        }
        guard !wrong.isEmpty else { throw options.error("pairs", "至少需要一对词语", "needs at least one pair") }
        self.wrong = wrong
        self.right = right
        excluded = try options.strings("exclude")
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: wrong), PhraseList(field: field, phrases: excluded)]
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        let found = context.maximalHits(0)
        guard !found.isEmpty, let value = reply.values[field] else { return }
        // Overlap, not containment: 客户反应 is not inside 反应迅速, yet 客户反应迅速 is correct.
        // Maximal hits have rising ends, so one sweep over the excluded words (by start) finds
        // every overlap without comparing all pairs.
        let excluding = context.withHits(1) { $0.map(\.range) }.sorted { $0.lowerBound < $1.lowerBound }
        var nextExcluded = 0
        var excludedReach = Int.min
        for hit in found {
            while nextExcluded < excluding.count, excluding[nextExcluded].lowerBound < hit.range.upperBound {
                excludedReach = max(excludedReach, excluding[nextExcluded].upperBound)
                nextExcluded += 1
            }
            if excludedReach > hit.range.lowerBound { continue }
            let location = ValueLocation(value: value, range: hit.range)
            let replacement = right[hit.phrase]
            let message = metadata.message.filling([
                "field": reply.name(of: field), "text": context.text(of: hit, in: value), "replacement": replacement,
            ])
            sink.append(Finding(field: field, location: location, message: message,
                                fix: FixSuggestion(replacement: replacement, location: location)))
        }
    }
}
