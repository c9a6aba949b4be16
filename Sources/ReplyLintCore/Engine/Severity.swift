/// How serious a finding is. Errors fail the run (exit 1); warnings only past `--max-warnings`.
public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case error, warning, info

    private var rank: Int {
        switch self {
        case .error: return 0
        case .warning: return 1
        case .info: return 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

    /// `rawValue` as a static string, for reports written as bytes.
    public var name: StaticString {
        switch self {
        case .error: return "error"
        case .warning: return "warning"
        case .info: return "info"
        }
    }

    /// The word in `language` (错误/警告/提示 or error/warning/info).
    public func label(_ language: Language) -> String {
        switch (self, language) {
        case (.error, .zh): return "错误"
        case (.warning, .zh): return "警告"
        case (.info, .zh): return "提示"
        default: return rawValue
        }
    }
}
