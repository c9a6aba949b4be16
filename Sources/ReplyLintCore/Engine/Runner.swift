/// Runs the enabled rules over replies: one phrase automaton per field for every phrase list of
/// every rule, one pass per field, then each rule's check. Thread-safe; holds no mutable state.
public final class Runner: Sendable {
    /// The rules that run, in pack order.
    public let rules: [any Rule]
    /// Severity of each rule in `rules`, after configuration.
    public let severities: [Severity]
    /// Severity of `parse-error` findings.
    public let parseErrorSeverity: Severity
    /// The reply builder (aliases, time zone).
    public let builder: ReplyBuilder
    /// "Now" in seconds since the Unix epoch.
    public let now: Int64

    private struct FieldAutomaton: Sendable {
        var field: CanonicalField
        var automaton: PhraseAutomaton
        /// For each pattern: the rule, its list, the phrase index and whether the hit is quoted.
        var owners: [(rule: Int, list: Int, phrase: Int, quotes: Bool)]
    }
    private let automata: [FieldAutomaton]
    /// Number of phrase lists of each rule (hit tables are only built for replies with hits).
    private let listCounts: [Int]
    /// Rule ids and scopes, read once: `rule.metadata` through an existential copies the whole
    /// metadata struct (a dozen strings and arrays) on every access.
    private let ids: [String]
    private let scopes: [TypeScope]
    private let normalizer = TextNormalizer.shared

    /// Creates a runner over `packs` with `selection` applied.
    public init(packs: [RulePack], selection: RuleSelection = RuleSelection(), builder: ReplyBuilder = ReplyBuilder(), now: Int64) {
        var chosen: [any Rule] = []
        var severities: [Severity] = []
        var parseSeverity = Severity.error
        for rule in packs.flatMap(\.rules) {
            let id = rule.metadata.id
            let severity = selection.severities[id] ?? rule.metadata.severity
            if rule.metadata.kind == "parse-error" { parseSeverity = severity; continue }
            guard selection.isEnabled(id) else { continue }
            chosen.append(rule)
            severities.append(severity)
        }
        self.rules = chosen
        self.severities = severities
        self.parseErrorSeverity = parseSeverity
        self.builder = builder
        self.now = now
        self.listCounts = chosen.map(\.phraseLists.count)
        self.ids = chosen.map(\.metadata.id)
        self.scopes = chosen.map(\.metadata.scope)

        var byField: [CanonicalField: ([[UInt32]], [(rule: Int, list: Int, phrase: Int, quotes: Bool)])] = [:]
        for (ruleIndex, rule) in chosen.enumerated() {
            for (listIndex, list) in rule.phraseLists.enumerated() {
                for (phraseIndex, phrase) in list.phrases.enumerated() {
                    byField[list.field, default: ([], [])].0.append(TextNormalizer.shared.normalizePhrase(phrase))
                    byField[list.field, default: ([], [])].1.append((ruleIndex, listIndex, phraseIndex, list.quotesHits))
                }
            }
        }
        automata = byField.keys.sorted().map { field in
            let (patterns, owners) = byField[field] ?? ([], [])
            return FieldAutomaton(field: field, automaton: PhraseAutomaton(patterns: patterns), owners: owners)
        }
    }

    /// Every rule id known to the runner's packs (for validating `--enable`/`--disable`).
    public static func ruleIDs(in packs: [RulePack]) -> [String] {
        packs.flatMap(\.rules).map(\.metadata.id)
    }

    /// The diagnostics for one raw record of `file`, in report order.
    public func diagnostics(for raw: RawRecord, file: String) -> [Diagnostic] {
        let reply = builder.build(raw)
        let hits = phraseHits(for: reply)
        var found: [(finding: Finding, rule: Int)] = []
        let scalarCache = ScalarCache()
        for index in rules.indices where scopes[index].contains(reply.type) {
            // No table means no hits: `RuleContext.hits` answers [] for any list then.
            var context = RuleContext(now: now, phraseHits: index < hits.count ? hits[index] : [])
            context.scalarCache = scalarCache
            for finding in rules[index].check(reply, context: context) { found.append((finding, index)) }
        }
        guard !found.isEmpty else { return [] }
        var placer = FindingPlacer()
        for (finding, _) in found {
            if let location = finding.location { placer.request(location) }
            if let fix = finding.fix { placer.request(fix.location) }
        }
        placer.resolve()
        var diagnostics = found.map { finding, index in
            place(finding, rule: ids[index], severity: finding.severity ?? severities[index], reply: reply, file: file, placer: placer)
        }
        if diagnostics.count > 1 { diagnostics.sort(by: Diagnostic.reportOrder) }
        return diagnostics
    }

