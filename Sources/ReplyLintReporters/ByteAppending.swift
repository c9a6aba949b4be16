extension Array where Element == UInt8 {
    /// Appends `text`'s UTF-8 through `withUTF8`: appending the `utf8` view went element by
    /// element, about 200 instructions a call.
    mutating func append(utf8 text: String) {
        var text = text
        text.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends ASCII (or any UTF-8) text known at compile time.
    mutating func append(ascii text: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends `number` in decimal, as `String(number)` writes it, without making the string.
    mutating func append(decimal number: Int) {
        guard number >= 0 else { return append(utf8: String(number)) }
        var divisor = 1
        while number / divisor >= 10 { divisor *= 10 }
        while divisor > 0 {
            append(UInt8(ascii: "0") + UInt8(number / divisor % 10))
            divisor /= 10
        }
    }
}
