/// Every file usage-logger keeps in a log directory, each name written here and nowhere else: the logs, their
/// sidecar locks, the state files and the locks that keep processes from doing the same work twice.
public struct LogPaths: Sendable, Equatable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// A log file, e.g. `usage.jsonl`.
    public func log(_ log: LogName) -> String { file(log.fileName) }

    /// The sidecar lock every writer of `log` takes; never renamed, so it survives rotation.
    func lock(of log: LogName) -> String { file(log.fileName + ".lock") }

    /// Held by the one companion of this directory for as long as it runs.
    public var companionLock: String { file("companion.lock") }

    /// Held while a probe of `kind` runs, so two processes never run two `claude` for the same screen.
    func probeLock(_ kind: ProbeKind) -> String { file("probe-\(kind.rawValue).lock") }

    /// Serialises the statusline's read-modify-write of `sessionContext`.
    var statuslineLock: String { file("statusline.lock") }

    /// What the statusline last saw of Claude Code (`SessionContext`).
    var sessionContext: String { file("statusline.json") }

    /// When each probe last ran and which diagnostics are known (`LoggerState`), and its lock.
    var state: String { file("state.json") }
    var stateLock: String { file("state.lock") }

    /// What the hooks remember per session (`SessionIndex`), and the lock held while it is read and replaced.
    var sessionIndex: String { file("sessions-index.tsv") }
    var sessionIndexLock: String { file("sessions-index.lock") }

    /// What the alerts remember (`AlertState`), and the lock of the one process looking for alerts.
    var alertsState: String { file("alerts.json") }
    var alertsLock: String { file("alerts.lock") }

    /// What the OpenTelemetry push remembers (`OTLPState`), its lock, and the payloads waiting to be sent.
    var otlpState: String { file("otlp.json") }
    var otlpLock: String { file("otlp.lock") }
    var otlpSpool: String { file("otlp-spool") }

    /// The SQLite database when `PET_LOG_DB_PATH` names none.
    public var defaultDatabase: String { file("usage.db") }

    /// Present while the database refuses records in `hybrid` storage (`DatabaseFailureMarker`); holds why.
    var databaseFailing: String { file("database-failing") }

    /// Present once the fallback to this directory has been said, so it is said once.
    var fallbackNoted: String { file(".fallback-noted") }

    /// The files replaced whole through a temporary file (`AtomicFile`): their `name.tmp-PID-N` leftovers are ours.
    var replacedWhole: [String] { [state, sessionContext, fallbackNoted, sessionIndex, alertsState, otlpState] }

    /// Every file usage-logger writes here (not the rotated `file.N`, which are only ever renamed).
    var all: [String] {
        LogName.allCases.flatMap { [log($0), lock(of: $0)] } + ProbeKind.allCases.map(probeLock)
            + [companionLock, statuslineLock, sessionContext, state, stateLock, fallbackNoted, sessionIndex]
            + [
                sessionIndexLock, alertsState, alertsLock, databaseFailing, defaultDatabase, defaultDatabase + "-wal",
                defaultDatabase + "-shm", otlpState, otlpLock,
            ]
    }

    private func file(_ name: String) -> String { directory + "/" + name }
}

extension LogDirectory {
    /// The files in this directory.
    public var paths: LogPaths { LogPaths(directory: path) }
}
