/// A topic lexicon from a pack: topic names, each with the words that name it (停电: 停电, 断电,
/// 跳闸 …), flattened into one phrase list whose hits map back to topics.
struct TopicLexicon {
    /// Topic names in pack order.
    let names: [String]
    /// Every word of every topic.
    let phrases: [String]
    /// For each phrase, the index of its topic.
    let topicOf: [Int]

    /// Reads option `key` (a mapping: topic → list of words; the topic name itself always counts).
    init(_ options: RuleOptions, key: String = "topics") throws {
        var names: [String] = []
        var phrases: [String] = []
        var topicOf: [Int] = []
        for (name, sub) in try options.mapping(key) {
            guard !name.isEmpty else { throw options.error(key, "话题名不能为空", "a topic needs a name") }
            for word in [name] + (try sub.selfStrings()) where !word.isEmpty {
                phrases.append(word)
                topicOf.append(names.count)
            }
            names.append(name)
        }
        guard !names.isEmpty else { throw options.error(key, "至少需要一个话题", "needs at least one topic") }
        self.names = names
        self.phrases = phrases
        self.topicOf = topicOf
    }

    /// Calls `body` with each phrase's topic (`topicOf`), the topics that the maximal hits of the
    /// reply's phrase list `list` (less those of list `excluding`) name, as flags, and whether
    /// any hit named one. The flags live on the stack: the sets and sorted arrays built per reply
    /// cost more than the matching itself (3,600 instructions per reply in `flag-evidence`), and
    /// the table is read through a pointer, not retained per reply by a rule both workers share.
    @inline(__always)
    func withNamedTopics<Result>(in context: RuleContext, list: Int, excluding: Int,
                                 _ body: (_ topicOf: UnsafeBufferPointer<Int>, _ named: UnsafeMutableBufferPointer<Bool>,
                                          _ any: Bool) -> Result) -> Result {
        let topicCount = names.count
        return topicOf.withUnsafeBufferPointer { topicOf in
            withUnsafeTemporaryAllocation(of: Bool.self, capacity: topicCount) { named in
                named.initialize(repeating: false)
                defer { named.deinitialize() }
                let any = context.withMaximalHits(list, excluding: excluding) { hits in
                    for hit in hits { named[topicOf[hit.phrase]] = true }
                    return !hits.isEmpty
                }
                return body(topicOf, named, any)
            }
        }
    }
}
