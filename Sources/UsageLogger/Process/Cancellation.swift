import Foundation

/// A request to stop, shared between the signal watcher and the work it stops: the runner checks it every tick
/// and ends its command; waits between probes return early.
public final class Cancellation: @unchecked Sendable {
    private let lock = NSLock()
    private let wake = DispatchSemaphore(value: 0)
    private var cancelled = false
    private var reloadRequested = false
    private var signal: Int32?

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    /// The signal that asked us to stop, when one did.
    public var stopSignal: Int32? { lock.withLock { signal } }

    public func cancel(by signal: Int32? = nil) {
        lock.withLock {
            cancelled = true
            self.signal = self.signal ?? signal
        }
        wake.signal()
    }

    /// Asks the companion to read its configuration again (SIGHUP).
    public func requestReload() {
        lock.withLock { reloadRequested = true }
        wake.signal()
    }

    /// True once per reload request.
    public func takeReloadRequest() -> Bool {
        lock.withLock {
            defer { reloadRequested = false }
            return reloadRequested
        }
    }

    /// Waits up to `milliseconds`, returning early when cancelled or asked to reload.
    public func wait(milliseconds: Int64) {
        guard milliseconds > 0, !isCancelled else { return }
        _ = wake.wait(timeout: .now() + .milliseconds(Int(min(milliseconds, Int64(Int32.max)))))
    }
}
