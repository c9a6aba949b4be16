/// A `{name}` placeholder found in a message template (UTF-8 offsets of the whole placeholder,
/// end exclusive) and what replaces it.
struct TemplateReplacement<Value: Sendable>: Sendable {
    /// Offset of the `{`.
    var start: Int
    /// Offset just past the `}`.
    var end: Int
    /// The replacing value (or what identifies it).
    var value: Value

    /// The placeholders of `template` that `lookup` knows, in order: one pass over the bytes, and
    /// a `{` inside braces restarts the placeholder there (`{{field}` keeps the first `{`).
    static func find(in template: UnsafeBufferPointer<UInt8>,
                     _ lookup: (UnsafeBufferPointer<UInt8>) -> Value?) -> [TemplateReplacement] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        guard var cursor = template.firstIndex(of: open) else { return [] }
        var found: [TemplateReplacement] = []
        while cursor < template.count {
            guard let start = template[cursor...].firstIndex(of: open),
                  let end = template[(start + 1)...].firstIndex(where: { $0 == close || $0 == open }) else { break }
            if template[end] == open { cursor = end; continue }
            if let value = lookup(UnsafeBufferPointer(rebasing: template[(start + 1)..<end])) {
                if found.isEmpty { found.reserveCapacity(8) }
                found.append(TemplateReplacement(start: start, end: end + 1, value: value))
            }
            cursor = end + 1
        }
        return found
    }
}

extension TemplateReplacement where Value == String {
    /// `template` with `replacements` (ascending, non-overlapping) applied: copied once into a
    /// buffer of the exact length (on the stack when small) and decoded once. Growing a byte
    /// array cost more than finding the placeholders, and `String(unsafeUninitializedCapacity:)`
    /// measured slower than decoding a finished buffer.
    static func apply(_ replacements: [TemplateReplacement], to template: UnsafeBufferPointer<UInt8>) -> String {
        var length = template.count
        for replacement in replacements {
            length += replacement.value.utf8.count - (replacement.end - replacement.start)
        }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(length, 1)) { output in
            var written = 0
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
                (output.baseAddress! + written).initialize(from: source, count: bytes.count)
                written += bytes.count
            }
            var copied = 0
            for replacement in replacements {
                copy(UnsafeBufferPointer(rebasing: template[copied..<replacement.start]))
                var value = replacement.value
                value.withUTF8 { copy($0) }
                copied = replacement.end
            }
            copy(UnsafeBufferPointer(rebasing: template[copied...]))
            return String(decoding: UnsafeBufferPointer(rebasing: output[..<written]), as: UTF8.self)
        }
    }
}
