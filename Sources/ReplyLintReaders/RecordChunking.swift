import ReplyLintCore

/// How a format's records are cut out of a file's raw bytes in chunks that workers parse on
/// their own (`BatchPipeline`'s parallel read): where the head ends, where a chunk may be cut,
/// and how a chunk is parsed so that it gives the events reading the whole file gives.
public protocol RecordChunking: Sendable {
    /// Bytes at the start that the decoder drops (a UTF-8 byte-order mark).
    var headStart: Int { get }
    /// Bytes of the head after `headStart` (an XML prolog and root tag, a CSV header row).
    var headLength: Int { get }
    /// What each chunk's records are parsed behind.
    var prefix: [UInt8] { get }
    /// What closes each chunk's records but the last chunk's.
    var suffix: [UInt8] { get }
    /// True when reading the whole file looks past a record's end before handing it over (XML:
    /// libxml2 parses ahead), so that what follows may change it: a chunk is then emitted only
    /// once the next one parsed cleanly.
    var readsAhead: Bool { get }
    /// True when the decoder is sure to read the file as UTF-8; otherwise it decides at the
    /// first non-ASCII byte (see `RecordChunks.sniffsUTF8`).
    var knownUTF8: Bool { get }
    /// The index just after the first place at or after `target` where a chunk whose records
    /// start at `bodyStart` of `bytes` may end, or `nil` when `bytes` has none.
    func cut(_ bytes: [UInt8], bodyStart: Int, target: Int) -> Int?
    /// Parses `document` (`prefix`, records from byte `bodyOffset` on, which start at `start` in
    /// the file, then `suffix` unless it is the last chunk), handing events numbered from 0 to
    /// `handler`; false when they may differ from reading the whole file even without a failure.
    func parse(_ document: [UInt8], bodyOffset: Int, start: SourcePosition, _ handler: (ReaderEvent) -> Void) -> Bool
}
