/// Reads the logs of one or more directories, rotated files included, as samples in time order, streaming: memory
/// stays the same however long the history. Torn or invalid lines are skipped and counted.
public struct ReportLogReader: Sendable {
    public var sources: [LogSource]
    public var logs: Set<LogName>
    public var since: Double?
    public var until: Double?

    public init(
        sources: [LogSource], logs: Set<LogName> = Set(LogName.allCases), since: Double? = nil, until: Double? = nil
    ) {
        self.sources = sources
        self.logs = logs
        self.since = since
        self.until = until
    }

    /// Calls `body` with every sample in `since..<until`, in time order across every file and directory.
    public func read(_ body: (ReportSample) -> Void) throws(ReportReadError) -> ReadSummary {
        ReadSummary()  // CONTRACT STUB: implemented by the reader helper
    }
}
