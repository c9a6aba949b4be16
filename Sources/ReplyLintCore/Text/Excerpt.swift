extension String {
    /// The trimmed text, cut to `limit` characters with "…" when longer: messages about a whole
    /// field quote its start without repeating a 128-character reply.
    public func excerpt(_ limit: Int = 20) -> String {
        let trimmed = trimmingWhitespace()
        guard trimmed.count > limit else { return trimmed }
        return String(trimmed.prefix(limit)) + "…"
    }
}
