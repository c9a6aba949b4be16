/// Every problem that stops replylint from doing what was asked (exit 2), in both languages.
public enum ReplyLintIssue: Error, Sendable, Equatable {
    /// A rule pack or configuration file is malformed at `line`.
    case invalidConfiguration(file: String, line: Int?, detail: LocalizedText)
    /// A rule id that no pack defines; `suggestion` is the nearest known id.
    case unknownRule(id: String, suggestion: String?, file: String?, line: Int?)
    /// A rule kind that does not exist.
    case unknownKind(kind: String, rule: String, file: String, line: Int?)
    /// An input file or folder that cannot be read.
    case unreadable(path: String, reason: String)
    /// A command-line mistake.
    case usage(LocalizedText)

    /// The message in both languages.
    public var message: LocalizedText {
        switch self {
        case let .invalidConfiguration(file, line, detail):
            let place = file + (line.map { ":\($0)" } ?? "")
            return LocalizedText(zh: "\(place): 配置有误：\(detail.zh)", en: "\(place): invalid configuration: \(detail.en)")
        case let .unknownRule(id, suggestion, file, line):
            let place = file.map { $0 + (line.map { ":\($0)" } ?? "") + ": " } ?? ""
            let hintZh = suggestion.map { "，是否指 \($0)？" } ?? "；运行 replylint rules 查看全部规则"
            let hintEn = suggestion.map { "; did you mean \($0)?" } ?? "; run `replylint rules` to list them"
            return LocalizedText(zh: "\(place)未知规则 \(id)\(hintZh)", en: "\(place)unknown rule \(id)\(hintEn)")
        case let .unknownKind(kind, rule, file, line):
            let place = file + (line.map { ":\($0)" } ?? "")
            return LocalizedText(zh: "\(place): 规则 \(rule) 使用了未知的规则类型 \(kind)",
                                 en: "\(place): rule \(rule) uses unknown rule kind \(kind)")
        case let .unreadable(path, reason):
            return LocalizedText(zh: "无法读取 \(path)：\(reason)", en: "cannot read \(path): \(reason)")
        case let .usage(text):
            return text
        }
    }
}

/// The known string nearest to `word` by edit distance, if it is close enough to be a likely typo.
public func nearestSuggestion(for word: String, among candidates: [String]) -> String? {
    func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, ca) in a.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: b.count)
            for (j, cb) in b.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (ca == cb ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
    let target = Array(word)
    let scored = candidates.map { ($0, distance(target, Array($0))) }.min { $0.1 < $1.1 }
    guard let (best, score) = scored, score <= max(2, target.count / 3) else { return nil }
    return best
}
