/// The one way records reach the logs: every record passes the privacy options (`RecordPrivacy`:
/// `PET_ANONYMIZE_EMAIL`, `PET_EXCLUDE_CWD`) and is then appended by the log writer. Probes, the statusline,
/// `append`, the companion and diagnostics all write here, so none can forget them; a new record kind or store
/// plugs in here, never beside it.
public struct RecordSink: Sendable {
    public let writer: LogWriter
    public let privacy: RecordPrivacy

    public init(writer: LogWriter, privacy: RecordPrivacy) {
        self.writer = writer
        self.privacy = privacy
    }

    /// The sink for `directory` with the configured rotation, free-space marks and privacy options.
    public init(directory: String, configuration: Configuration) {
        self.init(
            writer: LogWriter(directory: directory, configuration: configuration),
            privacy: RecordPrivacy(configuration: configuration))
    }

    public func path(of log: LogName) -> String { writer.path(of: log) }

    /// Appends `records` to `log`, one line each, all or none; `lockWaitMs` bounds the wait for the log's lock
    /// (see `LogWriter.append`).
    @discardableResult
    public func append(_ records: [JSONValue], to log: LogName, lockWaitMs: Int? = nil) throws(LogWriteError)
        -> LogWriter.Report
    {
        try writer.append(records.map { privacy.apply($0).serialized() }, to: log, lockWaitMs: lockWaitMs)
    }
}
