/// The database's tables, as a list of forward migrations: version N is what the first N steps make, kept in
/// `PRAGMA user_version`. A step is never edited once released; a change is a new step at the end, so a database
/// of any earlier version reaches the current one by the steps it lacks.
///
/// Every table keeps the whole record as written to the JSONL log (`record`), so nothing a record holds is lost and
/// `report` reads the database exactly as it reads the logs; the other columns are the fields people query, with
/// `time` (seconds since 1970, UTC) indexed. `(time, record_hash, occurrence)` is unique, `occurrence` counting
/// identical lines of the same time (two `append`s of one line in the same millisecond are two records): importing
/// a log twice adds nothing, and adds exactly the lines the database lacks.
enum DatabaseSchema {
    static let migrations: [String] = [
        // 1: usage probes and their window samples, status snapshots, diagnostic events; what the database knows
        // about itself (`meta`: when the logs were imported whole).
        """
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
        CREATE TABLE usage_probes (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            session_id TEXT,
            source TEXT,
            state TEXT,
            error TEXT,
            error_type TEXT,
            duration_ms INTEGER,
            record TEXT NOT NULL,
            record_hash INTEGER NOT NULL,
            occurrence INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX usage_probes_time ON usage_probes (time, record_hash, occurrence);
        CREATE TABLE usage_samples (
            probe_id INTEGER NOT NULL REFERENCES usage_probes (id) ON DELETE CASCADE,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            window TEXT NOT NULL,
            used_percent REAL,
            resets_at TEXT
        );
        CREATE INDEX usage_samples_time ON usage_samples (time);
        CREATE INDEX usage_samples_window ON usage_samples (window, time);
        CREATE INDEX usage_samples_probe ON usage_samples (probe_id);
        CREATE TABLE status_snapshots (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            session_id TEXT,
            email TEXT,
            version TEXT,
            model TEXT,
            error TEXT,
            record TEXT NOT NULL,
            record_hash INTEGER NOT NULL,
            occurrence INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX status_snapshots_time ON status_snapshots (time, record_hash, occurrence);
        CREATE TABLE diagnostic_events (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            session_id TEXT,
            diagnostic_type TEXT,
            severity TEXT,
            event TEXT,
            message TEXT,
            record TEXT NOT NULL,
            record_hash INTEGER NOT NULL,
            occurrence INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX diagnostic_events_time ON diagnostic_events (time, record_hash, occurrence);
        """,
        // 2: one row per Claude Code session, from the hooks (`sessions.jsonl`); `time` is when it ended.
        """
        CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            session_id TEXT,
            cwd TEXT,
            started_at TEXT,
            ended_at TEXT,
            end_reason TEXT,
            requests INTEGER,
            total_tokens INTEGER,
            cost_usd REAL,
            limit_hits INTEGER,
            record TEXT NOT NULL,
            record_hash INTEGER NOT NULL,
            occurrence INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX sessions_time ON sessions (time, record_hash, occurrence);
        """,
        // 3: each alert and how its command went (`alerts.jsonl`); `time` is when it was delivered.
        """
        CREATE TABLE alerts (
            id INTEGER PRIMARY KEY,
            time REAL NOT NULL,
            timestamp TEXT NOT NULL,
            event TEXT,
            window TEXT,
            threshold REAL,
            used_percent REAL,
            command_status INTEGER,
            record TEXT NOT NULL,
            record_hash INTEGER NOT NULL,
            occurrence INTEGER NOT NULL DEFAULT 0
        );
        CREATE UNIQUE INDEX alerts_time ON alerts (time, record_hash, occurrence);
        """,
    ]

    static var currentVersion: Int { migrations.count }

    /// The table each log's records go to.
    static func table(of log: LogName) -> String {
        switch log {
        case .usage: "usage_probes"
        case .status: "status_snapshots"
        case .diagnostics: "diagnostic_events"
        case .sessions: "sessions"
        case .alerts: "alerts"
        }
    }

    /// Brings the database to the current version (or to `target`, for tests of older ones), in one transaction;
    /// a database of a newer version is left untouched.
    static func migrate(_ connection: SQLiteConnection, to target: Int = currentVersion) throws(DatabaseError) {
        let found = Int(try connection.integer("PRAGMA user_version"))
        guard found <= currentVersion else {
            throw .newerSchema(path: connection.path, found: found, known: currentVersion)
        }
        guard found < target else { return }
        try connection.writeTransaction { () throws(DatabaseError) in
            // Read again under the write lock: another process may have migrated meanwhile.
            let version = Int(try connection.integer("PRAGMA user_version"))
            guard version < target else { return }
            for step in migrations[version..<target] {
                try connection.execute(step, operation: "create its tables")
            }
            try connection.execute("PRAGMA user_version = \(target)", operation: "record its schema version")
        }
    }
}