    /// The diagnostic for a reader's failure.
    public func diagnostic(for failure: ParseFailure, file: String) -> Diagnostic {
        Diagnostic(rule: "parse-error", severity: parseErrorSeverity, message: failure.message, file: file,
                   span: SourceSpan(start: failure.position, end: failure.position), record: failure.recordIndex,
                   recordId: nil, field: nil, fieldName: nil)
    }

    /// Hits by rule and list; empty when nothing matched, and a rule's entry is empty when none
    /// of its lists matched. Nothing shared between threads is copied per reply, so workers do not
    /// contend on reference counts.
    private func phraseHits(for reply: Reply) -> [[[PhraseHit]]] {
        var hits: [[[PhraseHit]]] = []
        for entry in automata {
            guard let value = reply.values[entry.field], !value.isBlank else { continue }
            var text = value.text
            // UTF-8 offset of each scalar (and of the end), built at the first quoted hit: a hit's
            // text is then one slice of the field's bytes instead of a string built scalar by
            // scalar (which went through the unspecialised generic `append(contentsOf:)`).
            var utf8Offsets: [Int] = []
            // UTF-8 length bounds the scalar count; small fields fold on the stack.
            let capacity = max(text.utf8.count, 1)
            text.withUTF8 { utf8 in
                withUnsafeTemporaryAllocation(of: UInt32.self, capacity: capacity) { folded in
                    withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { origin in
                        let count = normalizer.normalize(value.text, into: folded, origin: origin)
                        entry.automaton.forEachMatch(in: UnsafeBufferPointer(rebasing: folded[..<count])) { match in
                            let owner = entry.owners[match.pattern]
                            let range = Int(origin[match.start])..<(Int(origin[match.end - 1]) + 1)
                            if hits.isEmpty { hits = Array(repeating: [], count: rules.count) }
                            if hits[owner.rule].isEmpty { hits[owner.rule] = Array(repeating: [], count: listCounts[owner.rule]) }
                            var quoted = ""
                            if owner.quotes {
                                if utf8Offsets.isEmpty { utf8Offsets = Self.scalarOffsets(utf8) }
                                let scalarCount = utf8Offsets.count - 1
                                let lower = min(max(range.lowerBound, 0), scalarCount)
                                let upper = min(max(range.upperBound, lower), scalarCount)
                                quoted = String(decoding: UnsafeBufferPointer(rebasing: utf8[utf8Offsets[lower]..<utf8Offsets[upper]]),
                                                as: UTF8.self)
                            }
                            hits[owner.rule][owner.list].append(PhraseHit(phrase: owner.phrase, range: range, text: quoted))
                        }
                    }
                }
            }
        }
        return hits
    }

    /// The UTF-8 offset of every scalar of valid UTF-8 `bytes`, plus the end.
    private static func scalarOffsets(_ bytes: UnsafeBufferPointer<UInt8>) -> [Int] {
        var offsets: [Int] = []
        offsets.reserveCapacity(bytes.count + 1)
        for (index, byte) in bytes.enumerated() where byte & 0xC0 != 0x80 { offsets.append(index) }
        offsets.append(bytes.count)
        return offsets
    }

    private func place(_ finding: Finding, rule: String, severity: Severity, reply: Reply, file: String,
                       placer: FindingPlacer) -> Diagnostic {
        let span = finding.location.map { placer.span($0) } ?? SourceSpan(start: reply.start, end: reply.start)
        let fix = finding.fix.map { DiagnosticFix(replacement: $0.replacement, span: placer.span($0.location)) }
        let excerpt = finding.location.map { placer.excerpt($0) }
        return Diagnostic(rule: rule, severity: severity, message: finding.message, file: file, span: span,
                          record: reply.index, recordId: reply.id, field: finding.field,
                          fieldName: finding.field.map { reply.name(of: $0) }, fix: fix, excerpt: excerpt)
    }
}
