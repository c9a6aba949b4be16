import Foundation

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
    /// `memchr` finds each `{`: `firstIndex(of:)` on buffer slices cost 15 instructions a byte.
    static func find(in template: UnsafeBufferPointer<UInt8>,
                     _ lookup: (UnsafeBufferPointer<UInt8>) -> Value?) -> [TemplateReplacement] {
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        guard let base = template.baseAddress else { return [] }
        let count = template.count
        var found: [TemplateReplacement] = []
        var cursor = 0
        while cursor < count, let brace = memchr(base + cursor, Int32(open), count - cursor) {
            let start = base.distance(to: brace.assumingMemoryBound(to: UInt8.self))
            var end = start + 1
            while end < count, base[end] != close, base[end] != open { end += 1 }
            guard end < count else { break }
            if base[end] == open { cursor = end; continue }
            if let value = lookup(UnsafeBufferPointer(start: base + start + 1, count: end - start - 1)) {
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
