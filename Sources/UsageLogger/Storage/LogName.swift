/// The three log files.
public enum LogName: String, Sendable, CaseIterable {
    case usage, status, diagnostics

    public var fileName: String { rawValue + ".jsonl" }
    /// The sidecar lock every writer of this log takes; never renamed.
    var lockName: String { fileName + ".lock" }
}
