/// The supply area of a repair order (城乡类别), which sets the arrival time limit.
public enum Area: String, Sendable, Hashable, CaseIterable, Codable {
    case urban = "城区"
    case rural = "农村"
    case remote = "特殊边远"

    /// Parses Chinese, English and SG186 code forms (`城区`/`城市`/`urban`/`1` …).
    public init?(parsing text: String) {
        switch text.trimmingWhitespace().lowercased() {
        case "城区", "城市", "市区", "城镇", "urban", "city", "1", "01": self = .urban
        case "农村", "乡村", "rural", "2", "02": self = .rural
        case "特殊边远", "边远", "特殊边远地区", "边远地区", "remote", "3", "03": self = .remote
        default: return nil
        }
    }
}
