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
        limits: RunLimits, observer: (any TerminalObserver)? = nil
    ) throws -> RunOutcome {
        var primary: Int32 = -1
        var secondary: Int32 = -1
        try SystemCall.retrying("openpty") { cpt_open(&primary, &secondary, rows, columns) }
        defer { SystemCall.closeQuietly(primary) }
        _ = fcntl(primary, F_SETFL, fcntl(primary, F_GETFL) | O_NONBLOCK)

        let exit = ExitWatch()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory, isDirectory: true)
        let terminal = FileHandle(fileDescriptor: secondary, closeOnDealloc: false)
        process.standardInput = terminal
        process.standardOutput = terminal
        process.standardError = terminal
        // Registered before run() so an instant exit is never missed; waitUntilExit() would poll.
        process.terminationHandler = { exit.record($0.terminationReason == .exit, $0.terminationStatus) }
        let started = MonotonicClock.nowMilliseconds()
        do {
            try process.run()
        } catch {
            SystemCall.closeQuietly(secondary)
            throw error
        }
        SystemCall.closeQuietly(secondary)  // only the child holds the terminal now, so its exit gives EOF
        var session = RunningSession(
            primary: primary, processGroup: process.processIdentifier, exit: exit, limits: limits, started: started)
        session.pump(observer: observer)
        session.endProcessGroup()
        return session.outcome
    }
}

/// Remembers how the child ended; the termination handler runs on another thread.
final class ExitWatch: @unchecked Sendable {
    private let lock = NSLock()
    private let exited = DispatchSemaphore(value: 0)
    private var status: (normal: Bool, code: Int32)?

    func record(_ normal: Bool, _ code: Int32) {
        lock.withLock { status = (normal, code) }
        exited.signal()
    }

    var result: (normal: Bool, code: Int32)? { lock.withLock { status } }

    /// Waits up to `milliseconds` for the exit; true if it happened.
    func wait(milliseconds: Int) -> Bool {
        if result != nil { return true }
        guard exited.wait(timeout: .now() + .milliseconds(max(0, milliseconds))) == .success else { return false }
        exited.signal()  // keep it signalled for later waits
        return true
    }
}
