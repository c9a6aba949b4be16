import Yams

/// A set of rules declared in YAML (`Rules/sgcc-95598.yml` is the built-in one).
public struct RulePack: Sendable {
    /// The pack's name.
    public var name: String
    /// Its rules, in pack order.
    public var rules: [any Rule]

    /// Creates a pack from rules.
    public init(name: String, rules: [any Rule]) {
        self.name = name
        self.rules = rules
    }

    /// The built-in pack `sgcc-95598`, embedded in the binary.
    public static func builtIn() throws -> RulePack {
        try load(yaml: embeddedRulePackYAML, file: "Rules/sgcc-95598.yml")
    }

    /// Parses a pack; every mistake is a positioned `ReplyLintIssue`.
    public static func load(yaml: String, file: String,
                            kinds: [String: RuleFactory] = RuleKinds.builtIn) throws -> RulePack {
        let root: Node
        do {
            // Every scalar is a string to the loader (options read numbers and flags from the
            // text), so tags are not resolved: Yams' default resolver tries a regular expression
            // per tag on every scalar, 45% of a one-record run (87 M instructions).
            guard let node = try Yams.compose(yaml: yaml, .basic) else {
                throw ReplyLintIssue.invalidConfiguration(file: file, line: nil, detail: LocalizedText(zh: "文件为空", en: "the file is empty"))
            }
            root = node
        } catch let issue as ReplyLintIssue {
            throw issue
        } catch {
            throw ReplyLintIssue.invalidConfiguration(file: file, line: nil,
                                                      detail: LocalizedText(zh: "YAML 无法解析：\(error)", en: "YAML does not parse: \(error)"))
        }
        func fail(_ node: Node?, _ zh: String, _ en: String) -> ReplyLintIssue {
            .invalidConfiguration(file: file, line: node?.mark?.line, detail: LocalizedText(zh: zh, en: en))
        }
        let name = root["pack"]?.string ?? file
        guard let entries = root["rules"]?.sequence else { throw fail(root, "缺少 rules 列表", "missing the `rules` list") }
        var rules: [any Rule] = []
        var seen = Set<String>()
        let knownKeys: Set<String> = ["id", "kind", "severity", "types", "description", "rationale", "message",
                                      "options", "examples", "fixable"]
        for entry in entries {
            guard let mapping = entry.mapping else { throw fail(entry, "规则条目应为映射", "a rule entry must be a mapping") }
            for keyNode in mapping.keys {
                if let key = keyNode.string, !knownKeys.contains(key) {
                    let hint = nearestSuggestion(for: key, among: Array(knownKeys)).map { "（\($0)?）" } ?? ""
                    throw fail(keyNode, "未知的键 \(key)\(hint)", "unknown key \(key)\(hint)")
                }
            }
            guard let id = entry["id"]?.string else { throw fail(entry, "规则缺少 id", "a rule needs an id") }
            guard seen.insert(id).inserted else { throw fail(entry, "规则 \(id) 重复定义", "rule \(id) is defined twice") }
            guard let kind = entry["kind"]?.string else { throw fail(entry, "规则 \(id) 缺少 kind", "rule \(id) needs a kind") }
            guard let factory = kinds[kind] else {
                throw ReplyLintIssue.unknownKind(kind: kind, rule: id, file: file, line: entry["kind"]?.mark?.line)
            }
            let severityText = entry["severity"]?.string ?? "error"
            guard let severity = Severity(rawValue: severityText) else {
                throw fail(entry["severity"], "规则 \(id) 的严重级别 \(severityText) 无效", "rule \(id): invalid severity \(severityText)")
            }
            let typeNames = entry["types"]?.sequence?.compactMap(\.string) ?? entry["types"]?.string.map { [$0] } ?? ["*"]
            guard let scope = TypeScope(names: typeNames) else {
                throw fail(entry["types"], "规则 \(id) 的业务类型无效", "rule \(id): unknown business type in \(typeNames)")
            }
            func text(_ key: String) throws -> LocalizedText {
                guard let node = entry[key], let zh = node["zh"]?.string, let en = node["en"]?.string else {
                    throw fail(entry[key] ?? entry, "规则 \(id) 缺少 \(key).zh / \(key).en", "rule \(id) needs \(key).zh and \(key).en")
                }
                return LocalizedText(zh: zh, en: en)
            }
            let optionsNode = entry["options"]
            let optionsSource = (try? optionsNode.map { try Yams.serialize(node: $0, allowUnicode: true) }) ?? nil
            let meta = RuleMetadata(
                id: id, kind: kind, severity: severity, scope: scope,
                description: try text("description"), rationale: try text("rationale"), message: try text("message"),
                optionsSource: optionsSource ?? "",
                fixable: entry["fixable"]?.string == "true",
                examples: try examples(entry["examples"], rule: id, fail: fail))
            rules.append(try factory(meta, RuleOptions(node: optionsNode, file: file, rule: id)))
        }
        return RulePack(name: name, rules: rules)
    }

    private static func examples(_ node: Node?, rule: String,
                                 fail: (Node?, String, String) -> ReplyLintIssue) throws -> RuleExamples {
        guard let node else { return RuleExamples() }
        func list(_ key: String) throws -> [RuleExample] {
            try (node[key]?.sequence ?? []).map { item in
                if let line = item.string { return .input(line) }
                guard let mapping = item.mapping else {
                    throw fail(item, "规则 \(rule) 的示例应为记录或文本", "rule \(rule): an example must be a record or a text")
                }
                return .record(try mapping.map { key, value in
                    let name = key.string ?? ""
                    if let text = value.string { return (name, .text(text)) }
                    if let items = value.sequence {
                        return (name, .items(items.map { element in
                            if let text = element.string { return ["": text] }
                            var map: [String: String] = [:]
                            for (k, v) in element.mapping ?? [:] { map[k.string ?? ""] = v.string ?? "" }
                            return map
                        }))
                    }
                    if value == Node("") || value.tag.description.hasSuffix("null") { return (name, .text("")) }
                    throw fail(value, "规则 \(rule) 的示例字段 \(name) 无法识别", "rule \(rule): example field \(name) is not a text or list")
                })
            }
        }
        return RuleExamples(fail: try list("fail"), pass: try list("pass"))
    }
}
