/// The supply area of a repair order (城乡类别), which sets the arrival time limit.
public enum Area: String, Sendable, Hashable, CaseIterable, Codable {
    case urban = "城区"
    case rural = "农村"
    case remote = "特殊边远"

    // By case, not by raw value: hashing the Chinese raw value NFC-normalises it, and areas key
    // per-reply table lookups.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    public static func == (lhs: Area, rhs: Area) -> Bool {
        lhs.ordinal == rhs.ordinal
    }

    private static let byName = ExactNames<Area>([
        ("城区", .urban), ("城市", .urban), ("市区", .urban), ("城镇", .urban), ("urban", .urban), ("city", .urban),
        ("1", .urban), ("01", .urban), ("农村", .rural), ("乡村", .rural), ("rural", .rural), ("2", .rural),
        ("02", .rural), ("特殊边远", .remote), ("边远", .remote), ("特殊边远地区", .remote), ("边远地区", .remote),
        ("remote", .remote), ("3", .remote), ("03", .remote),
    ])

    private var ordinal: UInt8 {
        switch self {
        case .urban: return 0
        case .rural: return 1
        case .remote: return 2
        }
    }

    /// Parses Chinese, English and SG186 code forms (`城区`/`城市`/`urban`/`1` …).
    public init?(parsing text: String) {
        // The accepted forms by their bytes first: trimming, lower-casing and comparing Chinese
        // strings cost 2,800 instructions per record. A byte-equal text needs neither.
        if let known = Self.byName.value(for: text) {
            self = known
            return
        }
        switch text.trimmingWhitespace().lowercased() {
        case "城区", "城市", "市区", "城镇", "urban", "city", "1", "01": self = .urban
        case "农村", "乡村", "rural", "2", "02": self = .rural
        case "特殊边远", "边远", "特殊边远地区", "边远地区", "remote", "3", "03": self = .remote
        default: return nil
        }
    }
}
