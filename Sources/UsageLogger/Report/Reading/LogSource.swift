/// One log directory the report reads, with the label its records carry (`--logs name=DIR`; the directory's own
/// name when several are given without one; empty when only one is read), or one SQLite database of records
/// (`--logs FILE`, or the configured one with `PET_LOG_STORAGE_TYPE=sqlite|hybrid`).
public struct LogSource: Sendable, Equatable {
    public var label: String
    public var path: String
    /// `path` is a database file, not a directory of JSONL logs.
    public var isDatabase: Bool

    public init(label: String = "", path: String, isDatabase: Bool = false) {
        self.label = label
        self.path = path
        self.isDatabase = isDatabase
    }
}
