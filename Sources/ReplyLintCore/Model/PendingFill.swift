import Foundation

/// The values a `LocalizedText` is filled with when one of its languages is read: a class, so
/// that a finding's message is one reference however many values it has, and immutable, so that
/// the thread that writes the report may fill what a worker found.
@usableFromInline
final class PendingFill: Sendable {
    /// Where the values come from.
    enum Values: Sendable {
        /// By placeholder name, the same text in both languages.
        case same(KeyValuePairs<String, String>)
        /// By placeholder name, a text per language.
        case localized(KeyValuePairs<String, LocalizedText>)
        /// `same` from a dictionary.
        case sameTable([String: String])
        /// `localized` from a dictionary.
        case localizedTable([String: LocalizedText])
        /// A `MessageTemplate`'s placeholders (found once) and their values by index; applies to
        /// that template's own text only.
        case positional(zh: [TemplateReplacement<Int>], en: [TemplateReplacement<Int>], values: [LocalizedText])
    }

    /// This fill's values.
    let values: Values
    /// The fill applied before this one: this one then scans its result.
    let earlier: PendingFill?

    /// A fill with `values`, applied after `earlier` (if any).
    init(_ values: Values, after earlier: PendingFill?) {
        self.values = values
        self.earlier = earlier
    }

    /// Appends `template` in `language` with this fill (and those before it) applied.
    func append(_ template: String, _ language: Language, to bytes: inout [UInt8]) {
        if let earlier {
            // Rare (a rule filling in two steps): the first step's text is needed whole to scan it.
            var first: [UInt8] = []
            earlier.append(template, language, to: &first)
            first.withUnsafeBufferPointer { fill($0, language, to: &bytes) }
        } else if template.utf8.withContiguousStorageIfAvailable({ fill($0, language, to: &bytes) }) == nil {
            var template = template
            template.withUTF8 { fill($0, language, to: &bytes) }
        }
    }

    private func fill(_ template: UnsafeBufferPointer<UInt8>, _ language: Language, to bytes: inout [UInt8]) {
        switch values {
        case .same(let table):
            Self.fill(template, from: table, into: &bytes) { LocalizedText.append($0, to: &$1) }
        case .localized(let table):
            Self.fill(template, from: table, into: &bytes) { $0.append(language, to: &$1) }
        case .sameTable(let table):
            Self.fill(template, from: table, into: &bytes) { LocalizedText.append($0, to: &$1) }
        case .localizedTable(let table):
            Self.fill(template, from: table, into: &bytes) { $0.append(language, to: &$1) }
        case let .positional(zh, en, values):
            // Values are read through the buffer: indexing the array copied each one (two strings
            // and a fill retained and released, 400 instructions a value).
            values.withUnsafeBufferPointer { values in
                if let valueBytes = Self.plainBytes(of: values, at: language == .zh ? zh : en, language) {
                    TemplateReplacement.append(language == .zh ? zh : en, of: template, valueBytes: valueBytes, to: &bytes) {
                        LocalizedText.write(language == .zh ? values[$0].zhSource : values[$0].enSource, to: $1)
                    }
                } else if language == .zh {
                    TemplateReplacement.append(zh, of: template, to: &bytes) { values[$0].append(language, to: &$1) }
                } else {
                    TemplateReplacement.append(en, of: template, to: &bytes) { values[$0].append(language, to: &$1) }
                }
            }
        }
    }

    /// Appends `template` with each `{name}` found in `table` replaced by its value, which
    /// `appendValue` writes (pairs or a dictionary, plain or localized values: one loop for all).
    @inline(__always)
    private static func fill<Table: Collection, Value>(_ template: UnsafeBufferPointer<UInt8>, from table: Table, into bytes: inout [UInt8],
                                                       _ appendValue: (Value, inout [UInt8]) -> Void)
    where Table.Element == (key: String, value: Value) {
        TemplateReplacement<Void>.fill(template, into: &bytes) { name, bytes in
            guard let index = index(named: name, in: table) else { return false }
            appendValue(table[index].value, &bytes)
            return true
        }
    }

    /// The UTF-8 length in `language` of the values `placeholders` take, when every one is a plain
    /// text (a filled value's length is only known once filled); `nil` otherwise.
    private static func plainBytes(of values: UnsafeBufferPointer<LocalizedText>, at placeholders: [TemplateReplacement<Int>],
                                   _ language: Language) -> Int? {
        var total = 0
        for placeholder in placeholders {
            guard values[placeholder.value].pending == nil else { return nil }
            total += (language == .zh ? values[placeholder.value].zhSource : values[placeholder.value].enSource).utf8.count
        }
        return total
    }

    /// Where placeholder `name` (UTF-8) is in `table`. A scan rather than a lookup: the tables
    /// hold a handful of entries, and making a `String` of the name and hashing it cost more
    /// than comparing bytes; keys of another length are skipped without touching their bytes.
    /// Byte-equal means equal; a non-ASCII name that matches no key byte for byte is compared as
    /// a string too, so canonically equivalent spellings still match (as a dictionary would).
    @inline(__always)
    private static func index<Table: Collection, Value>(named name: UnsafeBufferPointer<UInt8>, in table: Table) -> Table.Index?
    where Table.Element == (key: String, value: Value) {
        var index = table.startIndex
        while index != table.endIndex {
            let key = table[index].key
            if key.utf8.count == name.count,
               name.isEmpty || key.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 })
                ?? key.utf8.elementsEqual(name) {
                return index
            }
            table.formIndex(after: &index)
        }
        guard name.contains(where: { $0 >= 0x80 }) else { return nil }
        let string = String(decoding: name, as: UTF8.self)
        return table.firstIndex { $0.key == string }
    }
}
