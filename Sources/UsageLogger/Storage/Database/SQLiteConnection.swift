import CSQLite

/// One connection to an SQLite database: opened without following a symbolic link, closed when released. Every
/// failure becomes a `DatabaseError` naming the path; statements are prepared once and reused by their owner.
final class SQLiteConnection {
    let path: String
    private(set) var handle: OpaquePointer?
    /// How long a writer waits for another's lock before giving up (`busy_timeout`).
    let busyTimeoutMs: Int

    init(path: String, readOnly: Bool = false, busyTimeoutMs: Int) throws(DatabaseError) {
        self.path = path
        self.busyTimeoutMs = busyTimeoutMs
        var flags = SQLITE_OPEN_NOFOLLOW | SQLITE_OPEN_NOMUTEX
        flags |= readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        var opened: OpaquePointer?
        let code = sqlite3_open_v2(path, &opened, flags, nil)
        handle = opened
        guard code == SQLITE_OK else {
            let error = error(code, operation: "open")
            sqlite3_close_v2(opened)
            handle = nil
            throw error
        }
        sqlite3_extended_result_codes(opened, 1)
        sqlite3_busy_timeout(opened, Int32(clamping: busyTimeoutMs))
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs SQL that returns no rows (several statements allowed).
    func execute(_ sql: String, operation: String) throws(DatabaseError) {
        let code = sqlite3_exec(handle, sql, nil, nil, nil)
        guard code == SQLITE_OK else { throw error(code, operation: operation) }
    }

    func prepare(_ sql: String) throws(DatabaseError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else { throw error(code, operation: "prepare a query") }
        return SQLiteStatement(statement, connection: self)
    }

    /// Closing will not checkpoint the write-ahead log (nor sync the disk): for a writer that must be quick, the
    /// next patient one (the companion, `once`, `report`) does it.
    func skipCheckpointOnClose() {
        _ = CSQLiteSkipCheckpointOnClose(handle)
    }

    /// The row id the last insert gave.
    var lastInsertedRow: Int64 { sqlite3_last_insert_rowid(handle) }

    /// The first column of the first row of `sql`, as an integer (`PRAGMA user_version`, a count).
    func integer(_ sql: String) throws(DatabaseError) -> Int64 {
        let statement = try prepare(sql)
        defer { statement.reset() }  // a statement left mid-way would keep a transaction from committing
        guard try statement.step() else { return 0 }
        return statement.integer(0)
    }

    /// Runs `body` in one write transaction, taken at once (`BEGIN IMMEDIATE`), so that two writers wait for each
    /// other at the start (bounded by the busy timeout) instead of failing half-way; rolled back when it throws.
    func writeTransaction<T>(_ body: () throws(DatabaseError) -> T) throws(DatabaseError) -> T {
        try execute("BEGIN IMMEDIATE", operation: "begin a write")
        do {
            let result = try body()
            try execute("COMMIT", operation: "commit")
            return result
        } catch {
            sqlite3_exec(handle, "ROLLBACK", nil, nil, nil)
            throw error
        }
    }

    /// SQLite's result `code` as the error a person can act on.
    func error(_ code: Int32, operation: String) -> DatabaseError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        switch code & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED:
            return .locked(path: path, waitedMs: busyTimeoutMs)
        case SQLITE_NOTADB, SQLITE_CORRUPT: return .notADatabase(path: path, reason: message)
        case SQLITE_READONLY, SQLITE_PERM: return .readOnly(path: path, reason: message)
        case SQLITE_CANTOPEN:
            if code == SQLITE_CANTOPEN | (6 << 8) {  // SQLITE_CANTOPEN_SYMLINK, a macro Swift cannot import
                return .refused(path: path, reason: "it is a symbolic link")
            }
            return .readOnly(path: path, reason: "it cannot be opened (\(message))")
        case SQLITE_FULL: return .failed(path: path, operation: operation, reason: "the disk is full")
        default: return .failed(path: path, operation: operation, reason: message)
        }
    }
}
