/// The bounds of one command run.
public struct RunLimits: Sendable {
    /// The whole run, from start to end.
    public var timeoutMs: Int
    /// Output kept; more is read and dropped so the command never blocks on a full terminal.
    public var outputCap: Int
    /// After SIGTERM, how long before SIGKILL.
    public var graceMs: Int
    /// After the command exits, how long to keep reading what a lingering grandchild still prints.
    public var drainAfterExitMs: Int

    public init(
        timeoutMs: Int = 45_000, outputCap: Int = 1024 * 1024, graceMs: Int = 2_000, drainAfterExitMs: Int = 250
    ) {
        self.timeoutMs = timeoutMs
        self.outputCap = outputCap
        self.graceMs = graceMs
        self.drainAfterExitMs = drainAfterExitMs
    }
}
