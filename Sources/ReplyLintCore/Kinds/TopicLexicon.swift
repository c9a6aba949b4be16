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
}
