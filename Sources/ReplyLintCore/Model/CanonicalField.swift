/// The fields replylint understands (SPEC §2.1), whatever an export calls them.
public enum CanonicalField: String, Sendable, Hashable, CaseIterable, Codable, Comparable {
    case id, type, request, handling, customerOpinion, handler, handledAt, acceptedAt, deadline
    case isTrue, companyResponsible, attachments, unit, area
    case dispatchedAt, receivedAt, departedAt, arrivedAt, arrivalRecordedAt, repairedAt, sentAt

    /// The default aliases of SPEC §2.1 (the canonical name itself is always accepted).
    public var defaultAliases: [String] {
        switch self {
        case .id: return ["工单编号", "工单号", "申请编号", "APP_NO", "orderId"]
        case .type: return ["业务类型", "工单类型", "受理业务类型"]
        case .request: return ["受理内容", "ACCEPT_CONTENT"]
        case .handling: return ["处理情况", "处理结果", "处理意见", "回复内容", "HANDLE_OPINION", "reply"]
        case .customerOpinion: return ["客户意见", "CONS_OPINION"]
        case .handler: return ["处理人员", "处理人"]
        case .handledAt: return ["处理时间"]
        case .acceptedAt: return ["受理时间", "HANDLE_TIME"]
        case .deadline: return ["回复时限", "办结时限"]
        case .isTrue: return ["是否属实", "举报属实标志", "TRUE_FLAG"]
        case .companyResponsible: return ["电力公司责任标志", "责任标志", "RESP_FLAG", "PS_COMPANY_RESP_FLAG"]
        case .attachments: return ["附件", "ATTACH"]
        case .unit: return ["处理单位", "供电单位", "ORG_NO"]
        case .area: return ["供电区域", "区域", "城乡类别", "URBAN_RURAL_FLAG"]
        case .dispatchedAt: return ["派单时间"]
        case .receivedAt: return ["接单时间"]
        case .departedAt: return ["派出时间", "DISPACH_TIME"]
        case .arrivedAt: return ["到达现场时间", "ARRIVAL_TIME"]
        case .arrivalRecordedAt: return ["到达录入时间"]
        case .repairedAt: return ["修复时间", "RECO_DATE"]
        case .sentAt: return ["发送时间", "回单时间", "回复时间", "REPLY_DATE"]
        }
    }

    /// True for the timestamp fields.
    public var isTimestamp: Bool {
        switch self {
        case .handledAt, .acceptedAt, .deadline, .dispatchedAt, .receivedAt, .departedAt,
             .arrivedAt, .arrivalRecordedAt, .repairedAt, .sentAt:
            return true
        default:
            return false
        }
    }

    /// True for the 是/否 flag fields.
    public var isFlag: Bool { self == .isTrue || self == .companyResponsible }

    public static func < (lhs: CanonicalField, rhs: CanonicalField) -> Bool {
        lhs.order < rhs.order
    }

    private var order: Int { ordinal }

    // By case, not by raw value: a String-backed enum otherwise hashes its raw string, and replies
    // look their fields up by canonical field many times per record.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinalByte)
    }

    public static func == (lhs: CanonicalField, rhs: CanonicalField) -> Bool {
        lhs.ordinalByte == rhs.ordinalByte
    }

    /// Number of canonical fields (the size of a `FieldTable`).
    static let count = allCases.count

    /// The fields by ordinal.
    static let byOrdinal: [CanonicalField] = allCases

    /// Position in `allCases`: the index of the field in a `FieldTable`.
    @inline(__always)
    var ordinal: Int { Int(ordinalByte) }

    private var ordinalByte: UInt8 {
        switch self {
        case .id: return 0
        case .type: return 1
        case .request: return 2
        case .handling: return 3
        case .customerOpinion: return 4
        case .handler: return 5
        case .handledAt: return 6
        case .acceptedAt: return 7
        case .deadline: return 8
        case .isTrue: return 9
        case .companyResponsible: return 10
        case .attachments: return 11
        case .unit: return 12
        case .area: return 13
        case .dispatchedAt: return 14
        case .receivedAt: return 15
        case .departedAt: return 16
        case .arrivedAt: return 17
        case .arrivalRecordedAt: return 18
        case .repairedAt: return 19
        case .sentAt: return 20
        }
    }
}

/// Maps field names as written in a file to canonical fields: trimmed, ASCII case-insensitive.
public struct FieldAliases: Sendable {
    private var table: [String: CanonicalField]

    /// Every alias exactly as written, with the field its key resolves to: exports spell their
    /// names the way the aliases do, so one byte-level lookup usually answers without folding
    /// or hashing the name as a `String`.
    private var exact: ExactNames<CanonicalField>

    /// The default aliases plus `extra` (from configuration).
    public init(extra: [CanonicalField: [String]] = [:]) {
        var table: [String: CanonicalField] = [:]
        for field in CanonicalField.allCases {
            for name in [field.rawValue] + field.defaultAliases + (extra[field] ?? []) {
                table[Self.key(name)] = field
            }
        }
        var exact: [(name: String, value: CanonicalField)] = []
        for field in CanonicalField.allCases {
            for name in [field.rawValue] + field.defaultAliases + (extra[field] ?? []) {
                if let resolved = table[Self.key(name)] { exact.append((name, resolved)) }
            }
        }
        self.table = table
        self.exact = ExactNames(exact)
    }

    /// The canonical field a name stands for, if any.
    @inline(__always)
    public func field(named name: String) -> CanonicalField? {
        if let field = exact.value(for: name) { return field }
        return folded(name)
    }

    /// The canonical field of a name that is not an alias as written (kept out of line, as the
    /// rare path of `field(named:)`).
    @inline(never)
    private func folded(_ name: String) -> CanonicalField? {
        table[Self.key(name)]
    }

    private static func key(_ name: String) -> String {
        // Names in an export are usually already keys: no white space, no ASCII capitals.
        var ascii = true
        var plain = true
        for byte in name.utf8 {
            if byte >= 0x80 { ascii = false } else if byte <= 0x20 || (byte >= 0x41 && byte <= 0x5A) { plain = false }
        }
        if plain && (ascii || !name.unicodeScalars.contains(where: \.isWhiteSpace)) { return name }
        if ascii {
            // camelCase keys: lower-case bytes, no scalar-by-scalar string building.
            var bytes: [UInt8] = []
            bytes.reserveCapacity(name.utf8.count)
            for byte in name.utf8 where !(byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)) {
                bytes.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte)
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var scalars = String.UnicodeScalarView()
        for scalar in name.unicodeScalars where !scalar.isWhiteSpace {
            if ("A"..."Z").contains(scalar), let lower = Unicode.Scalar(scalar.value + 32) {
                scalars.append(lower)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
