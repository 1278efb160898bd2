/// The log files: the three of records the report reads, `sessions.jsonl` (one row per Claude Code session,
/// written by `usage-logger hook`) and `alerts.jsonl` (each alert and how its command went).
public enum LogName: String, Sendable, CaseIterable {
    case usage, status, diagnostics, sessions, alerts

    /// The logs of readings the report and `export` read (`sessions.jsonl` and `alerts.jsonl` are tables of their own).
    public static let readings: [LogName] = [.usage, .status, .diagnostics]

    /// The log a probe kind's records go to.
    public init(_ kind: ProbeKind) {
        self = kind == .status ? .status : .usage
    }

    public var fileName: String { rawValue + ".jsonl" }
}
