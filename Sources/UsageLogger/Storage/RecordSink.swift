import Foundation

/// The one way records reach storage: every record passes the privacy options (`RecordPrivacy`:
/// `PET_ANONYMIZE_EMAIL`, `PET_EXCLUDE_CWD`) and is then stored as `PET_LOG_STORAGE_TYPE` says: appended to the
/// JSONL log (`jsonl`), added to the SQLite database (`sqlite`), or both, the log first (`hybrid`: the log is the
/// source of truth, and a database failure is said and recorded but never costs the log its record). Probes, the
/// statusline, the hooks, `append`, the companion and diagnostics all write here, so none can forget either.
public struct RecordSink: Sendable {
    public let writer: LogWriter
    public let privacy: RecordPrivacy
    public let storage: Configuration.StorageType
    /// The database file (`PET_LOG_DB_PATH`, else `usage.db` in the log directory); opened only by an append.
    public let databasePath: String

    public init(
        writer: LogWriter, privacy: RecordPrivacy, storage: Configuration.StorageType = .jsonl,
        databasePath: String? = nil
    ) {
        self.writer = writer
        self.privacy = privacy
        self.storage = storage
        self.databasePath = databasePath ?? LogPaths(directory: writer.directory).defaultDatabase
    }

    /// The sink for `directory` with the configured storage, rotation, free-space marks and privacy options.
    public init(directory: String, configuration: Configuration) {
        self.init(
            writer: LogWriter(directory: directory, configuration: configuration),
            privacy: RecordPrivacy(configuration: configuration), storage: configuration.storageType,
            databasePath: configuration.databasePath)
    }

    /// How long a caller with a bounded wait (`lockWaitMs`: the statusline, the hooks) waits for the database: longer
    /// than for a log (an insert of another process takes a few milliseconds), well inside a render.
    static let boundedDatabaseWaitMs = 50

    public func path(of log: LogName) -> String { storage == .sqlite ? databasePath : writer.path(of: log) }

    /// Stores `records` in `log`, all or none; `lockWaitMs` bounds the wait for the log's lock and the database's
    /// (see `LogWriter.append`).
    @discardableResult
    public func append(_ records: [JSONValue], to log: LogName, lockWaitMs: Int? = nil) throws(LogWriteError)
        -> LogWriter.Report
    {
        let values = records.map(privacy.apply)
        let lines = values.map { $0.serialized() }
        var report = LogWriter.Report()
        if storage != .sqlite {
            report = try writer.append(lines, to: log, lockWaitMs: lockWaitMs)
        } else if let available = FileSystem.availableBytes(at: writer.directory),
            available < writer.minimumFreeSpace
        {
            throw .lowSpace(path: databasePath, available: available, minimum: writer.minimumFreeSpace)
        }
        guard storage != .jsonl, !records.isEmpty else { return report }
        let marker = DatabaseFailureMarker(paths: LogPaths(directory: writer.directory))
        do {
            // A caller that must not wait (the statusline, the hooks) waits for the database as briefly.
            let wait = lockWaitMs.map { _ in Self.boundedDatabaseWaitMs } ?? RecordDatabase.defaultBusyTimeoutMs
            let database = try RecordDatabase(path: databasePath, busyTimeoutMs: wait, quick: lockWaitMs != nil)
            try database.insert(Array(zip(lines, values)), into: log, counted: storage == .sqlite)
        } catch {
            guard storage == .hybrid else { throw .database(error) }
            // Busy for a caller that must not wait: not a failure; the next catch-up (`DatabaseCatchUp`) adds it.
            if case .locked = error, lockWaitMs != nil { return report }
            marker.failed(error, writer: writer)
            report.databaseFailure = error
            return report
        }
        return report
    }
}
