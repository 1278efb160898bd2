import CPseudoTerminal
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into `cancel()` and SIGHUP into `requestReload()`.
///
/// A small C handler writes the signal's number to a pipe (the self-pipe pattern) and a thread here reads it.
/// Not `SIG_IGN`: an ignored signal stays ignored across exec, and `claude` must still die of our SIGTERM. Not a
/// blocked mask with `sigwait`: starting a child through `Process` needs an empty mask for a moment, and a signal
/// arriving then would take its default action and kill us.
enum StopSignals {
    static let watched = [SIGINT, SIGTERM, SIGHUP]

    static func install(into cancellation: Cancellation) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let reader = ends[0]
        guard cpt_watch_stop_signals(ends[1]) == 0 else { return }
        let thread = Thread {
            var byte: UInt8 = 0
            while true {
                let count = read(reader, &byte, 1)
                if count < 0, errno == EINTR { continue }
                guard count == 1 else { return }
                if Int32(byte) == SIGHUP { cancellation.requestReload() } else { cancellation.cancel() }
            }
        }
        thread.name = "usage-logger signals"
        thread.start()
    }

    /// Holds the watched signals back (before exec: they stay pending until the new image watches them).
    static func block() {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }
}
