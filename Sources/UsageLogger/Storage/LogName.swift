/// The three log files.
public enum LogName: String, Sendable, CaseIterable {
    case usage, status, diagnostics

    /// The log a probe kind's records go to.
    public init(_ kind: ProbeKind) {
        self = kind == .status ? .status : .usage
    }

    public var fileName: String { rawValue + ".jsonl" }
}
