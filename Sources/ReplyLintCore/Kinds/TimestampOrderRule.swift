/// Kind `timestamp-order`: timestamps that must not decrease, or lie in the future. Options:
/// `chain` (fields in order; each present one must not be earlier than the previous present one),
/// `pairs` (list of `{before, after, at}`: `before` ≤ `after`, the finding placed on `at`, default
/// `after`), `notInFuture` (fields later than "now") and `futureMessage` ({zh, en}). Missing or
/// unparsable timestamps are skipped (`required-fields` and `invalid-value` report them).
struct TimestampOrderRule: SinkRule {
    struct Pair {
        var before: CanonicalField
        var after: CanonicalField
        var at: CanonicalField
    }

    let metadata: RuleMetadata
    let chain: [CanonicalField]
    let pairs: [Pair]
    let notInFuture: [CanonicalField]
    /// The rule's message, with placeholders `field`, `text`, `other`, `otherText`, `earlier`, `later`.
    let orderMessage: MessageTemplate
    /// The message for a future time, with placeholders `field` and `text`.
    let futureMessage: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        chain = try options.fields("chain")
        var pairs: [Pair] = []
        for item in try options.list("pairs") {
            guard let before = try item.field("before"), let after = try item.field("after") else {
                throw options.error("pairs", "每项需要 before 和 after", "each pair needs before and after")
            }
            let at = try item.field("at") ?? after
            guard at == before || at == after else {
                throw options.error("pairs", "at 应为 before 或 after 之一", "at must be the before or the after field")
            }
            pairs.append(Pair(before: before, after: after, at: at))
        }
        self.pairs = pairs
        notInFuture = try options.fields("notInFuture")
        for field in chain + notInFuture + pairs.flatMap({ [$0.before, $0.after] }) where !field.isTimestamp {
            throw options.error("chain", "\(field.rawValue) 不是时间字段", "\(field.rawValue) is not a timestamp field")
        }
        guard !chain.isEmpty || !pairs.isEmpty || !notInFuture.isEmpty else {
            throw options.error("chain", "需要 chain、pairs 或 notInFuture", "needs chain, pairs or notInFuture")
        }
        orderMessage = MessageTemplate(metadata.message, names: ["field", "text", "other", "otherText", "earlier", "later"])
        futureMessage = MessageTemplate(try options.localized("futureMessage") ?? metadata.message, names: ["field", "text"])
    }

    // The option lists are walked by index: `for field in chain` retained and released each
    // shared list per reply, an atomic on a cache line both worker threads write with `--jobs 2`.
    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        var reported = Set<CanonicalField>()
        var previous: CanonicalField?
        for index in chain.indices where reply.timestamps[chain[index]] != nil {
            let field = chain[index]
            if let previous { order(previous, field, at: field, in: reply, reported: &reported, into: &sink) }
            previous = field
        }
        for index in pairs.indices {
            order(pairs[index].before, pairs[index].after, at: pairs[index].at, in: reply, reported: &reported, into: &sink)
        }
        for index in notInFuture.indices {
            let field = notInFuture[index]
            guard let time = reply.timestamps[field], time > context.now, let value = reply.values[field],
                  reported.insert(field).inserted else { continue }
            sink.append(Finding(field: field, location: ValueLocation(value: value), message: futureMessage.filling([
                Self.same(reply.name(of: field)), Self.same(value.text.trimmingWhitespace()),
            ])))
        }
    }

    /// Adds a finding on `at` when `later`'s time is before `earlier`'s (once per field).
    private func order(_ earlier: CanonicalField, _ later: CanonicalField, at: CanonicalField, in reply: Reply,
                       reported: inout Set<CanonicalField>, into sink: inout FindingSink) {
        guard let first = reply.timestamps[earlier], let second = reply.timestamps[later], second < first,
              let value = reply.values[at], reported.insert(at).inserted else { return }
        let other = at == later ? earlier : later
        sink.append(Finding(field: at, location: ValueLocation(value: value), message: orderMessage.filling([
            Self.same(reply.name(of: at)), Self.same(value.text.trimmingWhitespace()),
            Self.same(reply.name(of: other)), Self.same(reply.text(other).trimmingWhitespace()),
            Self.same(reply.name(of: earlier)), Self.same(reply.name(of: later)),
        ])))
    }

    /// `text` in both languages.
    private static func same(_ text: String) -> LocalizedText { LocalizedText(zh: text, en: text) }
}
