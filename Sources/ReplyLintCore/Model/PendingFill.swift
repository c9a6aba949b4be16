import Foundation

/// The values a `LocalizedText` is filled with when one of its languages is read: a class, so
/// that a finding's message is one reference however many values it has, and immutable, so that
/// the thread that writes the report may fill what a worker found.
final class PendingFill: Sendable {
    /// Where the values come from.
    enum Values: Sendable {
        /// By placeholder name, the same text in both languages.
        case same([String: String])
        /// By placeholder name, a text per language.
        case localized([String: LocalizedText])
        /// A `MessageTemplate`'s placeholders (found once) and their values by index; applies to
        /// that template's own text only.
        case positional(zh: [TemplateReplacement<Int>], en: [TemplateReplacement<Int>], values: [LocalizedText])
    }

    let values: Values
    /// The fill applied before this one: this one then scans its result.
    let earlier: PendingFill?

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
        } else {
            var template = template
            template.withUTF8 { fill($0, language, to: &bytes) }
        }
    }

    private func fill(_ template: UnsafeBufferPointer<UInt8>, _ language: Language, to bytes: inout [UInt8]) {
        switch values {
        case .same(let table):
            TemplateReplacement<Void>.fill(template, into: &bytes) { name, bytes in
                guard var value = Self.value(named: name, in: table) else { return false }
                value.withUTF8 { bytes.append(contentsOf: $0) }
                return true
            }
        case .localized(let table):
            TemplateReplacement<Void>.fill(template, into: &bytes) { name, bytes in
                guard let value = Self.value(named: name, in: table) else { return false }
                value.append(language, to: &bytes)
                return true
            }
        case let .positional(zh, en, values):
            TemplateReplacement.append(language == .zh ? zh : en, of: template, to: &bytes) { index, bytes in
                values[index].append(language, to: &bytes)
            }
        }
    }

    /// The value for placeholder `name` (UTF-8). A scan rather than a lookup: the tables hold a
    /// handful of entries, and making a `String` of the name and hashing it cost more than
    /// comparing bytes; keys of another length are skipped without touching their bytes.
    /// Byte-equal means equal; a non-ASCII name that matches no key byte for byte is looked up as a
    /// string too, so canonically equivalent spellings still match.
    @inline(__always)
    private static func value<Value>(named name: UnsafeBufferPointer<UInt8>, in values: [String: Value]) -> Value? {
        for (key, value) in values where key.utf8.count == name.count {
            var key = key
            if name.isEmpty || key.withUTF8({ memcmp($0.baseAddress!, name.baseAddress!, name.count) == 0 }) { return value }
        }
        guard name.contains(where: { $0 >= 0x80 }) else { return nil }
        return values[String(decoding: name, as: UTF8.self)]
    }
}
