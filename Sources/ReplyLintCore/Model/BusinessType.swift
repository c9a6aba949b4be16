/// The business type of a work order (SPEC §2.2).
public enum BusinessType: String, Sendable, Hashable, CaseIterable, Codable {
    case complaint = "投诉"
    case report = "举报"
    case opinion = "意见"
    case suggestion = "建议"
    case consultation = "咨询"
    case praise = "表扬"
    case repair = "报修"
    case serviceRequest = "服务申请"
    case urge = "催办"

    private static let byName = ExactNames<BusinessType>([
        ("投诉", .complaint), ("举报", .report), ("意见", .opinion), ("建议", .suggestion), ("咨询", .consultation),
        ("表扬", .praise), ("报修", .repair), ("故障报修", .repair), ("服务申请", .serviceRequest), ("催办", .urge),
    ])

    /// Every type but 报修 is a non-repair type.
    public var isRepair: Bool { self == .repair }

    // By case, not by raw value: a String-backed enum otherwise hashes its Chinese raw value
    // (NFC-normalised, 70 M instructions per 10k records), and rule scopes and per-type tables
    // are looked up for every rule and reply.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    public static func == (lhs: BusinessType, rhs: BusinessType) -> Bool {
        lhs.ordinal == rhs.ordinal
    }

    /// Position in `allCases`, also the type's bit in a `TypeScope` mask.
    var ordinal: UInt8 {
        switch self {
        case .complaint: return 0
        case .report: return 1
        case .opinion: return 2
        case .suggestion: return 3
        case .consultation: return 4
        case .praise: return 5
        case .repair: return 6
        case .serviceRequest: return 7
        case .urge: return 8
        }
    }

    /// Parses Chinese or English names (`故障报修`, `complaint`, `service request` …).
    public init?(parsing text: String) {
        // One byte-level lookup for the names exports use (a byte-equal text is an equal string,
        // as the switch below compares); the switch compared up to thirty strings per record.
        if let known = Self.byName.value(for: text) {
            self = known
            return
        }
        let trimmed = text.trimmingWhitespace().lowercased()
        switch trimmed {
        case "投诉", "complaint": self = .complaint
        case "举报", "舉報", "report": self = .report
        case "意见", "意見", "opinion": self = .opinion
        case "建议", "建議", "suggestion": self = .suggestion
        case "咨询", "諮詢", "查询", "consultation", "consult", "inquiry": self = .consultation
        case "表扬", "表揚", "praise": self = .praise
        case "报修", "故障报修", "報修", "repair", "fault repair": self = .repair
        case "服务申请", "服務申請", "service request", "service-request", "servicerequest": self = .serviceRequest
        case "催办", "催辦", "督办", "urge": self = .urge
        default: return nil
        }
    }
}

/// Which business types a rule applies to, as a pack writes it: `*`, `N` (non-repair), `R` (报修)
/// or a list of type names.
public struct TypeScope: Sendable, Hashable {
    /// The types in scope; `nil` means every record, even one without a known type.
    public var types: Set<BusinessType>? {
        didSet { mask = Self.mask(of: types) }
    }

    /// `types` as one bit per type: `contains` runs for every rule and reply, and a bit test
    /// costs nothing next to hashing into a set.
    private var mask: UInt16

    /// All records.
    public static let all = TypeScope(types: nil)

    /// Creates a scope.
    public init(types: Set<BusinessType>?) {
        self.types = types
        mask = Self.mask(of: types)
    }

    private static func mask(of types: Set<BusinessType>?) -> UInt16 {
        types?.reduce(0) { $0 | 1 << $1.ordinal } ?? 0
    }

    /// Parses `*`, `N`, `R` or type names.
    public init?(names: [String]) {
        var set = Set<BusinessType>()
        for name in names {
            switch name {
            case "*": self = .all; return
            case "N": set.formUnion(BusinessType.allCases.filter { !$0.isRepair })
            case "R": set.insert(.repair)
            default:
                guard let type = BusinessType(parsing: name) else { return nil }
                set.insert(type)
            }
        }
        types = set
        mask = Self.mask(of: set)
    }

    /// True if a record of `type` is in scope (records without a known type only for `*`).
    public func contains(_ type: BusinessType?) -> Bool {
        guard types != nil else { return true }
        guard let type else { return false }
        return mask & 1 << type.ordinal != 0
    }

    /// The short label used in rule listings (`*`, `N`, `R` or type names).
    public var label: String {
        guard let types else { return "*" }
        let nonRepair = Set(BusinessType.allCases.filter { !$0.isRepair })
        if types == nonRepair { return "N" }
        if types == [.repair] { return "R" }
        return BusinessType.allCases.filter { types.contains($0) }.map(\.rawValue).joined(separator: ",")
    }
}

extension String {
    /// The string without leading and trailing white space (Unicode-aware, including U+3000).
    public func trimmingWhitespace() -> String {
        // Most values have nothing to trim: no new string. Their first and last scalars are
        // decoded from the UTF-8 in place (the scalar view's generic `last` cost about 170
        // instructions; this is asked for the record id of every diagnostic).
        if utf8.withContiguousStorageIfAvailable(Self.endsWithoutWhiteSpace) == true { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isWhiteSpace }),
              let last = scalars.lastIndex(where: { !$0.isWhiteSpace }) else { return "" }
        return String(scalars[first...last])
    }

    /// True when `utf8` (well-formed) is not empty and neither starts nor ends with white space.
    private static func endsWithoutWhiteSpace(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress, !utf8.isEmpty else { return false }
        let count = utf8.count
        var last = count - 1
        while last > 0, base[last] & 0xC0 == 0x80 { last -= 1 }
        return !scalar(at: base, last, count).isWhiteSpace && !scalar(at: base, 0, count).isWhiteSpace
    }

    /// The scalar whose UTF-8 starts at `index` (well-formed UTF-8 of `count` bytes).
    @inline(__always)
    private static func scalar(at base: UnsafePointer<UInt8>, _ index: Int, _ count: Int) -> Unicode.Scalar {
        let lead = UInt32(base[index])
        var value: UInt32
        let length: Int
        switch lead {
        case 0..<0x80: return Unicode.Scalar(UInt8(lead))
        case 0xC0..<0xE0: value = lead & 0x1F; length = 2
        case 0xE0..<0xF0: value = lead & 0x0F; length = 3
        default: value = lead & 0x07; length = 4
        }
        for offset in 1..<Swift.min(length, count - index) { value = value << 6 | UInt32(base[index + offset] & 0x3F) }
        return Unicode.Scalar(value) ?? "\u{FFFD}"
    }
}
