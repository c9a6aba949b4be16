import ReplyLintCore

/// A reader of one input format: streams records and failures from a byte source.
public protocol RecordReader {
    /// Reads everything, handing each record or failure to `handler` in file order.
    func read(from source: ByteSource, _ handler: (ReaderEvent) -> Void)
}

/// The input formats (SPEC §2).
public enum InputFormat: String, Sendable, CaseIterable {
    case json, jsonl, csv, xml

    /// The format a file name's extension implies, if any.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") { self = .json }
        else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") { self = .jsonl }
        else if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { self = .csv }
        else if lower.hasSuffix(".xml") { self = .xml }
        else { return nil }
    }
}
