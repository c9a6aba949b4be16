/// Kind `punctuation`: half-width punctuation between Han characters (`客户,已` → `客户，已`),
/// fixable (brackets: Han on either side, fixed as a pair; `.` `!` `?` also after the last Han
/// character of the text); and a long text with no sentence
/// punctuation at all. Options: `field` (default
/// handling), `marks` (half-width → full-width mapping), `longWithout` (length above which a text
/// needs punctuation; 0 switches the check off) and `longMessage` ({zh, en}). Numbers (`1,200.50`,
/// `3.5`) and ASCII words are left alone because a mark counts only with Han on both sides.
struct PunctuationRule: SinkRule {
    let metadata: RuleMetadata
    let field: CanonicalField
    let marks: [UInt32: String]
    let longWithout: Int
    let longMessage: LocalizedText
    /// Bitmap of the ASCII marks and whether any mark is not ASCII: the scan tests every scalar,
    /// and a dictionary lookup (SipHash) per scalar was most of the rule's cost.
    private let asciiMarks: (low: UInt64, high: UInt64)
    private let hasOtherMarks: Bool

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        field = try options.field("field") ?? .handling
        var marks: [UInt32: String] = [:]
        for (key, sub) in try options.mapping("marks") {
            let scalars = Array(key.unicodeScalars)
            guard scalars.count == 1, let replacement = try sub.selfStrings().first else {
                throw options.error("marks", "每项应为 半角符号: 全角符号", "each entry must be half-width: full-width")
            }
            marks[scalars[0].value] = replacement
        }
        guard !marks.isEmpty else { throw options.error("marks", "至少需要一个符号", "needs at least one mark") }
        self.marks = marks
        var low: UInt64 = 0
        var high: UInt64 = 0
        for key in marks.keys where key < 128 {
            if key < 64 { low |= 1 << UInt64(key) } else { high |= 1 << UInt64(key - 64) }
        }
        asciiMarks = (low, high)
        hasOtherMarks = marks.keys.contains { $0 >= 128 }
        longWithout = try options.int("longWithout") ?? 30
        longMessage = try options.localized("longMessage") ?? metadata.message
    }

    /// The field scanned for marks.
    var scalarFields: [CanonicalField] { [field] }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // The value is copied out of the reply only for a finding (nearly every reply has none);
        // the table's blank test is inlined, `Reply.isBlank` was a call of 76 instructions.
        guard !reply.values.isBlank(field) else { return }
        // The closures capture the field and the marks alone: capturing `self` copied and
        // destroyed the whole rule per reply (10 M instructions per 10,000 replies). The scalars
        // are read in place, and an array of them is made only past this test.
        let (field, asciiMarks, checksLong) = (field, hasOtherMarks ? nil : asciiMarks, longWithout > 0)
        let settled = context.withScalars(of: field, in: reply) { scalars in
            context.withNonHanOffsets(of: field, in: reply) {
                Self.isSettledWithoutScan(scalars, nonHan: $0, asciiMarks: asciiMarks, checksLong: checksLong)
            }
        }
        if settled { return }
        let scalars = context.scalars(of: field, in: reply)
        let (counted, sawPunctuation, unsorted) = scalars.withUnsafeBufferPointer { scan($0) }
        let long = longWithout > 0 && counted > longWithout && !sawPunctuation
        guard !unsorted.isEmpty || long, let value = reply.values[field] else { return }
        let name = reply.name(of: field)
        for index in unsorted.count > 1 ? unsorted.sorted() : unsorted {
            let scalar = scalars[index]
            guard let replacement = marks[scalar] else { continue }
            let location = ValueLocation(value: value, range: index..<(index + 1))
            let text = Unicode.Scalar(scalar).map { String(Character($0)) } ?? ""
            sink.append(Finding(field: field, location: location,
                                message: metadata.message.filling(["field": name, "text": text, "replacement": replacement]),
                                fix: FixSuggestion(replacement: replacement, location: location)))
        }
        if long {
            sink.append(Finding(field: field, location: ValueLocation(value: value),
                                message: longMessage.filling(["field": name, "text": value.text.excerpt(),
                                                              "length": String(counted), "max": String(longWithout)])))
        }
    }

    /// True when `scan` would find nothing to report: no scalar is a mark (nor `,` or `.`, whose
    /// meaning depends on their neighbours), and the text has sentence punctuation or long texts
    /// are not checked. Nearly every reply is settled by this lighter pass (no mark in any
    /// handling text of the 10k corpus), which tests only the scalars that are not Han:
    /// `nonHan`, the offsets of those in `scalars` (`NonHanOffsets`, shared with the sentence
    /// cutting of `duplicate-paste`; testing every scalar here, four at a time, cost 8.9 M
    /// instructions per 10,000 replies). `asciiMarks` is the rule's bit map of marks, nil when
    /// the rule maps marks that are not ASCII (never settled then); `checksLong` whether long
    /// texts without punctuation are reported.
    static func isSettledWithoutScan(_ scalars: UnsafeBufferPointer<UInt32>, nonHan: UnsafeBufferPointer<UInt32>,
                                     asciiMarks: (low: UInt64, high: UInt64)?, checksLong: Bool) -> Bool {
        guard let asciiMarks else { return false }
        // ASCII scalars (mostly the digits of dates) are answered by two bit maps: the marks with
        // `,` and `.`, and the rest of `isSentencePunctuation`'s ASCII marks, all below 64.
        let stopsLow = asciiMarks.low | 1 << 0x2C | 1 << 0x2E
        let sentenceLow: UInt64 = 1 << 0x21 | 1 << 0x3A | 1 << 0x3B | 1 << 0x3F
        var sawPunctuation = false
        for offset in nonHan {
            let scalar = scalars[Int(offset)]
            if scalar < 64 {
                let bit: UInt64 = 1 << UInt64(scalar)
                if stopsLow & bit != 0 { return false }
                if sentenceLow & bit != 0 { sawPunctuation = true }
            } else if scalar < 128 {
                if asciiMarks.high & (1 << UInt64(scalar - 64)) != 0 { return false }
            } else if !sawPunctuation, ScalarClass.isSentencePunctuation(scalar) {
                sawPunctuation = true
            }
        }
        return sawPunctuation || !checksLong
    }

    /// One pass over the scalars: the count of those that are not spaces, whether any is
    /// sentence punctuation, and the marks to flag (unsorted). Its state is local to this
    /// function; captured by a closure it was kept in memory.
    private func scan(_ scalars: UnsafeBufferPointer<UInt32>) -> (counted: Int, sawPunctuation: Bool, flagged: [Int]) {
        var counted = 0
        var sawPunctuation = false
        // Brackets go in pairs: `(` fires with Han on either side, and a pair is fixed together
        // so that `电表(专用)。` never ends up half full-width.
        var openBrackets: [(index: Int, fires: Bool)] = []
        var flagged: [Int] = []
        // Han characters of the basic block, most of a reply, are counted and are neither
        // sentence punctuation nor (unless the pack maps non-ASCII marks) marks.
        let hanIsPlain = !hasOtherMarks
        var next = 0
        while next < scalars.count {
            let index = next
            next &+= 1
            let scalar = scalars[index]
            if hanIsPlain, ScalarClass.isBasicHan(scalar) {
                // The whole run of Han characters in a tight loop (3 instructions a scalar fewer).
                counted &+= 1
                while next < scalars.count, ScalarClass.isBasicHan(scalars[next]) {
                    counted &+= 1
                    next &+= 1
                }
                continue
            }
            if !ScalarClass.isSpace(scalar) { counted &+= 1 }
            if ScalarClass.isSentencePunctuation(scalar), !Self.isNumberSeparator(scalars, index) {
                sawPunctuation = true
            }
            guard isMark(scalar) else { continue }
            switch scalar {
            case 0x28:
                let fires = Self.hanNear(scalars, index)
                openBrackets.append((index, fires))
                if fires { flagged.append(index) }
            case 0x29:
                let open = openBrackets.popLast()
                let fires = Self.hanNear(scalars, index) || open?.fires == true
                if fires {
                    if let open, !open.fires { flagged.append(open.index) }
                    flagged.append(index)
                }
            case 0x2E, 0x21, 0x3F:
                // A sentence-final mark also counts after the last Han character of the text.
                if Self.hanAround(scalars, index) || Self.hanBeforeEnd(scalars, index) { flagged.append(index) }
            default:
                if Self.hanAround(scalars, index) { flagged.append(index) }
            }
        }
        return (counted, sawPunctuation, flagged)
    }

    @inline(__always)
    private func isMark(_ scalar: UInt32) -> Bool {
        if scalar < 64 { return asciiMarks.low & (1 << UInt64(scalar)) != 0 }
        if scalar < 128 { return asciiMarks.high & (1 << UInt64(scalar - 64)) != 0 }
        return hasOtherMarks && marks[scalar] != nil
    }

    /// `,` or `.` between ASCII digits (`1,200.50`) separates digits, it does not end a clause.
    private static func isNumberSeparator(_ scalars: UnsafeBufferPointer<UInt32>, _ index: Int) -> Bool {
        let scalar = scalars[index]
        guard scalar == 0x2C || scalar == 0x2E, index > 0, index + 1 < scalars.count else { return false }
        return ScalarClass.isDigit(scalars[index - 1]) && ScalarClass.isDigit(scalars[index + 1])
    }

    /// True when the nearest non-space scalar on either side is a Han character (for brackets).
    private static func hanNear(_ scalars: UnsafeBufferPointer<UInt32>, _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before] == 0x20 { before -= 1 }
        var after = index + 1
        while after < scalars.count, scalars[after] == 0x20 { after += 1 }
        return (before >= 0 && ScalarClass.isHan(scalars[before])) || (after < scalars.count && ScalarClass.isHan(scalars[after]))
    }

    /// True when a Han character comes right before and only spaces follow (`客户满意.`).
    private static func hanBeforeEnd(_ scalars: UnsafeBufferPointer<UInt32>, _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before] == 0x20 { before -= 1 }
        var after = index + 1
        while after < scalars.count, ScalarClass.isSpace(scalars[after]) { after += 1 }
        return before >= 0 && ScalarClass.isHan(scalars[before]) && after == scalars.count
    }

    /// True when the nearest non-space scalars on both sides are Han characters.
    private static func hanAround(_ scalars: UnsafeBufferPointer<UInt32>, _ index: Int) -> Bool {
        var before = index - 1
        while before >= 0, scalars[before] == 0x20 { before -= 1 }
        var after = index + 1
        while after < scalars.count, scalars[after] == 0x20 { after += 1 }
        guard before >= 0, after < scalars.count else { return false }
        return ScalarClass.isHan(scalars[before]) && ScalarClass.isHan(scalars[after])
    }
}
