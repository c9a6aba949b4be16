/// An Aho–Corasick automaton over folded Unicode scalars: every phrase of every list is found in
/// one pass over a text, overlapping matches included.
public struct PhraseAutomaton: Sendable {
    /// A match: which pattern, and the range of folded scalars it covers.
    public struct Match: Sendable, Hashable {
        /// Index of the pattern, in the order patterns were given.
        public var pattern: Int
        /// Folded-scalar offsets `start..<end` of the match.
        public var start: Int
        /// One past the last folded scalar of the match.
        public var end: Int
    }

    private var transitions: [[UInt32: Int32]] = [[:]]
    private var failure: [Int32] = [0]
    /// Patterns ending at each state, including those reached through failure links.
    private var outputs: [[Int32]] = [[]]
    private var lengths: [Int] = []

    /// Builds the automaton; patterns are already folded. Empty patterns never match.
    public init(patterns: [[UInt32]]) {
        lengths = patterns.map(\.count)
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state: Int32 = 0
            for value in pattern {
                if let next = transitions[Int(state)][value] {
                    state = next
                } else {
                    transitions.append([:]); failure.append(0); outputs.append([])
                    let next = Int32(transitions.count - 1)
                    transitions[Int(state)][value] = next
                    state = next
                }
            }
            outputs[Int(state)].append(Int32(index))
        }
        // Breadth-first failure links.
        var queue: [Int32] = Array(transitions[0].values)
        var head = 0
        while head < queue.count {
            let state = queue[head]; head += 1
            for (value, next) in transitions[Int(state)] {
                queue.append(next)
                var fallback = failure[Int(state)]
                while fallback != 0, transitions[Int(fallback)][value] == nil {
                    fallback = failure[Int(fallback)]
                }
                let target = transitions[Int(fallback)][value] ?? 0
                failure[Int(next)] = target == next ? 0 : target
                outputs[Int(next)] += outputs[Int(failure[Int(next)])]
            }
        }
    }

    /// True when no pattern can ever match.
    public var isEmpty: Bool { transitions[0].isEmpty }

    /// Every match in `text`, ordered by end then pattern.
    public func matches(in text: [UInt32]) -> [Match] {
        var found: [Match] = []
        var state: Int32 = 0
        for (offset, value) in text.enumerated() {
            while state != 0, transitions[Int(state)][value] == nil {
                state = failure[Int(state)]
            }
            state = transitions[Int(state)][value] ?? 0
            for pattern in outputs[Int(state)] {
                let length = lengths[Int(pattern)]
                found.append(Match(pattern: Int(pattern), start: offset + 1 - length, end: offset + 1))
            }
        }
        return found
    }
}
