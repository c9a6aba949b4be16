import Yams

/// A pack entry's options, read with positions so that every mistake names its file and line.
public struct RuleOptions {
    /// The options mapping (`nil` when the entry has none).
    let node: Node?
    /// The pack file, for error messages.
    public let file: String
    /// The rule the options belong to, for error messages.
    public let rule: String

    init(node: Node?, file: String, rule: String) {
        self.node = node
        self.file = file
        self.rule = rule
    }

    private func value(_ key: String) -> Node? { node?.mapping?[key] }

    private func line(_ key: String) -> Int? { (value(key) ?? node)?.mark?.line }

    /// An error about option `key`.
    public func error(_ key: String, _ zh: String, _ en: String) -> ReplyLintIssue {
        .invalidConfiguration(file: file, line: line(key),
                              detail: LocalizedText(zh: "规则 \(rule) 的选项 \(key)：\(zh)", en: "rule \(rule), option \(key): \(en)"))
    }

    /// True when the option is given.
    public func has(_ key: String) -> Bool { value(key) != nil }

    /// A text option.
    public func string(_ key: String) throws -> String? {
        guard let node = value(key) else { return nil }
        guard let text = node.scalar?.string else { throw error(key, "应为文本", "expected a text") }
        return text
    }

    /// A required text option.
    public func requiredString(_ key: String) throws -> String {
        guard let text = try string(key) else { throw error(key, "缺少此选项", "missing") }
        return text
    }

    /// A whole-number option.
    public func int(_ key: String) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let number = Int(text) else { throw error(key, "应为整数", "expected a whole number") }
        return number
    }

    /// A yes/no option.
    public func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "应为 true 或 false", "expected true or false")
        }
    }

    /// A list of texts (a single text counts as a list of one).
    public func strings(_ key: String) throws -> [String] {
        guard let node = value(key) else { return [] }
        if let text = node.scalar?.string { return [text] }
        guard let items = node.sequence else { throw error(key, "应为文本列表", "expected a list of texts") }
        return try items.map { item in
            guard let text = item.scalar?.string else { throw error(key, "列表项应为文本", "list items must be texts") }
            return text
        }
    }

    /// A canonical field option.
    public func field(_ key: String) throws -> CanonicalField? {
        guard let name = try string(key) else { return nil }
        guard let field = CanonicalField(rawValue: name) else {
            throw error(key, "未知字段 \(name)", "unknown field \(name)")
        }
        return field
    }

    /// A list of canonical fields.
    public func fields(_ key: String) throws -> [CanonicalField] {
        try strings(key).map { name in
            guard let field = CanonicalField(rawValue: name) else { throw error(key, "未知字段 \(name)", "unknown field \(name)") }
            return field
        }
    }

    /// A `{zh, en}` text option.
    public func localized(_ key: String) throws -> LocalizedText? {
        guard let node = value(key) else { return nil }
        guard let zh = node.mapping?["zh"]?.scalar?.string, let en = node.mapping?["en"]?.scalar?.string else {
            throw error(key, "应为 {zh: …, en: …}", "expected {zh: …, en: …}")
        }
        return LocalizedText(zh: zh, en: en)
    }

    /// A list of option mappings (e.g. sub-checks).
    public func list(_ key: String) throws -> [RuleOptions] {
        guard let node = value(key) else { return [] }
        guard let items = node.sequence else { throw error(key, "应为列表", "expected a list") }
        return items.map { RuleOptions(node: $0, file: file, rule: rule) }
    }

    /// A mapping option, as keys with nested options.
    public func mapping(_ key: String) throws -> [(key: String, options: RuleOptions)] {
        guard let node = value(key) else { return [] }
        guard let pairs = node.mapping else { throw error(key, "应为映射", "expected a mapping") }
        return pairs.map { (key: $0.key.string ?? "", options: RuleOptions(node: $0.value, file: file, rule: rule)) }
    }

    /// The texts of a list-valued mapping entry viewed as this options object (for `mapping`).
    public func selfStrings() throws -> [String] {
        guard let node else { return [] }
        if let text = node.scalar?.string { return [text] }
        return (node.sequence ?? []).compactMap { $0.scalar?.string }
    }
}
