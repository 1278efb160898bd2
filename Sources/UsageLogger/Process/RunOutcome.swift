/// How a command run ended, as data: the caller turns it into a record.
public struct RunOutcome: Sendable {
    /// The command's process id (gone by the time the outcome is read: for finding what it left behind).
    public var processID: Int32?
    /// The exit status, when the command exited by itself or after our signal.
    public var exitStatus: Int32?
    /// The signal that ended it, if one did.
    public var signal: Int32?
    /// True when the run hit its time limit and was ended.
    public var timedOut = false
    /// Set when the observer stopped the run because of what it saw (e.g. an untrusted-folder prompt).
    public var stoppedBecause: String?
    /// Output up to the byte cap.
    public var output: [UInt8] = []
    /// Bytes seen in all, kept or not.
    public var outputBytes = 0
    public var durationMs = 0

    public var truncated: Bool { outputBytes > output.count }

    /// Ended by itself with status 0, or closed by us once the screen was complete.
    public var succeeded: Bool {
        !timedOut && !cancelled && stoppedBecause == nil && (exitStatus == 0 || closedByUs)
    }

    /// True when usage-logger was asked to stop (SIGINT, SIGTERM) and ended the command early.
    public var cancelled = false

    /// True when the observer finished the run (the screen was complete) and we ended the command.
    public var closedByUs = false

    public init() {}

    /// The outcome as the `probe` object of a record.
    public func json(command: [String]) -> JSONValue {
        .object([
            ("command", .array(command.map(JSONValue.string))),
            ("exit_status", .from(exitStatus.map(Int.init))),
            ("signal", .from(signal.map(Int.init))),
            ("timed_out", .bool(timedOut)),
            ("closed_by_usage_logger", .bool(closedByUs)),
            ("output_bytes", .int(outputBytes)),
            ("truncated", .bool(truncated)),
            ("duration_ms", .int(durationMs)),
        ])
    }
}
