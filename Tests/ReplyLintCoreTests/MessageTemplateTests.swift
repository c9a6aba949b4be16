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

    /// Plain values are staged and appended at once; a filled value takes the piecewise path.
    /// Both write the same text.
    @Test func filledValuesFillAsPlainOnes() {
        let template = MessageTemplate(LocalizedText(zh: "“{field}”：{text}。", en: "{text} in {field}"), names: ["field", "text"])
        let filled = LocalizedText(zh: "值{x}", en: "value {x}").filling(["x": "😀"])
        let plain = LocalizedText(zh: "值😀", en: "value 😀")
        let field = LocalizedText(zh: "处理情况", en: "handling")
        #expect(template.filling([field, filled]) == template.filling([field, plain]))
        #expect(template.filling([field, plain]) == LocalizedText(zh: "“处理情况”：值😀。", en: "value 😀 in handling"))
    }

    @Test func writesUTF8() {
        for text in ["", "ascii", "处理情况😀", String(repeating: "长", count: 40)] {
            var out = [UInt8](repeating: 0, count: text.utf8.count + 1)
            let count = out.withUnsafeMutableBufferPointer { LocalizedText.write(text, to: $0.baseAddress!) }
            #expect(count == text.utf8.count)
            #expect(Array(out.prefix(count)) == Array(text.utf8))
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

    @Test func aLaterFillScansTheEarlierOnesResult() {
        let text = LocalizedText(zh: "{a}{b}", en: "{b}").filling(["a": "{b}"]).filling(["b": "x"])
        #expect(text == LocalizedText(zh: "xx", en: "x"))
        #expect(text.zh == "xx" && text.en == "x")
    }

    @Test func filledValuesAreFilledInTheirOwnLanguage() {
        let unit = LocalizedText(zh: "{n} 字", en: "{n} characters").filling(["n": "3"])
        let text = LocalizedText(zh: "共 {unit}", en: "{unit} in all").filling(["unit": unit])
        #expect(text == LocalizedText(zh: "共 3 字", en: "3 characters in all"))
        let template = MessageTemplate(LocalizedText(zh: "「{x}」", en: "'{x}'"), names: ["x"]).filling([text])
        #expect(template.text(.zh) == "「共 3 字」" && template.text(.en) == "'3 characters in all'")
    }

    @Test func appendWritesTheTextOfOneLanguage() {
        let plain = LocalizedText(zh: "无", en: "none")
        let filled = LocalizedText(zh: "{field}：{text}", en: "{text} in {field}").filling(["field": "处理情况", "text": "已处理"])
        for text in [plain, filled] {
            for language in Language.allCases {
                var bytes: [UInt8] = [0x41]
                text.append(language, to: &bytes)
                #expect(bytes == [0x41] + Array(text.text(language).utf8))
            }
        }
    }

    @Test func settingOneLanguageKeepsTheOther() {
        var text = LocalizedText(zh: "{field}", en: "[{field}]").filling(["field": "x"])
        text.zh = "改"
        #expect(text == LocalizedText(zh: "改", en: "[x]"))
        #expect(text.hashValue == LocalizedText(zh: "改", en: "[x]").hashValue)
    }

    @Test func literalTablesFillAsDictionariesDo() {
        let text = LocalizedText(zh: "{field}{名称}{caf\u{E9}}{x}", en: "{text} {field}")
        let pairs: KeyValuePairs<String, String> = ["field": "甲", "名称": "{text}", "cafe\u{301}": "é", "text": ""]
        let table = Dictionary(uniqueKeysWithValues: pairs.map { ($0.key, $0.value) })
        #expect(text.filling(pairs) == text.filling(table))
        #expect(text.filling(pairs) == LocalizedText(zh: "甲{text}é{x}", en: " 甲"))
        let localized: KeyValuePairs<String, LocalizedText> = ["field": LocalizedText(zh: "甲", en: "A"), "text": LocalizedText(zh: "乙", en: "B")]
        let localizedTable = Dictionary(uniqueKeysWithValues: localized.map { ($0.key, $0.value) })
        #expect(text.filling(localized) == text.filling(localizedTable))
        #expect(text.filling(localized) == LocalizedText(zh: "甲{名称}{caf\u{E9}}{x}", en: "B A"))
    }
}
