/// A record as a reader hands it over: fields by their names in the file, before any mapping.
public struct RawRecord: Sendable {
    /// 0-based index of the record in its file.
    public var index: Int
    /// Position where the record starts in the file.
    public var start: SourcePosition
    /// Fields in file order, by the name the file gives them.
    public var fields: [RawField]

    /// Creates a raw record.
    public init(index: Int, start: SourcePosition, fields: [RawField] = []) {
        self.index = index
        self.start = start
        self.fields = fields
    }
}

/// A problem a reader met: the input cannot be read at `position`.
public struct ParseFailure: Error, Sendable, Hashable {
    /// Where the input stops making sense.
    public var position: SourcePosition
    /// What is wrong, in Chinese and English.
    public var message: LocalizedText
    /// The record the failure belongs to, when it is known.
    public var recordIndex: Int?

    /// Creates a failure.
    public init(position: SourcePosition, message: LocalizedText, recordIndex: Int? = nil) {
        self.position = position
        self.message = message
        self.recordIndex = recordIndex
    }
}

/// What a reader yields while streaming a file.
public enum ReaderEvent: Sendable {
    /// A record was read.
    case record(RawRecord)
    /// Part of the input could not be read; reading goes on where it can.
    case failure(ParseFailure)
}
