/// Why the SQLite database could not be opened, written or read, in words that say what to do. With
/// `PET_LOG_STORAGE_TYPE=hybrid` the JSONL logs hold every record whatever this says, and `usage-logger import`
/// brings the database up to date once it works again.
public enum DatabaseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Something other than a regular file sits at the path (a planted symlink, a directory), or it is linked.
    case refused(path: String, reason: String)
    /// The file is not an SQLite database, or is damaged.
    case notADatabase(path: String, reason: String)
    /// Another process held the database for longer than the wait allowed.
    case locked(path: String, waitedMs: Int)
    /// The file or its directory cannot be written.
    case readOnly(path: String, reason: String)
    /// A later usage-logger wrote it: its schema is newer than this one knows.
    case newerSchema(path: String, found: Int, known: Int)
    /// The database file is missing (reading only: writing creates it).
    case missing(path: String)
    /// Anything else SQLite refused: the operation and SQLite's own message.
    case failed(path: String, operation: String, reason: String)

    public var path: String {
        switch self {
        case .refused(let path, _), .notADatabase(let path, _), .locked(let path, _), .readOnly(let path, _),
            .newerSchema(let path, _, _), .missing(let path), .failed(let path, _, _):
            path
        }
    }

    public var description: String {
        switch self {
        case .refused(let path, let reason):
            "refusing to use the database \(path): \(reason); move it away (it was left untouched)"
        case .notADatabase(let path, let reason):
            "\(path) is not a usable SQLite database (\(reason)); move it away (`sqlite3 FILE .recover` may save what "
                + "it holds) and run `usage-logger import` to rebuild it from the JSONL logs (with hybrid storage they "
                + "hold every record)"
        case .locked(let path, let waitedMs):
            "the database \(path) stayed locked by another process for \(waitedMs) ms; nothing was written to it "
                + "(`fuser \(path)` shows who holds it)"
        case .readOnly(let path, let reason):
            "cannot write the database \(path): \(reason); make it and its directory writable, or set "
                + "PET_LOG_DB_PATH to a writable place"
        case .newerSchema(let path, let found, let known):
            "the database \(path) has schema version \(found), newer than the \(known) this usage-logger knows; "
                + "update usage-logger, or set PET_LOG_DB_PATH to another file"
        case .missing(let path):
            "no database at \(path) (records go to one with PET_LOG_STORAGE_TYPE=sqlite or hybrid and logging "
                + "enabled; `usage-logger import` loads the JSONL logs into it)"
        case .failed(let path, let operation, let reason):
            "the database \(path) failed to \(operation): \(reason)"
        }
    }
}
