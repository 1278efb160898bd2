/// What reading the logs came to, beside the samples: how much was read, and how much had to be skipped.
public struct ReadSummary: Sendable, Equatable {
    /// Lines read in the range (before `--since`/`--until` lines are not counted).
    public var linesRead = 0
    /// Torn or invalid lines: not JSON, no timestamp, not a record of the log's kind.
    public var skippedLines = 0
    /// Files opened (rotated ones included).
    public var files = 0

    public init(linesRead: Int = 0, skippedLines: Int = 0, files: Int = 0) {
        self.linesRead = linesRead
        self.skippedLines = skippedLines
        self.files = files
    }
}
