#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The read loop of one `TerminalRunner` run: reads the terminal, reaps the child on every tick, asks the
/// observer, enforces the limits.
struct RunningSession {
    private static let tickMs: Int64 = 50
    let primary: Int32
    let child: ChildProcess
    let limits: RunLimits
    let started: Int64
    private(set) var outcome = RunOutcome()
    private var lastOutputAt: Int64
    private var exitedAt: Int64?
    private var buffer = [UInt8](repeating: 0, count: 65_536)

    init(primary: Int32, child: ChildProcess, limits: RunLimits, started: Int64) {
        self.primary = primary
        self.child = child
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
            if child.poll() != nil, exitedAt == nil { exitedAt = now }
            if let exitedAt, endOfFile || now - exitedAt >= Int64(limits.drainAfterExitMs) { return }
            let tick = Int32(min(Self.tickMs, Int64(limits.timeoutMs) - (now - started)))
            var chunk: ArraySlice<UInt8> = []
            if endOfFile {
                child.wait(milliseconds: Int(tick))
            } else if SystemCall.waitReadable(primary, milliseconds: tick) {
                switch readChunk() {
                case .some(let bytes): chunk = bytes
                case .none: endOfFile = true
                }
            }
            guard let observer else { continue }
            let observedAt = MonotonicClock.nowMilliseconds()
            let activity = TerminalActivity(
                output: outcome.truncated ? [] : chunk, elapsedMs: Int(observedAt - started),
                quietMs: Int(observedAt - lastOutputAt), exited: child.poll() != nil)
            for action in observer.observe(activity) {
                switch action {
                case .send(let bytes):
                    try? SystemCall.writeAll(primary, bytes)  // a child that stopped reading is ended below anyway
                case .finish:
                    outcome.closedByUs = child.poll() == nil
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
        if child.poll() == nil || child.groupExists {
            child.signalGroup(SIGTERM)
            // Stopping on a signal must finish within two seconds in all, so the grace is shorter then.
            child.wait(milliseconds: outcome.cancelled ? min(limits.graceMs, 500) : limits.graceMs)
            child.signalGroup(SIGKILL)
        }
        child.wait(milliseconds: limits.graceMs)
        // SIGKILL is delivered, not awaited: on a loaded machine the group's other processes can take a moment to
        // go, and the next probe must not start beside them.
        let deadline = MonotonicClock.nowMilliseconds() + Int64(limits.graceMs)
        while child.groupExists, MonotonicClock.nowMilliseconds() < deadline { SystemCall.nap(microseconds: 5_000) }
        while case .some(let bytes) = readChunk(), !bytes.isEmpty {}
        switch child.termination {
        case .exited(let status): outcome.exitStatus = status
        case .signalled(let signal): outcome.signal = signal
        case nil: break
        }
        outcome.durationMs = Int(MonotonicClock.nowMilliseconds() - started)
    }

    /// One non-blocking read: the bytes (empty if none are ready), or nil at end of file (EIO once no process
    /// holds the terminal).
    private mutating func readChunk() -> ArraySlice<UInt8>? {
        let result: Int?
        do { result = try SystemCall.readSome(primary, into: &buffer) } catch { return nil }
        guard let count = result else { return [] }
        guard count > 0 else { return nil }
        let bytes = buffer[0..<count]
        let room = max(0, limits.outputCap - outcome.output.count)
        outcome.output.append(contentsOf: bytes.prefix(room))
        outcome.outputBytes += count
        lastOutputAt = MonotonicClock.nowMilliseconds()
        return bytes
    }
}
