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

    /// A class, so that visiting one per reply retains a single reference instead of copying
    /// the automaton's dozen arrays (that copy and its release cost 50 M instructions per 10,000 replies).
    private final class FieldAutomaton: Sendable {
        let field: CanonicalField
        let automaton: PhraseAutomaton
        /// Where this automaton's patterns start in `Runner.owners`.
        let patternBase: Int
        /// Whether a rule reads the field's scalars, which the scan then keeps.
        let keepsScalars: Bool
        /// The business types (`typeBit`) for which a rule in scope matches lists in this field:
        /// the request is matched for one rule that checks only some types.
        let scopeMask: UInt16

        init(field: CanonicalField, automaton: PhraseAutomaton, patternBase: Int, keepsScalars: Bool, scopeMask: UInt16) {
            self.field = field
            self.automaton = automaton
            self.patternBase = patternBase
            self.keepsScalars = keepsScalars
            self.scopeMask = scopeMask
        }
    }
    /// Keeps the automata alive for `automatonRefs`.
    private let automata: [FieldAutomaton]
    /// `automata`, read by the phrase pass without retaining anything: iterating the array
    /// retained it and each automaton once per reply (atomic writes on objects both workers
    /// share with `--jobs 2`). Allocated in `init`, freed in `deinit`.
    nonisolated(unsafe) private let automatonRefs: UnsafeMutableBufferPointer<Unmanaged<FieldAutomaton>>
    /// Calls a rule of a type fixed when the runner is made. A class rather than a protocol so
    /// that the runner can call it through `Unmanaged` without retaining it (an existential
    /// caller read from an array was retained and released per rule and reply, 20 times per
    /// reply). `TypedRule` overrides `check`; this class is never instantiated.
    private class RuleCaller: @unchecked Sendable {
        /// Appends the rule's findings for `reply` to `sink`.
        func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
            preconditionFailure("RuleCaller.check is overridden by TypedRule")
        }
    }
    /// A rule kept as its own type in a class's constant, which a call borrows in place: called
    /// on an element of `rules`, a rule was copied out of its existential first and destroyed
    /// after (retaining and releasing every field of the rule; 18 M instructions per 10,000 replies).
    private final class TypedRule<R: Rule>: RuleCaller, @unchecked Sendable {
        let rule: R

        init(_ rule: R) {
            self.rule = rule
        }

        override func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
            rule.check(reply, context: context, into: &sink)
        }
    }
    /// What the check loop reads for one rule.
    private struct RuleEntry {
        /// The rule as its own type (kept alive by `callers`).
        let caller: Unmanaged<RuleCaller>
        /// The rule's scope as one bit per business type (`typeBit`).
        let scopeMask: UInt16
        /// The rule's lists are the hit table's slots `firstSlot..<firstSlot + listCount`.
        let firstSlot: Int
        let listCount: Int
    }
    /// `rules`, each as its own type; keeps them alive for `entries`.
    private let callers: [RuleCaller]
    /// One entry per rule, in a buffer that reading per reply retains nothing (Swift arrays read
    /// per reply were retained and released each time, on cache lines both workers write).
    /// Allocated in `init`, freed in `deinit`.
    nonisolated(unsafe) private let entries: UnsafeMutableBufferPointer<RuleEntry>
    /// For each pattern of every automaton (`patternBase` + its index): the slot of its list and
    /// the phrase index. Like the two below, a buffer owned by the runner, handed to each reply's
    /// hit table without a retain.
    nonisolated(unsafe) private let owners: UnsafeMutableBufferPointer<(slot: Int32, phrase: Int)>
    /// The field and the `quotesHits` of each slot's list.
    nonisolated(unsafe) private let slotFields: UnsafeMutableBufferPointer<CanonicalField>
    nonisolated(unsafe) private let slotQuotes: UnsafeMutableBufferPointer<Bool>
    /// Rule ids and scopes, read once: `rule.metadata` through an existential copies the whole
    /// metadata struct (a dozen strings and arrays) on every access.
    private let ids: [String]

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
        let callers = chosen.map { Self.caller(for: $0) }
        self.callers = callers
        self.severities = severities
        self.parseErrorSeverity = parseSeverity
        self.builder = builder
        self.now = now
        self.ids = chosen.map(\.metadata.id)
        // Each rule's scope as one bit per business type (`typeBit`): testing a `TypeScope` per
        // rule and reply retained and released its set (9 M instructions per 10,000 replies).
        let scopeMasks = chosen.map { Self.mask(of: $0.metadata.scope) }

        var byField: [CanonicalField: ([[UInt32]], [(slot: Int32, phrase: Int)])] = [:]
        var fieldScopes: [CanonicalField: UInt16] = [:]
        var firstSlots: [Int] = [0]
        var slotFields: [CanonicalField] = []
        var slotQuotes: [Bool] = []
        for (index, rule) in chosen.enumerated() {
            for list in rule.phraseLists {
                fieldScopes[list.field, default: 0] |= scopeMasks[index]
                let slot = Int32(slotFields.count)
                slotFields.append(list.field)
                slotQuotes.append(list.quotesHits)
                for (phraseIndex, phrase) in list.phrases.enumerated() {
                    byField[list.field, default: ([], [])].0.append(TextNormalizer.shared.normalizePhrase(phrase))
                    byField[list.field, default: ([], [])].1.append((slot, phraseIndex))
                }
            }
            firstSlots.append(slotFields.count)
        }
        entries = Self.buffer(callers.indices.map { index in
            RuleEntry(caller: Unmanaged.passUnretained(callers[index]), scopeMask: scopeMasks[index],
                      firstSlot: firstSlots[index], listCount: firstSlots[index + 1] - firstSlots[index])
        })
        self.slotFields = Self.buffer(slotFields)
        self.slotQuotes = Self.buffer(slotQuotes)
        let scalarFields = Set(chosen.flatMap(\.scalarFields))
        var owners: [(slot: Int32, phrase: Int)] = []
        let automata = byField.keys.sorted().map { field in
            let (patterns, fieldOwners) = byField[field] ?? ([], [])
            defer { owners += fieldOwners }
            return FieldAutomaton(field: field, automaton: PhraseAutomaton(patterns: patterns, folding: .shared),
                                  patternBase: owners.count, keepsScalars: scalarFields.contains(field),
                                  scopeMask: fieldScopes[field] ?? 0)
        }
        self.automata = automata
        automatonRefs = Self.buffer(automata.map { Unmanaged.passUnretained($0) })
        self.owners = Self.buffer(owners)
    }

    deinit {
        entries.deallocate()
        automatonRefs.deallocate()
        owners.deallocate()
        slotFields.deallocate()
        slotQuotes.deallocate()
    }

    /// A buffer holding `elements`, to be deallocated by `deinit` (all element types are trivial).
    private static func buffer<Element>(_ elements: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: elements.count)
        _ = buffer.initialize(from: elements)
        return buffer
    }

    /// `rule` as its own type (the existential is opened once, here).
    private static func caller<R: Rule>(for rule: R) -> RuleCaller {
        TypedRule(rule)
    }

    /// The bit of a reply's business type in a scope mask; a reply without a known type has the
    /// top bit, which only scopes of every record include.
    @inline(__always)
    private static func typeBit(_ type: BusinessType?) -> UInt16 {
        type.map { 1 << $0.ordinal } ?? 1 << 15
    }

    /// `scope` as a mask of `typeBit`s.
    private static func mask(of scope: TypeScope) -> UInt16 {
        (BusinessType.allCases.map(Optional.some) + [nil]).reduce(0) { scope.contains($1) ? $0 | typeBit($1) : $0 }
    }

    /// Every rule id known to the runner's packs (for validating `--enable`/`--disable`).
    public static func ruleIDs(in packs: [RulePack]) -> [String] {
        packs.flatMap(\.rules).map(\.metadata.id)
    }

    /// The diagnostics for one raw record of `file`, in report order.
    public func diagnostics(for raw: RawRecord, file: String) -> [Diagnostic] {
        let reply = builder.build(raw)
        let scalarCache = ScalarCache()
        // The phrase pass decodes the first field it keeps (the handling text) into `scalars` and
        // lists the offsets of its scalars that are not Han in `nonHan`, for the rules to read
        // through the cache while they check the reply: room for nearly every handling text
        // (93 scalars and 16 not Han on average, 10k corpus) in 1,024 bytes each, the most kept
        // on the stack (an array per reply for either cost an allocation and freeing it, 10 M
        // and 5 M instructions per 10,000 replies).
        let found = withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { scalars in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 256) { nonHan in
                let matches = phraseMatches(for: reply, keepingScalarsIn: scalarCache, room: scalars, nonHan: nonHan)
                return matches.isEmpty ? check(reply, table: nil, scalarCache: scalarCache)
                    : PhraseHitTable.build(matches: matches, owners: UnsafeBufferPointer(owners), slotCount: slotFields.count,
                                           values: reply.values, fields: UnsafeBufferPointer(slotFields),
                                           quotes: UnsafeBufferPointer(slotQuotes), passing: reply) { reply, table in
                    withUnsafePointer(to: table) { check(reply, table: $0, scalarCache: scalarCache) }
                }
            }
        }
        guard !found.isEmpty else { return [] }
        // Findings are read in place through the buffer: `for (finding, _) in found` and `map`
        // copied each whole finding (outlined copies and destroys, 4.6 M instructions per 10,000
        // replies).
        var placer = FindingPlacer()
        let recordId = reply.id  // once per reply, not per finding (it trims the id each time)
        var diagnostics: [Diagnostic] = []
        diagnostics.reserveCapacity(found.count)
        found.withUnsafeBufferPointer { found in
            for index in found.indices { placer.request(found[index].finding) }
            placer.resolve()
            for index in found.indices {
                let rule = found[index].rule
                diagnostics.append(place(found[index].finding, rule: ids[rule], severity: found[index].finding.severity ?? severities[rule],
                                         reply: reply, recordId: recordId, file: file, placer: placer))
            }
        }
        if diagnostics.count > 1, !Self.inReportOrder(diagnostics) { diagnostics.sort(by: Diagnostic.reportOrder) }
        return diagnostics
    }

    /// Whether one reply's diagnostics (one file) are in report order already, read in place:
    /// sorting copied and moved whole diagnostics, and compared file paths and filled messages,
    /// even when nothing was out of order.
    private static func inReportOrder(_ diagnostics: [Diagnostic]) -> Bool {
        for index in 1..<diagnostics.count {
            let previous = diagnostics[index - 1].span
            let span = diagnostics[index].span
            if previous.start != span.start { if span.start < previous.start { return false } else { continue } }
            if previous.end != span.end { if span.end < previous.end { return false } else { continue } }
            return false  // a tie on the span: let the sort compare rules and messages
        }
        return true
    }

    /// The findings of every rule whose scope takes `reply`, with the rule's index. One context
    /// for the reply, pointed at each rule's lists in turn: a context per rule retained and
    /// released the table and the cache each time (19 M instructions per 10,000 replies). No
    /// table means no hits: `RuleContext.hits` answers [] for any list then. The rules append
    /// to one sink and are called through `entries`, so nothing shared is retained here.
    private func check(_ reply: Reply, table: UnsafePointer<PhraseHitTable>?, scalarCache: ScalarCache) -> [(finding: Finding, rule: Int)] {
        var sink = FindingSink()
        var context = RuleContext(now: now, table: table, firstSlot: 0, listCount: 0)
        context.scalarCache = scalarCache
        let type = Self.typeBit(reply.type)
        for index in entries.indices where entries[index].scopeMask & type != 0 {
            let entry = entries[index]
            context.select(firstSlot: entry.firstSlot, listCount: entry.listCount)
            sink.rule = index
            // Borrowed, not retained (`callers` keeps it alive): an `unowned(unsafe)` reference
            // was retained and released per call all the same.
            entry.caller._withUnsafeGuaranteedRef { $0.check(reply, context: context, into: &sink) }
        }
        return sink.found
    }

    /// The diagnostic for a reader's failure.
    public func diagnostic(for failure: ParseFailure, file: String) -> Diagnostic {
        Diagnostic(rule: "parse-error", severity: parseErrorSeverity, message: failure.message, file: file,
                   span: SourceSpan(start: failure.position, end: failure.position), record: failure.recordIndex,
                   recordId: nil, field: nil, fieldName: nil)
    }

    /// The matches of every list of every rule, patterns numbered as in `owners`. Each field is
    /// decoded, folded and matched in one pass (its scalars kept in `cache` when a rule reads
    /// them), and a match costs one append (its text is quoted only when a rule makes a finding
    /// of it). Nothing shared between threads is copied per reply, so workers do not contend on
    /// reference counts.
    private func phraseMatches(for reply: Reply, keepingScalarsIn cache: ScalarCache, room: UnsafeMutableBufferPointer<UInt32>,
                               nonHan: UnsafeMutableBufferPointer<UInt32>) -> [PhraseAutomaton.Match] {
        var found: [PhraseAutomaton.Match] = []
        // Room for the matches of most replies (24 on average, 10k corpus; one reply in 10,000
        // has more than 40) without regrowing. 40 matches of 24 bytes stay within the sizes
        // malloc's per-thread cache serves (1,032 bytes); room for 64 did not, and that
        // allocation cost 465 instructions instead of 190 (2.8 M per 10,000 replies, and as
        // much again freeing it).
        found.reserveCapacity(40)
        let type = Self.typeBit(reply.type)
        for reference in automatonRefs {
            reference._withUnsafeGuaranteedRef {
                scan(reply, with: $0, type: type, into: &found, keepingScalarsIn: cache, room: room, nonHan: nonHan)
            }
        }
        return found
    }

    /// Adds the matches of `entry`'s automaton in its field of `reply` to `found`, when a rule
    /// in scope for the reply's `type` (a `typeBit`) matches lists in that field; `room` holds
    /// the scalars of the first field kept when they fit, `nonHan` the offsets of those that are
    /// not Han. Inlined with
    /// the automaton's scan, so that the scan is specialised for a field that keeps its scalars
    /// and one that does not (called, it cost 7 M instructions more per 10,000 replies).
    @inline(__always)
    private func scan(_ reply: Reply, with entry: FieldAutomaton, type: UInt16, into found: inout [PhraseAutomaton.Match],
                      keepingScalarsIn cache: ScalarCache, room: UnsafeMutableBufferPointer<UInt32>,
                      nonHan: UnsafeMutableBufferPointer<UInt32>) {
        guard entry.scopeMask & type != 0, let value = reply.values[entry.field], !value.isBlank else { return }
        var text = value.text
        text.withUTF8 { utf8 in
            guard entry.keepsScalars else {
                _ = entry.automaton.collectMatches(inUTF8: utf8, patternBase: entry.patternBase, into: &found, scalars: nil)
                return
            }
            // The offsets of the scalars that are not Han are listed by the same pass, for the
            // rules that visit only those (`NonHanOffsets`; found by a pass of their own they
            // cost 9 M instructions per 10,000 replies); only the first field kept has them
            // cached, and the cache finds them itself when they overflow `nonHan`.
            var nonHanCount = -1
            // A text of more bytes than `room` has scalars may still fit: counting them costs
            // a fraction of an array.
            if cache.isEmpty, let base = room.baseAddress, utf8.count <= room.count || ScalarCache.scalarCount(utf8) <= room.count {
                // `base` is known not to be nil here: passed as `baseAddress`, the scan tested it per scalar.
                let count = entry.automaton.collectMatches(inUTF8: utf8, patternBase: entry.patternBase, into: &found,
                                                           scalars: base, nonHan: nonHan, nonHanCount: &nonHanCount)
                cache.keep(UnsafeBufferPointer(rebasing: room[..<count]),
                           nonHan: nonHanCount < 0 ? nil : UnsafeBufferPointer(rebasing: nonHan[..<nonHanCount]), of: entry.field)
                return
            }
            let listing = cache.isEmpty ? nonHan : nil
            let scalars = [UInt32](unsafeUninitializedCapacity: utf8.count) { buffer, count in
                count = entry.automaton.collectMatches(inUTF8: utf8, patternBase: entry.patternBase, into: &found,
                                                       scalars: buffer.baseAddress, nonHan: listing, nonHanCount: &nonHanCount)
            }
            cache.keep(scalars, nonHan: nonHanCount < 0 ? nil : UnsafeBufferPointer(rebasing: nonHan[..<nonHanCount]), of: entry.field)
        }
    }

    private func place(_ finding: Finding, rule: String, severity: Severity, reply: Reply, recordId: String?,
                       file: String, placer: FindingPlacer) -> Diagnostic {
        let span = placer.span(of: finding) ?? SourceSpan(start: reply.start, end: reply.start)
        let fix = finding.fix.map { DiagnosticFix(replacement: $0.replacement, span: placer.span($0.location)) }
        let excerpt = placer.excerpt(of: finding)
        return Diagnostic(rule: rule, severity: severity, message: finding.message, file: file, span: span,
                          record: reply.index, recordId: recordId, field: finding.field,
                          fieldName: finding.field.map { reply.name(of: $0) }, fix: fix, excerpt: excerpt)
    }
}
