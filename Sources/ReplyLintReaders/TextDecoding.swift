/// Whole-buffer decoding with the same detection rules the CSV and XML readers use: the reference
/// the tests hold streamed decoding (`TextCursor`, `SourceLineReader`) against.
public enum TextDecoding {
    /// `bytes` as UTF-8 text: byte-order mark dropped, converted from UTF-16 or GB18030 when
    /// detected (or forced with `encoding`); invalid bytes become U+FFFD.
    public static func utf8(_ bytes: [UInt8], encoding: TextEncoding? = nil, xmlProlog: Bool = false) -> [UInt8] {
        let decoder = TextDecoder(source: ByteSource(bytes: bytes), forced: encoding, xmlProlog: xmlProlog)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var chunk: [UInt8] = []
        while decoder.read(into: &chunk) { result += chunk }
        return result
    }
}
