/// Kind `timestamp-gap`: the time from one timestamp to another exceeds a limit in minutes.
/// Options: `gaps`, a list of `{from, to, max, byArea, defaultArea, message}`; `byArea` maps
/// 城区/农村/特殊边远 to limits and `defaultArea` is used when the record's area is missing or
/// unknown. The finding sits on `to`. A negative gap is left to `timestamp-order`.
struct TimestampGapRule: SinkRule {
    struct Gap {
        var from: CanonicalField
        var to: CanonicalField
        var max: Int?
        var byArea: [Area: Int]
        var defaultArea: Area
        var message: MessageTemplate
        /// `byArea[area] ?? max` for 城区, 农村 and 特殊边远: a dictionary lookup per reply
        /// checked cost 190 instructions.
        var limits: (urban: Int?, rural: Int?, remote: Int?) = (nil, nil, nil)

        /// The limit for `area`, in minutes (nil: none).
        func limit(for area: Area) -> Int? {
            switch area {
            case .urban: limits.urban
            case .rural: limits.rural
            case .remote: limits.remote
            }
        }
    }

    /// The placeholders of a gap's message, in the order `check` gives their values.
    static let placeholders = ["area", "field", "text", "from", "fromText", "minutes", "max"]

    let metadata: RuleMetadata
    let gaps: [Gap]

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        var gaps: [Gap] = []
        for item in try options.list("gaps") {
            guard let from = try item.field("from"), let to = try item.field("to"), from.isTimestamp, to.isTimestamp else {
                throw options.error("gaps", "每项需要时间字段 from 和 to", "each gap needs timestamp fields from and to")
            }
            var byArea: [Area: Int] = [:]
            for (name, sub) in try item.mapping("byArea") {
                guard let area = Area(parsing: name), let text = try sub.selfStrings().first, let minutes = Int(text), minutes >= 0 else {
                    throw item.error("byArea", "应为 区域: 分钟数", "expected area: minutes")
                }
                byArea[area] = minutes
            }
            let max = try item.int("max")
            guard max != nil || !byArea.isEmpty else {
                throw item.error("max", "需要 max 或 byArea", "needs max or byArea")
            }
            let areaName = try item.string("defaultArea") ?? Area.urban.rawValue
            guard let defaultArea = Area(parsing: areaName) else {
                throw item.error("defaultArea", "应为 城区、农村 或 特殊边远", "expected 城区, 农村 or 特殊边远")
            }
            var gap = Gap(from: from, to: to, max: max, byArea: byArea, defaultArea: defaultArea,
                          message: MessageTemplate(try item.localized("message") ?? metadata.message, names: Self.placeholders))
            gap.limits = (byArea[.urban] ?? max, byArea[.rural] ?? max, byArea[.remote] ?? max)
            gaps.append(gap)
        }
        guard !gaps.isEmpty else { throw options.error("gaps", "至少需要一项", "needs at least one gap") }
        self.gaps = gaps
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        // By index, reading the gap in place: a copy retained its table and message (the rule
        // is shared by both workers with `--jobs 2`).
        for index in gaps.indices {
            guard let start = reply.timestamps[gaps[index].from], let end = reply.timestamps[gaps[index].to] else { continue }
            let area = reply.area ?? gaps[index].defaultArea
            guard let limit = gaps[index].limit(for: area) else { continue }
            let seconds = end - start
            guard seconds > Int64(limit) * 60, let value = reply.values[gaps[index].to] else { continue }
            let from = gaps[index].from
            let to = gaps[index].to
            let areaText = reply.area == nil
                ? LocalizedText(zh: "\(area.rawValue)（未填，按默认）", en: "\(area.rawValue) (not given, default)")
                : LocalizedText(zh: area.rawValue, en: area.rawValue)
            // One fill of a template split at load time: filling `area` first and the rest in a
            // second pass through two dictionaries cost 29k instructions per finding.
            let message = gaps[index].message.filling([
                areaText, Self.same(reply.name(of: to)), Self.same(value.text.trimmingWhitespace()),
                Self.same(reply.name(of: from)), Self.same(reply.text(from).trimmingWhitespace()),
                Self.same(Self.minutes(seconds)), Self.same(String(limit)),
            ])
            sink.append(Finding(field: to, location: ValueLocation(value: value), message: message))
        }
    }

    /// `text` in both languages.
    private static func same(_ text: String) -> LocalizedText {
        LocalizedText(zh: text, en: text)
    }

    /// Whole minutes when exact, else one decimal (3.5), so the message shows the real overrun.
    static func minutes(_ seconds: Int64) -> String {
        if seconds % 60 == 0 { return String(seconds / 60) }
        let tenths = (seconds * 10 + 30) / 60
        return "\(tenths / 10).\(tenths % 10)"
    }
}
