/// Kind `topic-coverage`: the request names topics and the reply mentions none of them (答非所问).
/// Options: `from` (default request), `field` (default handling), `topics` (topic → words) and
/// `exclude` (words in either field that contain a topic word but do not name it). The finding
/// covers the whole reply text; a request without any known topic is never judged.
struct TopicCoverageRule: Rule {
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

    func check(_ reply: Reply, context: RuleContext) -> [Finding] {
        guard let value = reply.values[field], !value.isBlank else { return [] }
        let asked = lexicon.topics(context.hits(0).maximal(excluding: context.hits(1)))
        guard !asked.isEmpty else { return [] }
        let answered = Set(lexicon.topics(context.hits(2).maximal(excluding: context.hits(3))))
        guard !asked.contains(where: answered.contains) else { return [] }
        let topics = asked.map { lexicon.names[$0] }
        return [Finding(field: field, location: ValueLocation(value: value), message: metadata.message.filling([
            "field": reply.name(of: field), "request": reply.name(of: from), "text": value.text.excerpt(),
            "topics": topics.joined(separator: "、"),
        ]))]
    }
}
