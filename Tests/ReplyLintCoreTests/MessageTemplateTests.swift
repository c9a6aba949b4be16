@testable import ReplyLintCore
import Testing

/// `MessageTemplate` (placeholders found once) fills exactly as `LocalizedText.filling`, and the
/// shared placeholder scan keeps its edge cases.
@Suite struct MessageTemplateTests {
    static let names = ["field", "text", "名称"]

    func both(_ zh: String, _ en: String, _ values: [String]) -> (template: LocalizedText, table: LocalizedText) {
        let text = LocalizedText(zh: zh, en: en)
        let template = MessageTemplate(text, names: Self.names).filling(values.map { LocalizedText(zh: $0, en: $0) })
        return (template, text.filling(Dictionary(uniqueKeysWithValues: zip(Self.names, values))))
    }

    @Test func agreesWithFillingByName() {
        let cases: [(String, String)] = [
            ("“{field}”为 {text}", "\"{field}\" is {text}"),
            ("无占位符", "no placeholder"),
            ("{{field}", "{field}}"),
            ("{unknown} {field}", "{ {text} }"),
            ("{}", "{field"),
            ("{名称}：{text}{field}", "{名称}{名称}"),
            ("", "{text}{text}{text}"),
        ]
        for (zh, en) in cases {
            for values in [["处理情况", "客户已撤诉", "名"], ["{text}", "{field}", ""], ["", "", "😀"]] {
                let (template, table) = both(zh, en, values)
                #expect(template == table, "\(zh) / \(en) with \(values)")
            }
        }
    }

    @Test func fillsEachLanguageWithItsValue() {
        let template = MessageTemplate(LocalizedText(zh: "区域：{field}", en: "area: {field}"), names: ["field"])
        #expect(template.filling([LocalizedText(zh: "城区", en: "urban")]) == LocalizedText(zh: "区域：城区", en: "area: urban"))
    }

    @Test func insertedTextIsNotScannedAgain() {
        let text = LocalizedText(zh: "{field}{text}", en: "{text}")
        let filled = text.filling(["field": "{text}", "text": "x"])
        #expect(filled == LocalizedText(zh: "{text}x", en: "x"))
    }

    @Test func canonicallyEquivalentNamesMatch() {
        let text = LocalizedText(zh: "{caf\u{E9}}", en: "{cafe\u{301}}")
        #expect(text.filling(["cafe\u{301}": "1"]) == LocalizedText(zh: "1", en: "1"))
    }

    @Test func findRestartsAtAnInnerBrace() {
        var template = "a{b{field}c}{"
        let found = template.withUTF8 { bytes in
            TemplateReplacement<Int>.find(in: bytes) { String(decoding: $0, as: UTF8.self) == "field" ? 7 : nil }
        }
        #expect(found.map { [$0.start, $0.end, $0.value] } == [[3, 10, 7]])
    }
}
