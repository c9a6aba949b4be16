/// Character classes the rule kinds test on raw scalar values, so that their loops never build a
/// `Character` or `String` per position.
public enum ScalarClass {
    /// True for CJK unified ideographs (basic block, extension A, compatibility and the
    /// supplementary-plane extensions).
    @inline(__always)
    public static func isHan(_ value: UInt32) -> Bool {
        // The basic block inline, the rest out of line: inlined whole, the four ranges compiled
        // to a vector compare of all of them.
        isBasicHan(value) || isOtherHan(value)
    }

    /// True for the basic CJK unified ideographs block (U+4E00–U+9FFF), most scalars of a
    /// reply: one subtraction and compare, a fast first test for scanning loops.
    @inline(__always)
    public static func isBasicHan(_ value: UInt32) -> Bool {
        value &- 0x4E00 < 0x5200
    }

    /// Two scalars at once, for scanning loops (SWAR): `lanes` holds two scalar values as 32-bit
    /// lanes (eight bytes of a `[UInt32]`), and the answer has the top bit of a lane set when that
    /// scalar is basic Han (`isBasicHan`), every other bit clear; `bothLanes` when both are. A
    /// lane plus the bias below tops 2³¹ exactly when the scalar reaches the bound; scalar values
    /// (at most U+10FFFF) never carry into the next lane. (Tried for cutting sentences too, where
    /// Han runs are shorter between marks and digits: 3.5 M instructions more per 10,000 replies.)
    @inline(__always)
    public static func basicHanLanes(_ lanes: UInt64) -> UInt64 {
        let reachesFirst = lanes &+ 0x7FFF_B200_7FFF_B200  // + 2³¹ − 0x4E00 in each lane
        let pastLast = lanes &+ 0x7FFF_6000_7FFF_6000      // + 2³¹ − 0xA000
        return reachesFirst & ~pastLast & bothLanes
    }

    /// The answer of `basicHanLanes` when both lanes are basic Han.
    public static var bothLanes: UInt64 {
        @inline(__always) get { 0x8000_0000_8000_0000 }
    }

    /// `isHan` beyond the basic block.
    @inline(never)
    private static func isOtherHan(_ value: UInt32) -> Bool {
        (0x3400...0x4DBF).contains(value) || (0xF900...0xFAFF).contains(value) || (0x20000...0x3134F).contains(value)
    }

    /// True for ASCII and full-width decimal digits.
    @inline(__always)
    public static func isDigit(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0xFF10...0xFF19).contains(value)
    }

    /// True for white space, including U+3000 and the zero-width characters people paste in.
    @inline(__always)
    public static func isSpace(_ value: UInt32) -> Bool {
        switch value {
        case 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0x85, 0xA0, 0x3000, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF:
            return true
        default:
            return (0x2000...0x200A).contains(value)
        }
    }

    /// True for punctuation marks (Unicode categories P*) and math symbols, ASCII and full-width
    /// alike: neither counts as content when measuring or comparing text.
    @inline(__always)
    public static func isPunctuation(_ value: UInt32) -> Bool {
        if value < 0x80 {
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        // Han ideographs of the basic block (category Lo) are most of a reply: answered inline,
        // the rest out of line.
        return !isBasicHan(value) && isOtherPunctuation(value)
    }

    /// True for scalars that count as content when measuring text: neither space nor punctuation.
    @inline(__always)
    public static func isContent(_ value: UInt32) -> Bool {
        isBasicHan(value) || !(isSpace(value) || isPunctuation(value))
    }

    /// `isPunctuation` for scalars that are neither ASCII nor in the basic Han block.
    @inline(never)
    private static func isOtherPunctuation(_ value: UInt32) -> Bool {
        // The punctuation of Chinese text comes from three blocks; their P* and Sm members as
        // bitmaps, since a `generalCategory` lookup costs about 340 instructions.
        switch value >> 6 {
        case 0x2000 >> 6: return (0xFFFF_00FF_FFFF_0000 as UInt64) >> (value & 63) & 1 != 0
        case 0x2040 >> 6: return (0x7C00_0000_7FFF_FFFF as UInt64) >> (value & 63) & 1 != 0
        case 0x3000 >> 6: return (0x2001_0000_FFF3_FF0E as UInt64) >> (value & 63) & 1 != 0
        case 0xFF00 >> 6: return (0xB800_0001_FC00_FFEE as UInt64) >> (value & 63) & 1 != 0
        case 0xFF40 >> 6: return (0x0000_003F_F800_0000 as UInt64) >> (value & 63) & 1 != 0
        default: break
        }
        // Han ideographs (category Lo) skip the Unicode property lookup.
        guard !isOtherHan(value), let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation, .mathSymbol:
            return true
        default:
            return false
        }
    }

    /// True for marks that end a sentence or a clause: full-width ，。；：？！、 and, outside
    /// numbers, their half-width forms (the caller decides about digits around `.` and `,`).
    @inline(__always)
    public static func isSentencePunctuation(_ value: UInt32) -> Bool {
        switch value {
        case 0xFF0C, 0x3002, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01, 0x3001, 0xFF0E, 0x2026,
             0x2C, 0x2E, 0x3B, 0x3A, 0x3F, 0x21:
            return true
        default:
            return false
        }
    }

    /// True for marks that end a sentence (used to cut text into sentences).
    @inline(__always)
    public static func endsSentence(_ value: UInt32) -> Bool {
        // One test for everything between 。 and ！ — Han among it — before the chain of cases.
        if value > 0x3002, value < 0xFF01 { return false }
        switch value {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0x0A, 0x0D, 0xFF0E:
            return true
        default:
            return false
        }
    }
}
