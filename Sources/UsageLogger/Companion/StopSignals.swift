import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Turns SIGINT and SIGTERM into `cancel()` and SIGHUP into `requestReload()`.
///
/// The signals are blocked on the calling thread (and so on every thread started after it) and taken by a
/// dedicated thread with `sigwait`. No handler and no `SIG_IGN` is installed: an ignored signal stays ignored
/// across `exec`, and `claude` must still die of the SIGTERM we send it. Children are spawned with an empty mask.
enum StopSignals {
    static let watched = [SIGINT, SIGTERM, SIGHUP]

    static func install(into cancellation: Cancellation) {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in watched { sigaddset(&set, signal) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let watchedSet = set
        let thread = Thread {
            var waitSet = watchedSet
            var received: Int32 = 0
            while true {
                guard sigwait(&waitSet, &received) == 0 else { continue }
                if received == SIGHUP { cancellation.requestReload() } else { cancellation.cancel() }
            }
        }
        thread.name = "usage-logger signals"
        thread.start()
    }
}
