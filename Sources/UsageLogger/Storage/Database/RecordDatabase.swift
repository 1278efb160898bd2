import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite database of records (`PET_LOG_DB_PATH`): opened for one batch of work and closed after, like the
/// JSONL logs, so nothing holds it between records. The file and its `-wal`/`-shm` companions are 0600 and never
/// reached through a symbolic link or a second name; its directory is made 0700 when missing. Write-ahead logging
/// lets readers go on while one process writes; writers queue on SQLite's lock, for at most the busy timeout.
public final class RecordDatabase {
    public let path: String
    private let connection: SQLiteConnection
    private var inserts: [String: SQLiteStatement] = [:]
    private var insertSample: SQLiteStatement?

    /// How long a writer waits for another by default: the companion, `once` and `import` can afford it.
    public static let defaultBusyTimeoutMs = 5000

    /// Opens the database at `path` for writing, creating it (and a missing directory) when needed, and brings its
    /// tables to the current version. `quick`: a writer that must not wait (the statusline, the hooks) leaves the
    /// checkpoint of the write-ahead log, and its disk syncs, to the next patient writer.
    public init(path: String, busyTimeoutMs: Int = defaultBusyTimeoutMs, quick: Bool = false) throws(DatabaseError) {
        self.path = path
        try Self.prepareFile(path)
        connection = try SQLiteConnection(path: path, busyTimeoutMs: busyTimeoutMs)
        if quick { connection.skipCheckpointOnClose() }
        try Self.configure(connection)
    }

    /// Opens an existing database for reading (`report`, `export`): `.missing` when there is none.
    public init(readingAt path: String) throws(DatabaseError) {
        self.path = path
        switch FileSystem.kind(of: path) {
        case .missing: throw .missing(path: path)
        case .regular: break
        case .symbolicLink: throw .refused(path: path, reason: "it is a symbolic link")
        case .directory: throw .refused(path: path, reason: "it is a directory, not a database file")
        case .other: throw .refused(path: path, reason: "it is a special file")
        }
        connection = try SQLiteConnection(path: path, busyTimeoutMs: Self.defaultBusyTimeoutMs)
        try Self.configure(connection)
    }

    /// The schema version the file has now (`PRAGMA user_version`).
    public var schemaVersion: Int {
        get throws(DatabaseError) { Int(try connection.integer("PRAGMA user_version")) }
    }

    /// Adds `records` (each with the exact line the JSONL log holds) to `log`'s table in one transaction, as
    /// records written now. `counted` (the database is the only store): a line identical to one of the same time
    /// already there is another record, its occurrence counting up. Not counted (`hybrid`, where the log is the
    /// record): identical lines are told apart within this batch only, so a catch-up that read the line from the
    /// log first makes this a no-op instead of a second row; a true repeat in another append is added by the next
    /// catch-up, which counts lines in the log. Returns how many were added and how many had no time.
    @discardableResult
    public func insert(_ records: [(line: String, value: JSONValue)], into log: LogName, counted: Bool = true)
        throws(DatabaseError) -> (added: Int, skipped: Int)
    {
        let rows = records.map { DatabaseRow(log: log, record: $0.value, line: $0.line) }
        var counter = OccurrenceCounter()
        let numbered = rows.compactMap { row in
            row.map { ($0, counted ? nil : Optional(counter.next(time: $0.time, hash: $0.hash))) }
        }
        let added = try insert(numbered, into: log)
        return (added, rows.count { $0 == nil })
    }

    /// Adds `rows` to `log`'s table in one transaction. An occurrence given (an import, which counts identical
    /// lines of the same time in the log itself) makes a row already there a no-op; nil counts it as a new record.
    /// Returns how many rows were added.
    func insert(_ rows: [(row: DatabaseRow, occurrence: Int?)], into log: LogName) throws(DatabaseError) -> Int {
        try connection.writeTransaction { () throws(DatabaseError) -> Int in
            var added = 0
            for (row, occurrence) in rows {
                let insert = try statement(for: log, counted: occurrence == nil)
                try insert.run(row.values(occurrence: occurrence))
                guard insert.changes == 1 else { continue }
                added += 1
                guard !row.samples.isEmpty else { continue }
                let probe = connection.lastInsertedRow
                let sampleInsert = try sampleStatement()
                for sample in row.samples {
                    try sampleInsert.run([
                        .integer(probe), .real(row.time), .text(row.timestamp), .text(sample.window),
                        sample.usedPercent.map(SQLiteValue.real), sample.resetsAt.map(SQLiteValue.text),
                    ])
                }
            }
            return added
        }
    }

    /// Rows in `log`'s table.
    public func count(_ log: LogName) throws(DatabaseError) -> Int {
        Int(try connection.integer("SELECT count(*) FROM \(DatabaseSchema.table(of: log))"))
    }

    /// The time of the newest record of `log` (for `sessions`, the newest end), in seconds since 1970; nil when
    /// there is none.
    public func lastRecordTime(of log: LogName) throws(DatabaseError) -> Double? {
        let statement = try connection.prepare("SELECT max(time) FROM \(DatabaseSchema.table(of: log))")
        defer { statement.reset() }
        guard try statement.step(), !statement.isNull(0) else { return nil }
        return statement.real(0)
    }

