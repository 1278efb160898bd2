import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Finds and ends processes by a marker in their environment: what escaped a probe's process group (a grandchild
/// that called `setsid`), or what a probe left when usage-logger itself was killed.
///
/// Linux reads `/proc/<pid>/environ`, which only our own user's processes let us read. macOS offers no such
/// listing without private interfaces, so there only the process group is ended (and `claude` hangs up when its
/// terminal closes).
enum ProcessSweep {
    /// The pids of our processes whose environment holds `name` with a value that `matches`, with that value.
    static func processes(carrying name: String, where matches: (String) -> Bool) -> [(pid: pid_t, value: String)] {
        #if os(Linux)
            let prefix = Array((name + "=").utf8)
            let me = getpid()
            var found: [(pid_t, String)] = []
            for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
                guard let pid = pid_t(entry), pid != me,
                    let environment = FileManager.default.contents(atPath: "/proc/\(entry)/environ")
                else { continue }
                for variable in environment.split(separator: 0) where variable.starts(with: prefix) {
                    let value = String(decoding: variable.dropFirst(prefix.count), as: UTF8.self)
                    if matches(value) { found.append((pid, value)) }
                }
            }
            return found
        #else
            return []
        #endif
    }

    /// Ends `pids`: SIGTERM, a short grace for them to go, then SIGKILL. Returns how many there were.
    @discardableResult
    static func end(_ pids: [pid_t], graceMs: Int = 300) -> Int {
        guard !pids.isEmpty else { return 0 }
        for pid in pids { kill(pid, SIGTERM) }
        let deadline = MonotonicClock.nowMilliseconds() + Int64(graceMs)
        while pids.contains(where: { kill($0, 0) == 0 }), MonotonicClock.nowMilliseconds() < deadline {
            SystemCall.nap(microseconds: 5_000)
        }
        for pid in pids { kill(pid, SIGKILL) }
        return pids.count
    }
}
