/// Kind `attachment-size`: an attachment larger than `maxBytes`.
struct AttachmentSizeRule: SinkRule {
    let metadata: RuleMetadata
    let maxBytes: Int64
    /// The rule's message, with placeholders `field`, `text`, `size` and `max`.
    let message: MessageTemplate

    init(metadata: RuleMetadata, options: RuleOptions) throws {
        self.metadata = metadata
        guard let text = try options.string("max"), let bytes = SizeParser.bytes(text), bytes > 0 else {
            throw options.error("max", "应为大小，如 5MB", "expected a size such as 5MB")
        }
        maxBytes = bytes
        message = MessageTemplate(metadata.message, names: ["field", "text", "size", "max"])
    }

    func check(_ reply: Reply, context: RuleContext, into sink: inout FindingSink) {
        for attachment in reply.attachments {
            guard let size = attachment.size, size > maxBytes else { continue }
            let values = [reply.name(of: .attachments), attachment.name, Self.describe(size), Self.describe(maxBytes)]
            sink.append(Finding(field: .attachments, location: attachment.sizeLocation ?? attachment.nameLocation,
                                message: message.filling(values.map { LocalizedText(zh: $0, en: $0) })))
        }
    }

    /// A byte count as people write it (`8.0 MB`, `300 KB`).
    static func describe(_ bytes: Int64) -> String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        if unit == 0 { return "\(bytes) B" }
        let rounded = (value * 10).rounded() / 10
        return "\(rounded) \(units[unit])"
    }
}
