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
        // Topics as flags on the stack: the sets and sorted arrays built per reply cost more
        // than the matching itself. The closures read the topic table through a pointer: a copy
        // of it (and of the names) was retained per reply, and the rule is shared by both
        // workers with `--jobs 2`.
        let topicCount = lexicon.names.count
        let unanswered: [Int] = lexicon.topicOf.withUnsafeBufferPointer { topicOf in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: topicCount) { asked in
                asked.initialize(repeating: false)
                defer { asked.deinitialize() }
                let any = context.withMaximalHits(0, excluding: 1) { hits in
                    for hit in hits { asked[topicOf[hit.phrase]] = true }
                    return !hits.isEmpty
                }
                guard any else { return [] }
                let answered = context.withMaximalHits(2, excluding: 3) { hits in hits.contains { asked[topicOf[$0.phrase]] } }
                return answered ? [] : (0..<topicCount).filter { asked[$0] }
            }
        }
        guard !unanswered.isEmpty, let value = reply.values[field] else { return }
        sink.append(Finding(field: field, location: ValueLocation(value: value), message: metadata.message.filling([
            "field": reply.name(of: field), "request": reply.name(of: from), "text": value.text.excerpt(),
            "topics": unanswered.map { lexicon.names[$0] }.joined(separator: "、"),
        ])))
    }
}
