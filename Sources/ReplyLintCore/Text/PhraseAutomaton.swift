/// An Aho–Corasick automaton over folded Unicode scalars: every phrase of every list is found in
/// one pass over a text, overlapping matches included.
///
/// Built as a deterministic automaton over a compact alphabet (the scalars that occur in some
/// pattern): a scalar maps to a symbol through a flat table, and each state has a dense row of
/// next states, so matching costs two array reads per scalar and no hashing. Scalars that occur in
/// no pattern send the automaton back to the root without a lookup. When the dense table would be
/// too big (a very large user pack), rows are kept sparse and failure links are followed instead.
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

    /// Symbol of each BMP scalar (0 = occurs in no pattern).
    private let bmpSymbols: [UInt16]
    /// One bit per BMP scalar: set when it occurs in a pattern. Most scalars of a text do not, and
    /// this 8 KB map answers that from the L1 cache; `bmpSymbols` (128 KB) is read only for the
    /// pattern's own scalars, whose entries stay cached.
    private let bmpPresent: [UInt64]
    /// Symbols of scalars beyond the BMP (rare in phrase lists).
    private let astralSymbols: [UInt32: UInt16]
    /// For UTF-8 input: the symbol of each BMP scalar after folding (`ignored` for a scalar the
    /// normaliser drops). Folding is built into this table, so the scan never folds a scalar.
    /// When `flagsNonHan`, every scalar but the basic Han ideographs has `nonHanFlag` set too.
    private let inputSymbols: [UInt16]
    /// Set in `inputSymbols` for the scalars that are not basic Han (U+4E00–U+9FFF): the scan
    /// lists their offsets for the rules (`NonHanOffsets`) at no cost for the Han scalars, four
    /// in five of a handling text, which the test it takes anyway (symbol 0, or no flag) passes.
    private static let nonHanFlag: UInt16 = 0x8000
    /// Whether `inputSymbols` carries `nonHanFlag`: the alphabet leaves the bit free (fewer than
    /// 32,767 symbols, which no pack nears).
    public let flagsNonHan: Bool
    /// The normaliser applied to UTF-8 input (nil: scalars are matched as they are).
    private let folding: TextNormalizer?
    /// The input symbol of a scalar the normaliser drops (the automaton keeps its state).
    private static let ignored = UInt16.max
    /// Symbols in use, plus 1 for "no pattern".
    private let alphabetSize: Int
    /// `state * alphabetSize + symbol` → the next state's row (`next * alphabetSize`) shifted left
    /// by one, with bit 0 set when patterns end there: a step is one read and no multiply, and a
    /// state without output is passed over without reading `outputStart`. Empty when the
    /// automaton is sparse.
    private let dense: [Int32]
    /// Sparse rows (sorted by symbol) and failure links, used when `dense` is empty.
    private let sparseSymbols: [[UInt16]]
    private let sparseTargets: [[Int32]]
    private let failure: [Int32]
    /// Patterns ending at state `s` (failure chain included): `outputs[outputStart[s]..<outputStart[s + 1]]`.
    private let outputStart: [Int32]
    private let outputs: [Int32]
    private let lengths: [Int32]

    /// Dense tables above this many cells (4 bytes each) are kept sparse instead.
    static let denseLimit = 4 << 20

    /// Builds the automaton; patterns are already folded. Empty patterns never match. UTF-8 input
    /// (`forEachMatch(inUTF8:_:)`) is folded with `folding` on the fly, its ignorable characters skipped.
    public init(patterns: [[UInt32]], folding: TextNormalizer? = nil) {
        // The alphabet.
        var bmp = [UInt16](repeating: 0, count: 0x10000)
        var astral: [UInt32: UInt16] = [:]
        var size = 1
        func symbol(_ value: UInt32) -> UInt16 {
            if value < 0x10000 { return bmp[Int(value)] }
            return astral[value] ?? 0
        }
        for pattern in patterns {
            for value in pattern where symbol(value) == 0 && size < Int(UInt16.max) {
                if value < 0x10000 { bmp[Int(value)] = UInt16(size) } else { astral[value] = UInt16(size) }
                size += 1
            }
        }

        // The trie, with sorted sparse rows.
        var symbols: [[UInt16]] = [[]]
        var targets: [[Int32]] = [[]]
        var ends: [[Int32]] = [[]]
        func child(_ state: Int, _ sym: UInt16) -> Int32? {
            let row = symbols[state]
            var low = 0, high = row.count
            while low < high {
                let mid = (low + high) / 2
                if row[mid] < sym { low = mid + 1 } else { high = mid }
            }
            return low < row.count && row[low] == sym ? targets[state][low] : nil
        }
        func insert(_ state: Int, _ sym: UInt16, _ target: Int32) {
            let row = symbols[state]
            var at = row.count
            while at > 0, row[at - 1] > sym { at -= 1 }
            symbols[state].insert(sym, at: at)
            targets[state].insert(target, at: at)
        }
        for (index, pattern) in patterns.enumerated() where !pattern.isEmpty {
            var state = 0
            for value in pattern {
                let sym = symbol(value)
                if let next = child(state, sym) {
                    state = Int(next)
                } else {
                    symbols.append([]); targets.append([]); ends.append([])
                    let next = Int32(symbols.count - 1)
                    insert(state, sym, next)
                    state = Int(next)
                }
            }
            ends[state].append(Int32(index))
        }

        // Breadth-first failure links; outputs inherit those of their failure state.
        var failure = [Int32](repeating: 0, count: symbols.count)
        var order: [Int32] = targets[0]
        var head = 0
        while head < order.count {
            let state = Int(order[head]); head += 1
            for (sym, next) in zip(symbols[state], targets[state]) {
                order.append(next)
                var fallback = failure[state]
                var target: Int32 = 0
                while true {
                    if let found = child(Int(fallback), sym), found != next { target = found; break }
                    if fallback == 0 { break }
                    fallback = failure[Int(fallback)]
                }
                failure[Int(next)] = target
                ends[Int(next)] += ends[Int(target)]
            }
        }

        var outputStart: [Int32] = [0]
        var outputs: [Int32] = []
        outputStart.reserveCapacity(symbols.count + 1)
        for list in ends {
            outputs += list
            outputStart.append(Int32(outputs.count))
        }

        // The dense table, filled in breadth-first order so that failure rows are complete first
        // (a copied cell is already in the table's form).
        var dense: [Int32] = []
        if symbols.count * size <= Self.denseLimit {
            func cell(_ next: Int32) -> Int32 {
                (next * Int32(size)) << 1 | (outputStart[Int(next)] != outputStart[Int(next) + 1] ? 1 : 0)
            }
            dense = [Int32](repeating: 0, count: symbols.count * size)
            for (sym, next) in zip(symbols[0], targets[0]) { dense[Int(sym)] = cell(next) }
            for state32 in order {
                let state = Int(state32)
                let base = state * size
                let fallbackBase = Int(failure[state]) * size
                // The row copy is most of building: on the buffer, without a uniqueness and
                // bounds check per cell.
                dense.withUnsafeMutableBufferPointer { table in
                    for sym in 1..<size { table[base + sym] = table[fallbackBase + sym] }
                }
                for (sym, next) in zip(symbols[state], targets[state]) { dense[base + Int(sym)] = cell(next) }
            }
        }

        var present = [UInt64](repeating: 0, count: 0x10000 / 64)
        for (value, sym) in bmp.enumerated() where sym != 0 { present[value >> 6] |= 1 << UInt64(value & 63) }
        var input = bmp
        let flagsNonHan = size <= Int(Self.nonHanFlag - 1)
        if let folding {
            // Only the few thousand scalars that fold to another one (or are dropped) differ
            // from the folded alphabet; visiting just those keeps building cheap.
            var changed = folding.foldedScalars.map { (scalar: $0.scalar, sym: symbol($0.folded)) }
            changed += TextNormalizer.ignorableScalars.map { (scalar: $0, sym: Self.ignored) }
            for (scalar, sym) in changed where scalar < 0x10000 { input[Int(scalar)] = sym }
        }
        if flagsNonHan {
            input.withUnsafeMutableBufferPointer { input in
                for scalar in 0..<0x4E00 { input[scalar] |= Self.nonHanFlag }
                for scalar in 0xA000..<0x10000 { input[scalar] |= Self.nonHanFlag }
            }
        }
        self.flagsNonHan = flagsNonHan
        self.inputSymbols = input
        self.folding = folding
        self.bmpPresent = present
        self.bmpSymbols = bmp
        self.astralSymbols = astral
        self.alphabetSize = size
        self.dense = dense
        self.sparseSymbols = dense.isEmpty ? symbols : []
        self.sparseTargets = dense.isEmpty ? targets : []
        self.failure = failure
        self.outputStart = outputStart
        self.outputs = outputs
        self.lengths = patterns.map { Int32($0.count) }
    }

    /// True when no pattern can ever match.
    public var isEmpty: Bool { outputs.isEmpty }

    /// Every match in `text`, ordered by end then pattern.
    public func matches(in text: [UInt32]) -> [Match] {
        var found: [Match] = []
        text.withUnsafeBufferPointer { buffer in
            forEachMatch(in: buffer) { found.append($0) }
        }
        return found
    }

    /// Calls `body` for every match in `text`, ordered by end then pattern, without allocating.
    public func forEachMatch(in text: UnsafeBufferPointer<UInt32>, _ body: (Match) -> Void) {
        guard !outputs.isEmpty else { return }
        bmpSymbols.withUnsafeBufferPointer { symbolsOf in
            outputStart.withUnsafeBufferPointer { outputStart in
                outputs.withUnsafeBufferPointer { outputs in
                    lengths.withUnsafeBufferPointer { lengths in
                        func emit(_ state: Int, _ offset: Int) {
                            var at = Int(outputStart[state])
                            let end = Int(outputStart[state + 1])
                            while at < end {
                                let pattern = Int(outputs[at])
                                body(Match(pattern: pattern, start: offset + 1 - Int(lengths[pattern]), end: offset + 1))
                                at += 1
                            }
                        }
                        if dense.isEmpty {
                            var state = 0
                            for offset in 0..<text.count {
                                let value = text[offset]
                                let sym = value < 0x10000 ? symbolsOf[Int(value)] : (astralSymbols[value] ?? 0)
                                state = sym == 0 ? 0 : sparseStep(state, sym)
                                if state != 0 { emit(state, offset) }
                            }
                            return
                        }
                        dense.withUnsafeBufferPointer { table in bmpPresent.withUnsafeBufferPointer { present in
                            let size = alphabetSize
                            var row = 0
                            for offset in 0..<text.count {
                                let value = text[offset]
                                let sym: Int
                                if value < 0x10000 {
                                    let v = Int(value)
                                    sym = present[v >> 6] & (1 << UInt64(v & 63)) == 0 ? 0 : Int(symbolsOf[v])
                                } else {
                                    sym = Int(astralSymbols[value] ?? 0)
                                }
                                if sym == 0 { row = 0; continue }
                                let entry = Int(table[row + sym])
                                row = entry >> 1
                                if entry & 1 != 0 { emit(row / size, offset) }
                            }
                        } }
                    }
                }
            }
        }
    }

    /// Calls `body` for every match in valid UTF-8 `text` (folded and with ignorable characters
    /// skipped as the automaton's normaliser does), ordered by end then pattern. Here a match's
    /// `start..<end` are decoded-scalar offsets in `text` itself, from the first to the last
    /// matched scalar.
    public func forEachMatch(inUTF8 text: UnsafeBufferPointer<UInt8>, _ body: (Match) -> Void) {
        var found: [Match] = []
        _ = collectMatches(inUTF8: text, patternBase: 0, into: &found, scalars: nil)
        found.forEach(body)
    }

    /// Appends every match in valid UTF-8 `text` to `matches` as `forEachMatch(inUTF8:_:)` finds
    /// them, with `patternBase` added to each pattern index, and writes the text's decoded
    /// scalars to `scalars` (room for all of them needed) when it is not nil; returns the
    /// number of scalars. One pass: decoding, folding and matching happen per scalar, so no
    /// folded copy of the text is made, and the rules that read a field's scalars get them
    /// from this pass instead of decoding the field again (27 M instructions per 10,000 replies).
    /// With `scalars`, when `flagsNonHan`, the offsets of the scalars that are not basic Han go
    /// to `nonHan` as `NonHanOffsets` finds them, and `nonHanCount` is set to their number, or
    /// to -1 when `nonHan` has no room for them all (it is left alone otherwise).
    @inline(__always)
    func collectMatches(inUTF8 text: UnsafeBufferPointer<UInt8>, patternBase: Int, into matches: inout [Match],
                        scalars: UnsafeMutablePointer<UInt32>?, nonHan: UnsafeMutableBufferPointer<UInt32>?,
                        nonHanCount: inout Int) -> Int {
        guard !dense.isEmpty else {
            return scan(text, SparseTransitions(symbols: sparseSymbols, targets: sparseTargets, failure: failure),
                        patternBase: patternBase, into: &matches, scalars: scalars, nonHan: nonHan, nonHanCount: &nonHanCount)
        }
        return dense.withUnsafeBufferPointer { table in
            scan(text, DenseTransitions(table: table, size: alphabetSize), patternBase: patternBase, into: &matches,
                 scalars: scalars, nonHan: nonHan, nonHanCount: &nonHanCount)
        }
    }

    /// `collectMatches(inUTF8:patternBase:into:scalars:nonHan:nonHanCount:)` without the offsets.
    @inline(__always)
    func collectMatches(inUTF8 text: UnsafeBufferPointer<UInt8>, patternBase: Int, into matches: inout [Match],
                        scalars: UnsafeMutablePointer<UInt32>?) -> Int {
        var nonHanCount = 0
        return collectMatches(inUTF8: text, patternBase: patternBase, into: &matches, scalars: scalars, nonHan: nil,
                              nonHanCount: &nonHanCount)
    }

    /// A step of the automaton: from a position (a row of the dense table, or a sparse state) on a
    /// symbol to the next position, and the state whose patterns end there (0: none). A protocol
    /// rather than a closure, so that the scan is specialised for each form with the step inlined:
    /// the closure was called, not inlined, once per matched scalar (15 M instructions per 10,000 replies).
    private protocol Transitions {
        func step(_ position: Int, _ symbol: Int) -> (next: Int, output: Int)
    }

    /// The dense table's step: one read.
    private struct DenseTransitions: Transitions {
        let table: UnsafeBufferPointer<Int32>
        let size: Int

        @inline(__always)
        func step(_ position: Int, _ symbol: Int) -> (next: Int, output: Int) {
            let cell = Int(table[position &+ symbol])
            let next = cell &>> 1
            return (next, cell & 1 == 0 ? 0 : next / size)
        }
    }

    /// The sparse rows' step: binary searches along the failure links (very large packs only).
    private struct SparseTransitions: Transitions {
        let symbols: [[UInt16]]
        let targets: [[Int32]]
        let failure: [Int32]

        func step(_ position: Int, _ symbol: Int) -> (next: Int, output: Int) {
            let next = PhraseAutomaton.sparseStep(position, UInt16(symbol), symbols: symbols, targets: targets, failure: failure)
            return (next, next)
        }
    }

    /// The UTF-8 scan for either table form (see `collectMatches`).
    @inline(__always)
    private func scan<T: Transitions>(_ text: UnsafeBufferPointer<UInt8>, _ transitions: T, patternBase: Int,
                                      into matches: inout [Match], scalars: UnsafeMutablePointer<UInt32>?,
                                      nonHan: UnsafeMutableBufferPointer<UInt32>?, nonHanCount: inout Int) -> Int {
        // The number of kept scalars before each ignorable character: a match's length counts
        // kept scalars, and its start is found by adding back the ignorables before it. They are
        // rare (64 of 27,464 fields of the 10k corpus), so listing them beats storing an offset
        // per scalar. Their count is kept apart: `ignoredAt.count`, read per match, was a call.
        var ignoredAt: [Int] = []
        var ignoredCount = 0
        // Matches are written to a small buffer on the stack and added to `matches` a buffer at a
        // time: whether `append` is inlined depends on the caller, and where it was not, each
        // match cost three calls (16 M instructions per 10,000 replies).
        return withUnsafeTemporaryAllocation(of: Match.self, capacity: Self.pendingCapacity) { pending in
        inputSymbols.withUnsafeBufferPointer { symbolsOf in
        outputStart.withUnsafeBufferPointer { outputStart in outputs.withUnsafeBufferPointer { outputs in
        lengths.withUnsafeBufferPointer { lengths in
            let buffer = pending.baseAddress!
            var pendingCount = 0
            var position = 0
            var offset = 0
            var index = 0
            // Only where scalars are kept, and the table flags them. Counted past the buffer's
            // room, so that a list cut short is known.
            let listsNonHan = scalars != nil && flagsNonHan ? nonHan : nil
            var listed = 0
            @inline(__always)
            func list(_ at: Int) {
                guard let listsNonHan else { return }
                if listed < listsNonHan.count { listsNonHan[listed] = UInt32(truncatingIfNeeded: at) }
                listed &+= 1
            }
            while index < text.count {
                let value = UTF8Scalar.next(text, at: &index)
                if let scalars { scalars[offset] = value }
                var sym: Int
                if value < 0x10000 {
                    // The symbol is read straight away, with no bit map tested first: two scalars
                    // in three of a handling text occur in some pattern, and for them the map's
                    // test came on top of this read (5.5 M instructions per 10,000 replies).
                    sym = Int(symbolsOf[Int(value)])
                    offset &+= 1
                    if sym == 0 { position = 0; continue }
                    if sym >= Int(Self.nonHanFlag) {
                        if sym == Int(Self.ignored) {
                            list(offset &- 1)
                            ignoredAt.append(offset &- 1 &- ignoredCount)
                            ignoredCount &+= 1
                            continue
                        }
                        if flagsNonHan {
                            list(offset &- 1)
                            sym &= Int(~Self.nonHanFlag)
                            if sym == 0 { position = 0; continue }
                        }
                    }
                } else {
                    list(offset)
                    let folded = folding?.fold(value) ?? value
                    sym = Int(folded < 0x10000 ? bmpSymbols[Int(folded)] : astralSymbols[folded] ?? 0)
                    offset &+= 1
                    if sym == 0 { position = 0; continue }
                }
                let (next, state) = transitions.step(position, sym)
                position = next
                if state == 0 { continue }
                let kept = offset &- ignoredCount
                for at in Int(outputStart[state])..<Int(outputStart[state &+ 1]) {
                    let pattern = Int(outputs[at])
                    let first = kept &- Int(lengths[pattern])
                    var ignoredInside = 0
                    while ignoredInside < ignoredCount, ignoredAt[ignoredCount &- 1 &- ignoredInside] > first { ignoredInside &+= 1 }
                    if pendingCount == Self.pendingCapacity {
                        matches.append(contentsOf: UnsafeBufferPointer(start: buffer, count: pendingCount))
                        pendingCount = 0
                    }
                    (buffer + pendingCount).initialize(to: Match(pattern: pattern &+ patternBase,
                                                                 start: first &+ ignoredCount &- ignoredInside, end: offset))
                    pendingCount &+= 1
                }
            }
            // `Match` is trivial: the buffer needs no deinitialising. Most fields match nothing,
            // and an empty append still cost a call of 110 instructions.
            if pendingCount > 0 { matches.append(contentsOf: UnsafeBufferPointer(start: buffer, count: pendingCount)) }
            if let listsNonHan { nonHanCount = listed <= listsNonHan.count ? listed : -1 }
            return offset
        } } } } }
    }

    /// Matches buffered by `scan` before they are added to the caller's array (a field has 9 on
    /// average, 10k corpus).
    private static let pendingCapacity = 32

    private func sparseStep(_ from: Int, _ sym: UInt16) -> Int {
        Self.sparseStep(from, sym, symbols: sparseSymbols, targets: sparseTargets, failure: failure)
    }

    private static func sparseStep(_ from: Int, _ sym: UInt16, symbols: [[UInt16]], targets: [[Int32]], failure: [Int32]) -> Int {
        var state = from
        while true {
            let row = symbols[state]
            var low = 0, high = row.count
            while low < high {
                let mid = (low + high) / 2
                if row[mid] < sym { low = mid + 1 } else { high = mid }
            }
            if low < row.count, row[low] == sym { return Int(targets[state][low]) }
            if state == 0 { return 0 }
            state = Int(failure[state])
        }
    }
}
