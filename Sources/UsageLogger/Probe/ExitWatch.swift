import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Knows when the child has ended and how, from whichever source tells first.
///
/// corelibs `Process` learns of a child's death through a socket the child inherits; a grandchild inherits it
/// too, so while a grandchild lives the termination handler never runs. We therefore also ask the kernel with
/// `waitid(…, WNOWAIT)`, which reports the exit without reaping the child, leaving that to `Process`.
final class ExitWatch: @unchecked Sendable {
    typealias Status = (normal: Bool, code: Int32)

    private let lock = NSLock()
    private let signalled = DispatchSemaphore(value: 0)
    private var status: Status?
    private var pid: pid_t = 0

    /// Starts watching `pid` through `waitid` as well.
    func watch(_ pid: pid_t) {
        lock.withLock { self.pid = pid }
    }

    /// Called by the termination handler.
    func record(normal: Bool, code: Int32) {
        lock.withLock { status = status ?? (normal, code) }
        signalled.signal()
    }

    /// How the child ended, or nil while it runs.
    var result: Status? {
        lock.withLock {
            if status == nil, pid > 0 { status = Self.peek(pid) }
            return status
        }
    }

    /// Waits up to `milliseconds` for the child to end; true if it has.
    func wait(milliseconds: Int) -> Bool {
        let deadline = DispatchTime.now() + .milliseconds(max(0, milliseconds))
        while result == nil {
            guard DispatchTime.now() < deadline else { return false }
            _ = signalled.wait(timeout: min(deadline, .now() + .milliseconds(10)))
        }
        return true
    }

    /// `waitid` with `WNOWAIT`: the exit status if the child has ended, leaving it to be reaped by `Process`.
    private static func peek(_ pid: pid_t) -> Status? {
        var info = siginfo_t()
        guard waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 else { return nil }
        #if canImport(Glibc)
            let (exitedPid, code) = (info._sifields._sigchld.si_pid, info._sifields._sigchld.si_status)
        #else
            let (exitedPid, code) = (info.si_pid, info.si_status)
        #endif
        guard exitedPid == pid else { return nil }  // WNOHANG: nothing has happened yet
        return (Int(info.si_code) == Int(CLD_EXITED), code)
    }
}
