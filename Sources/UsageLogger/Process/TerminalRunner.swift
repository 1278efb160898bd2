import CSystemShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command inside a pseudo-terminal, feeding its output to an observer, and always ends with no process
/// of its group left: on completion, timeout or failure it sends SIGTERM to the whole process group, waits a
/// grace period, then SIGKILL.
///
/// The command leads a new session with the pseudo-terminal as its controlling terminal, as in a terminal
/// emulator: it is not attached to our terminal, and if we die, closing our side hangs it up (and on Linux it is
/// killed with us, `PR_SET_PDEATHSIG`). A grandchild that
/// keeps the terminal open cannot make us wait: after the command exits we read for at most `drainAfterExitMs`.
public struct TerminalRunner: Sendable {
    public var rows: UInt16 = 50
    public var columns: UInt16 = 200

    public init() {}

    /// Runs `executable` with `arguments` (never through a shell) in `workingDirectory`.
    /// Throws only when the command cannot be started at all; everything after that is in the outcome.
    public func run(
        executable: String, arguments: [String], workingDirectory: String, environment: [String: String],
        limits: RunLimits, observer: (any TerminalObserver)? = nil, cancellation: Cancellation? = nil
    ) throws -> RunOutcome {
        var primary: Int32 = -1
        var secondary: Int32 = -1
        try SystemCall.retrying("openpty") { ss_open_pty(&primary, &secondary, rows, columns) }
        defer { SystemCall.closeQuietly(primary) }
        let started = MonotonicClock.nowMilliseconds()
        let child: ChildProcess
        do {
            defer { SystemCall.closeQuietly(secondary) }  // only the child holds the terminal then: its exit gives EOF
            try SystemCall.setNonBlocking(primary)
            child = try ChildProcess.spawn(
                executable: executable, arguments: arguments, environment: environment,
                workingDirectory: workingDirectory, streams: .terminal(secondary), diesWithUs: true)
        }
        var session = RunningSession(primary: primary, child: child, limits: limits, started: started)
        session.pump(observer: observer, cancellation: cancellation)
        session.endProcessGroup()
        var outcome = session.outcome
        outcome.processID = child.pid
        return outcome
    }
}
