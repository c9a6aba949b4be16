/// The member names an object reader has met, kept as the bytes they were written as (`"name"`,
/// with the `:` when it followed at once), so that the next object's names are recognised by one
/// compare against the input instead of a scan, a UTF-8 check and a new `String` each: the
/// records of an export repeat the same names in nearly the same order. Profiled on 10k JSON
/// Lines records, a name cost about 290 instructions through the general string path.
///
/// A name is tried first where it followed the previous member's name the last two times (a
/// record type that has extra fields alternates between two successors), then against every
/// name remembered. Any pattern that matches gives its own text, so a wrong guess costs time,
/// never a wrong name. At most `capacity` names are kept, so input with ever-new names neither
/// grows the cache nor makes a miss try more than that many patterns; a name longer than
/// `NamePattern.capacity` is not kept.
///
/// The texts live apart from the patterns and links, so a lookup copies no entry holding a
/// `String` (an outlined copy with a retain and release per name).
struct MemberNameCache {
    private struct Pattern {
        var name: NamePattern
        /// True when the pattern ends with the `:`.
        var withColon: Bool
        /// The patterns that came after this one, the latest first (-1 for none yet).
        var next = -1
        var previousNext = -1
    }

    private var patterns: [Pattern] = []
    private var texts: [String] = []
    /// The successors of an object's start, as `Pattern.next`/`previousNext` are for a name.
    private var firstNext = -1
    private var firstPreviousNext = -1
    /// The pattern of the current object's previous member, -1 at the object's start.
    private var last = -1
    /// Most names kept.
    static let capacity = 64

    /// Starts an object: its first name is guessed from the first names of objects before.
    mutating func startObject() {
        last = -1
    }

    /// Consumes the next member name from `source` (from its opening quote, and its `:` when
    /// `withColon`) if it is a remembered one, and returns its text.
    mutating func match(in source: ByteSource) -> (text: String, withColon: Bool)? {
        let guess = last < 0 ? firstNext : patterns[last].next
        if guess >= 0, consume(guess, from: source) { return found(guess) }
        let other = last < 0 ? firstPreviousNext : patterns[last].previousNext
        if other >= 0, other != guess, consume(other, from: source) { return found(other) }
        for candidate in patterns.indices where candidate != guess && candidate != other {
            if consume(candidate, from: source) { return found(candidate) }
        }
        return nil
    }

    /// Remembers `text`, a name just read from the input without escapes (so its bytes are the
    /// text's UTF-8), followed at once by a `:` when `withColon`. A name met again where its
    /// pattern could not match (it crossed the end of a buffered chunk) is only linked, not
    /// added twice.
    mutating func learn(_ text: String, withColon: Bool) {
        for known in patterns.indices where patterns[known].withColon == withColon && texts[known] == text {
            link(to: known)
            return
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(NamePattern.capacity)
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: text.utf8)
        bytes.append(UInt8(ascii: "\""))
        if withColon { bytes.append(UInt8(ascii: ":")) }
        guard patterns.count < Self.capacity,
              let name = NamePattern(bytes, columns: text.unicodeScalars.count + (withColon ? 3 : 2)) else {
            last = -1
            return
        }
        patterns.append(Pattern(name: name, withColon: withColon))
        texts.append(text)
        link(to: patterns.count - 1)
    }

    @inline(__always)
    private func consume(_ pattern: Int, from source: ByteSource) -> Bool {
        source.consume(ifNext: patterns[pattern].name)
    }

    @inline(__always)
    private mutating func found(_ pattern: Int) -> (text: String, withColon: Bool) {
        link(to: pattern)
        return (texts[pattern], patterns[pattern].withColon)
    }

    /// Records `pattern` as the successor of the previous member (or of the object's start).
    @inline(__always)
    private mutating func link(to pattern: Int) {
        if last < 0 {
            if firstNext != pattern { firstPreviousNext = firstNext; firstNext = pattern }
        } else if patterns[last].next != pattern {
            patterns[last].previousNext = patterns[last].next
            patterns[last].next = pattern
        }
        last = pattern
    }
}
