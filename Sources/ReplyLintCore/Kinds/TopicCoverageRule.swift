/// Kind `topic-coverage`: the request names topics and the reply mentions none of them (答非所问).
/// Options: `from` (default request), `field` (default handling), `topics` (topic → words) and
/// `exclude` (words in either field that contain a topic word but do not name it). The finding
/// covers the whole reply text; a request without any known topic is never judged.
struct TopicCoverageRule: SinkRule {
    let metadata: RuleMetadata
    let from: CanonicalField
    let field: CanonicalField
    let lexicon: TopicLexicon
    let excluded: [String]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        from = try options.field("from") ?? .request
        field = try options.field("field") ?? .handling
        lexicon = try TopicLexicon(options)
        excluded = try options.strings("exclude")
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: from, phrases: lexicon.phrases, quotesHits: false), PhraseList(field: from, phrases: excluded, quotesHits: false),
         PhraseList(field: field, phrases: lexicon.phrases, quotesHits: false), PhraseList(field: field, phrases: excluded, quotesHits: false)]
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The value is copied out of the reply only for a finding.
        guard context.hasHits(0), !reply.values.isBlank(field) else { return }
        let unanswered: [Int] = lexicon.withNamedTopics(in: context, list: 0, excluding: 1) { topicOf, asked, any in
            guard any else { return [] }
            let answered = context.withMaximalHits(2, excluding: 3) { hits in hits.contains { asked[topicOf[$0.phrase]] } }
            return answered ? [] : asked.indices.filter { asked[$0] }
        }
        guard !unanswered.isEmpty, let value = reply.values[field] else { return }
        sink.append(Finding(field: field, location: ValueLocation(value: value), message: metadata.message.filling([
            "field": reply.name(of: field), "request": reply.name(of: from), "text": value.text.excerpt(),
            "topics": unanswered.map { lexicon.names[$0] }.joined(separator: "、"),
        ])))
    }
}
