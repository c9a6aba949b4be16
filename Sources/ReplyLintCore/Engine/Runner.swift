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
        /// For each pattern: the rule, its list and the phrase index.
        var owners: [(rule: Int, list: Int, phrase: Int)]
    }
    private let automata: [FieldAutomaton]

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

        var byField: [CanonicalField: ([[UInt32]], [(rule: Int, list: Int, phrase: Int)])] = [:]
        for (ruleIndex, rule) in chosen.enumerated() {
            for (listIndex, list) in rule.phraseLists.enumerated() {
                for (phraseIndex, phrase) in list.phrases.enumerated() {
                    byField[list.field, default: ([], [])].0.append(TextNormalizer.shared.normalizePhrase(phrase))
                    byField[list.field, default: ([], [])].1.append((ruleIndex, listIndex, phraseIndex))
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
        var hits = phraseHits(for: reply)
        var diagnostics: [Diagnostic] = []
        for (index, rule) in rules.enumerated() where rule.metadata.scope.contains(reply.type) {
            let context = RuleContext(now: now, phraseHits: hits[index])
            for finding in rule.check(reply, context: context) {
                diagnostics.append(place(finding, rule: rule.metadata.id, severity: finding.severity ?? severities[index],
                                         reply: reply, file: file))
            }
            hits[index] = []
        }
        return diagnostics.sorted(by: Diagnostic.reportOrder)
    }

    /// The diagnostic for a reader's failure.
    public func diagnostic(for failure: ParseFailure, file: String) -> Diagnostic {
        Diagnostic(rule: "parse-error", severity: parseErrorSeverity, message: failure.message, file: file,
                   span: SourceSpan(start: failure.position, end: failure.position), record: failure.recordIndex,
                   recordId: nil, field: nil, fieldName: nil)
    }

    private func phraseHits(for reply: Reply) -> [[[PhraseHit]]] {
        var hits = rules.map { Array(repeating: [PhraseHit](), count: $0.phraseLists.count) }
        for entry in automata {
            guard let value = reply.values[entry.field], !value.isBlank else { continue }
            let scalars = value.text.unicodeScalars.map(\.value)
            let (folded, origin) = TextNormalizer.shared.normalize(scalars)
            for match in entry.automaton.matches(in: folded) {
                let owner = entry.owners[match.pattern]
                let range = Int(origin[match.start])..<(Int(origin[match.end - 1]) + 1)
                hits[owner.rule][owner.list].append(PhraseHit(phrase: owner.phrase, range: range))
            }
        }
        return hits
    }

    private func place(_ finding: Finding, rule: String, severity: Severity, reply: Reply, file: String) -> Diagnostic {
        let span = finding.location?.span ?? SourceSpan(start: reply.start, end: reply.start)
        let fix = finding.fix.map { DiagnosticFix(replacement: $0.replacement, span: $0.location.span) }
        let excerpt = finding.location.map { location -> String in
            guard let range = location.range else { return location.value.text }
            let scalars = Array(location.value.text.unicodeScalars)
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[max(0, range.lowerBound)..<min(scalars.count, range.upperBound)])
            return String(view)
        }
        return Diagnostic(rule: rule, severity: severity, message: finding.message, file: file, span: span,
                          record: reply.index, recordId: reply.id, field: finding.field,
                          fieldName: finding.field.map { reply.name(of: $0) }, fix: fix, excerpt: excerpt)
    }
}
