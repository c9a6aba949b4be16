/// What splitting any format into chunks shares: the encoding a file's start commits the
/// decoder to, and its UTF-8 check at the first non-ASCII byte.
public enum RecordChunks {
    /// How many bytes from the first non-ASCII byte on the decoder looks at to tell UTF-8.
    public static var sniffWindow: Int { TextDecoder.sniffWindow }

    /// For a file starting with `bytes` read with `forced` (`nil` or UTF-8): the length of a
    /// UTF-8 byte-order mark, and whether the encoding is surely UTF-8 already; `nil` when the
    /// decoder may read it as anything but UTF-8 (another byte-order mark, UTF-16 by its NUL
    /// bytes, an XML declaration of another encoding). `xmlProlog` as for the decoder.
    static func utf8Start(_ bytes: [UInt8], forced: TextEncoding?, xmlProlog: Bool) -> (headStart: Int, known: Bool)? {
        guard forced == nil || forced == .utf8 else { return nil }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { return (3, true) }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        if forced == .utf8 { return (0, true) }
        if bytes.count >= 2 && (bytes[0] == 0) != (bytes[1] == 0) { return nil }
        if xmlProlog, let declared = TextDecoder.declaredEncoding(bytes) {
            return TextEncoding(name: declared) == .utf8 ? (0, true) : nil
        }
        return (0, false)
    }

    /// Whether the decoder, finding its first non-ASCII byte at `start` in `bytes` (the file
    /// from its head on) with no encoding known, surely reads the file as UTF-8. `bytes` must
    /// hold the decoder's whole sniffing window after `start`, or reach the end of the file;
    /// where the window ends with `bytes`, both of the decoder's readings of a cut-off last
    /// sequence must agree (it may or may not know that the file ends there).
    public static func sniffsUTF8(_ bytes: [UInt8], at start: Int) -> Bool {
        let end = min(bytes.count, start + TextDecoder.sniffWindow)
        let window = bytes[start..<end]
        guard TextDecoder.isValidUTF8(window, allowTruncatedEnd: true) else { return false }
        return end < bytes.count || TextDecoder.isValidUTF8(window, allowTruncatedEnd: false)
    }
}
