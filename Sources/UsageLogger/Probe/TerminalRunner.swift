import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs a command inside a pseudo-terminal with `Foundation.Process`, feeding its output to an observer, and
/// always ends with no process of its group left: on completion, timeout or failure it sends SIGTERM to the
/// whole process group, waits a grace period, then SIGKILL.
///
/// `Process` on Linux starts the child as the leader of a new process group (`POSIX_SPAWN_SETPGROUP`), so
/// `kill(-pid, …)` reaches its grandchildren too. A grandchild that keeps the terminal open cannot make us wait:
/// after the command exits we read for at most `drainAfterExitMs`.
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
        try SystemCall.retrying("openpty") { cpt_open(&primary, &secondary, rows, columns) }
        defer { SystemCall.closeQuietly(primary) }
        _ = fcntl(primary, F_SETFL, fcntl(primary, F_GETFL) | O_NONBLOCK)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        let terminal = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        let exit = ExitWatch()
        // Registered before run() so an instant exit is never missed; waitUntilExit() would poll.
        process.terminationHandler = { exit.record(normal: $0.terminationReason == .exit, code: $0.terminationStatus) }
        let started = MonotonicClock.nowMilliseconds()
        do {
            try Self.withEmptySignalMask { try process.run() }
        } catch {
            SystemCall.closeQuietly(secondary)
            throw error
        }
        SystemCall.closeQuietly(secondary)  // only the child holds the terminal now, so its exit gives EOF
        exit.watch(process.processIdentifier)
        var session = RunningSession(
            primary: primary, processGroup: process.processIdentifier, exit: exit, limits: limits, started: started)
        session.pump(observer: observer, cancellation: cancellation)
        session.endProcessGroup()
        return session.outcome
    }
}

extension TerminalRunner {
    /// Runs `body` with no signal blocked on this thread. `posix_spawn` gives the child the calling thread's
    /// mask, and Dispatch and test-runner threads block nearly every signal: a child started from one could then
    /// never be ended by SIGTERM. `Process` offers no way to set the child's mask, so we clear ours around it.
    static func withEmptySignalMask<T>(_ body: () throws -> T) rethrows -> T {
        var empty = sigset_t()
        var previous = sigset_t()
        sigemptyset(&empty)
        pthread_sigmask(SIG_SETMASK, &empty, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }
}
