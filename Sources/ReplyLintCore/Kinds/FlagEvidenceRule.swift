/// Kind `flag-evidence`: a flag says 否 while the text confirms the event (seed §3.3 example 1: an
/// outage caused by customer equipment is still 属实). Fires at the flag when it equals `equals`,
/// the text has none of the `unless` words (an explicit 不属实), the text names a topic of the
/// request (any topic when the request is absent; nothing when it names no known topic) and an `events` word (故障, 跳闸,
/// 送电 …). Options: `flag`, `equals`, `field` (handling), `request` (request), `topics`,
/// `events`, `unless`, `exclude` (negated forms such as 无故障, 未停电: hits inside them do not count).
struct FlagEvidenceRule: SinkRule {
    let metadata: RuleMetadata
    let flag: CanonicalField
    let equals: Bool
    let field: CanonicalField
    let request: CanonicalField
    let lexicon: TopicLexicon
    let events: [String]
    let unless: [String]
    let excluded: [String]
    /// The rule's message, split at load time: placeholders `field`, `text`, `handling`, `topic`,
    /// `event` (a dictionary of names per finding cost about 10,000 instructions more).
    let message: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        guard let flag = try options.field("flag"), flag.isFlag else {
            throw options.error("flag", "应为 isTrue 或 companyResponsible", "expected isTrue or companyResponsible")
        }
        self.flag = flag
        guard let text = try options.string("equals"),
              let equals = ReplyBuilder.flag(FieldValue(text: text, source: SourceText(start: .start))) else {
            throw options.error("equals", "应为 是 或 否", "expected 是 or 否")
        }
        self.equals = equals
        field = try options.field("field") ?? .handling
        request = try options.field("request") ?? .request
        lexicon = try TopicLexicon(options)
        events = try options.strings("events")
        guard !events.isEmpty else { throw options.error("events", "至少需要一个词语", "needs at least one phrase") }
        unless = try options.strings("unless")
        excluded = try options.strings("exclude")
        message = MessageTemplate(metadata.message, names: ["field", "text", "handling", "topic", "event"])
    }

    var phraseLists: [PhraseList] {
        [PhraseList(field: field, phrases: lexicon.phrases), PhraseList(field: field, phrases: events),
         PhraseList(field: field, phrases: unless), PhraseList(field: field, phrases: excluded),
         PhraseList(field: request, phrases: lexicon.phrases), PhraseList(field: request, phrases: excluded)]
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        guard reply.flags[flag] == equals, let flagValue = reply.values[flag], let value = reply.values[field],
              !context.hasHits(2) else { return }
        let said = context.maximalHits(0, excluding: 3)
        // The closure captures what it reads alone (capturing `self` copied the rule).
        let requestIsBlank = reply.isBlank(request)
        let found: PhraseSpan? = lexicon.withNamedTopics(in: context, list: 4, excluding: 5) { topicOf, asked, anyAsked in
            // A request that names no known topic gives nothing to confirm; only a missing
            // request lets any topic of the text stand for the event.
            if !anyAsked && !requestIsBlank { return nil }
            return said.first { !anyAsked || asked[topicOf[$0.phrase]] }
        }
        guard let topic = found, let event = context.firstMaximalHit(1, excluding: 3) else { return }
        func same(_ text: String) -> LocalizedText { LocalizedText(zh: text, en: text) }
        sink.append(Finding(field: flag, location: ValueLocation(value: flagValue), message: message.filling([
            same(reply.name(of: flag)), same(flagValue.text.trimmingWhitespace()), same(reply.name(of: field)),
            same(context.text(of: topic, in: value)), same(context.text(of: event, in: value)),
        ])))
    }
}
