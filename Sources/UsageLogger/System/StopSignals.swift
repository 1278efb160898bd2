import CSystemShims
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into `cancel(by:)`, and SIGHUP into `requestReload()` for the companion or into
/// `cancel(by:)` for commands that cannot reload (the terminal they ran in has gone).
///
/// A small C handler writes the signal's number to a pipe (the self-pipe pattern) and a thread here reads it.
/// Not `SIG_IGN`: an ignored signal stays ignored across exec, and `claude` must still die of our SIGTERM (the
/// spawn resets every disposition anyway). A handler rather than a blocked mask with `sigwait`: signals stay
/// deliverable on every thread, so nothing depends on which thread happens to receive one.
enum StopSignals {
    static let watched = [SIGINT, SIGTERM, SIGHUP]

    static func install(into cancellation: Cancellation, hangUpReloads: Bool) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { try? SystemCall.setCloseOnExec(end) }
        let reader = ends[0]
        guard ss_watch_stop_signals(ends[1]) == 0 else { return }
        let thread = Thread {
            var byte: [UInt8] = [0]
            while case .some(1) = try? SystemCall.readSome(reader, into: &byte) {
                let signal = Int32(byte[0])
                if signal == SIGHUP, hangUpReloads {
                    cancellation.requestReload()
                } else {
                    cancellation.cancel(by: signal)
                }
            }
        }
        thread.name = "usage-logger signals"
        thread.start()
    }
}