    /// A query over `log`'s records in `since..<until`, oldest first (ties in the order they were added).
    func records(of log: LogName, since: Double?, until: Double?) throws(DatabaseError) -> SQLiteStatement {
        let statement = try connection.prepare(
            "SELECT time, record FROM \(DatabaseSchema.table(of: log)) WHERE time >= ?1 AND time < ?2 ORDER BY time, id"
        )
        try statement.bind([.real(since ?? -.greatestFiniteMagnitude), .real(until ?? .greatestFiniteMagnitude)])
        return statement
    }

    /// A value of the `meta` table, or nil.
    func meta(_ key: String) throws(DatabaseError) -> String? {
        let statement = try connection.prepare("SELECT value FROM meta WHERE key = ?1")
        defer { statement.reset() }
        try statement.bind([.text(key)])
        guard try statement.step() else { return nil }
        return statement.text(0)
    }

    func setMeta(_ key: String, _ value: String) throws(DatabaseError) {
        try connection.writeTransaction { () throws(DatabaseError) in
            try connection.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)").run([
                .text(key), .text(value),
            ])
        }
    }

    /// Runs `sql` on the database (tests, and people with their own clean-ups).
    func execute(_ sql: String) throws(DatabaseError) {
        try connection.execute(sql, operation: "run \(sql.prefix(40))")
    }

    /// SQLite's own check of the file (`PRAGMA quick_check`): "ok", or what is damaged.
    public func quickCheck() throws(DatabaseError) -> String {
        let statement = try connection.prepare("PRAGMA quick_check")
        defer { statement.reset() }
        guard try statement.step() else { return "ok" }
        return statement.text(0) ?? "ok"
    }

    private func statement(for log: LogName, counted: Bool) throws(DatabaseError) -> SQLiteStatement {
        let key = "\(log.rawValue) \(counted)"
        if let prepared = inserts[key] { return prepared }
        let prepared = try connection.prepare(DatabaseRow.insertSQL(log, counted: counted))
        inserts[key] = prepared
        return prepared
    }

    private func sampleStatement() throws(DatabaseError) -> SQLiteStatement {
        if let insertSample { return insertSample }
        let prepared = try connection.prepare(DatabaseRow.insertSampleSQL)
        insertSample = prepared
        return prepared
    }

    /// Write-ahead logging (readers never wait for the writer), foreign keys, then the current tables.
    private static func configure(_ connection: SQLiteConnection) throws(DatabaseError) {
        try switchToWriteAheadLog(connection)
        try connection.execute("PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", operation: "set its options")
        try DatabaseSchema.migrate(connection)
    }

    /// `PRAGMA journal_mode = WAL`, tried again while another process holds the lock, up to the busy timeout. A new
    /// database starts in rollback mode, and switching it takes the write lock while holding a read lock: SQLite
    /// answers SQLITE_BUSY at once then, without waiting in the busy handler (two such processes would deadlock), so
    /// of several processes creating the database at once all but one failed ("locked for 5000 ms" without waiting).
    private static func switchToWriteAheadLog(_ connection: SQLiteConnection) throws(DatabaseError) {
        let deadline = MonotonicClock.nowMilliseconds() + Int64(connection.busyTimeoutMs)
        while true {
            do {
                let mode = try connection.prepare("PRAGMA journal_mode = WAL")
                defer { mode.reset() }
                _ = try mode.step()
                return
            } catch .locked where MonotonicClock.nowMilliseconds() < deadline {
                usleep(2_000)
            }
        }
    }

    /// Makes sure what SQLite will open is our own regular file with mode 0600, its directory exists (0700 when
    /// made), and no `-wal`/`-shm`/`-journal` beside it is a link: SQLite gives those the database's mode.
    static func prepareFile(_ path: String) throws(DatabaseError) {
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty, FileSystem.kind(of: directory) == .missing {
            do { try FileSystem.createDirectory(directory, mode: 0o700) } catch {
                throw .readOnly(path: path, reason: "its directory cannot be created (\(error))")
            }
        }
        for companion in ["", "-wal", "-shm", "-journal"] {
            if let reason = FileSystem.refusal(at: path + companion) {
                throw .refused(path: path + companion, reason: reason)
            }
        }
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else {
            if errno == ELOOP { throw .refused(path: path, reason: "it is a symbolic link") }
            throw .readOnly(path: path, reason: String(cString: strerror(errno)))
        }
        defer { SystemCall.closeQuietly(descriptor) }
        var info = stat()
        if fstat(descriptor, &info) == 0, info.st_mode & 0o777 != 0o600 {
            guard fchmod(descriptor, 0o600) == 0 else {
                throw .readOnly(path: path, reason: "its permissions cannot be set to 0600")
            }
        }
        for companion in ["-wal", "-shm"] where FileSystem.kind(of: path + companion) == .regular {
            chmod(path + companion, 0o600)
        }
    }
}
