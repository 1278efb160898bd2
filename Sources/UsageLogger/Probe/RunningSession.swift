import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The read loop of one `TerminalRunner` run: reads the terminal, asks the observer, enforces the limits.
struct RunningSession {
    private static let tickMs: Int32 = 50
    let primary: Int32
    let processGroup: pid_t
    let exit: ExitWatch
    let limits: RunLimits
    let started: Int64
    private(set) var outcome = RunOutcome()
    private var lastOutputAt: Int64
    private var exitedAt: Int64?
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(primary: Int32, processGroup: pid_t, exit: ExitWatch, limits: RunLimits, started: Int64) {
        self.primary = primary
        self.processGroup = processGroup
        self.exit = exit
        self.limits = limits
        self.started = started
        lastOutputAt = started
    }

    /// Reads until the command is done, the observer finishes or fails it, or time runs out.
    mutating func pump(observer: (any TerminalObserver)?, cancellation: Cancellation?) {
        var endOfFile = false
        while true {
            if cancellation?.isCancelled == true {
                outcome.cancelled = true
                return
            }
            let now = MonotonicClock.nowMilliseconds()
            if now - started >= Int64(limits.timeoutMs) {
                outcome.timedOut = true
                return
            }
            if exit.result != nil, exitedAt == nil { exitedAt = now }
            if let exitedAt, endOfFile || now - exitedAt >= Int64(limits.drainAfterExitMs) { return }
            let remaining = Int64(limits.timeoutMs) - (now - started)
            var chunk: ArraySlice<UInt8> = []
            if !endOfFile, waitReadable(milliseconds: Int32(min(Int64(Self.tickMs), remaining))) {
                switch readChunk() {
                case .some(let bytes): chunk = bytes
                case .none: endOfFile = true
                }
            } else if endOfFile {
                _ = exit.wait(milliseconds: Int(min(Int64(Self.tickMs), remaining)))
            }
            guard let observer else { continue }
            let observedAt = MonotonicClock.nowMilliseconds()
            let activity = TerminalActivity(
                output: outcome.truncated ? [] : chunk, elapsedMs: Int(observedAt - started),
                quietMs: Int(observedAt - lastOutputAt), exited: exit.result != nil)
            for action in observer.observe(activity) {
                switch action {
                case .send(let bytes):
                    try? SystemCall.writeAll(primary, bytes)
                case .finish:
                    outcome.closedByUs = exit.result == nil
                    return
                case .fail(let reason):
                    outcome.stoppedBecause = reason
                    return
                }
            }
        }
    }

    /// Ends every process of the group: SIGTERM, up to the grace period for the command to exit, then SIGKILL
    /// (harmless when none is left). Then records how the command ended and what output was still pending.
    mutating func endProcessGroup() {
        if exit.result == nil || processGroupExists() {
            kill(-processGroup, SIGTERM)
            // Stopping on a signal must finish within two seconds in all, so the grace is shorter then.
            _ = exit.wait(milliseconds: outcome.cancelled ? min(limits.graceMs, 500) : limits.graceMs)
            kill(-processGroup, SIGKILL)
        }
        _ = exit.wait(milliseconds: limits.graceMs)
        while case .some(let bytes) = readChunk(), !bytes.isEmpty {}
        if let result = exit.result {
            if result.normal { outcome.exitStatus = result.code } else { outcome.signal = result.code }
        }
        outcome.durationMs = Int(MonotonicClock.nowMilliseconds() - started)
    }

    private func processGroupExists() -> Bool {
        kill(-processGroup, 0) == 0
    }

    private func waitReadable(milliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: primary, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, max(0, milliseconds))
        return ready > 0
    }

    /// One non-blocking read: the bytes (empty if none are ready), or nil at end of file (EIO once no process
    /// holds the terminal).
    private mutating func readChunk() -> ArraySlice<UInt8>? {
        let count = buffer.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
        if count > 0 {
            let bytes = buffer[0..<count]
            let room = max(0, limits.outputCap - outcome.output.count)
            outcome.output.append(contentsOf: bytes.prefix(room))
            outcome.outputBytes += count
            lastOutputAt = MonotonicClock.nowMilliseconds()
            return bytes
        }
        if count < 0, errno == EAGAIN || errno == EINTR { return [] }
        return nil
    }
}
