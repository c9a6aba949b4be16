extension Unicode.Scalar {
    /// Exactly Unicode's White_Space property, without the property-table lookup that
    /// `properties.isWhitespace` costs (a binary search per call; it showed up as the top entry of
    /// the profile, because field names and values are trimmed and blank-checked per record).
    @inline(__always)
    var isWhiteSpace: Bool {
        let v = value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        switch v {
        case 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }
}
