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
    /// One pass over `/proc`, reading each environment with plain `read`s into one buffer: it runs after every
    /// probe, so it must cost little more than a directory listing.
    static func processes(carrying name: String, where matches: (String) -> Bool) -> [(pid: pid_t, value: String)] {
        #if os(Linux)
            guard let proc = opendir("/proc") else { return [] }
            defer { closedir(proc) }
            let prefix = Array((name + "=").utf8)
            let me = getpid()
            var buffer = [UInt8](repeating: 0, count: 256 * 1024)
            var found: [(pid_t, String)] = []
            while let entry = readdir(proc) {
                let entryName = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                guard let pid = pid_t(entryName), pid != me else { continue }
                let environment = readStart(of: "/proc/\(entryName)/environ", into: &buffer)
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
        // Until they are gone (or only zombies waiting for their parent), within a second: what is ended is over
        // before the caller goes on, even on a loaded machine.
        let killed = MonotonicClock.nowMilliseconds() + 1_000
        while pids.contains(where: isRunning), MonotonicClock.nowMilliseconds() < killed {
            SystemCall.nap(microseconds: 5_000)
        }
        return pids.count
    }

    /// Whether `pid` is a process that still runs: not gone, and not a zombie.
    static func isRunning(_ pid: pid_t) -> Bool {
        guard kill(pid, 0) == 0 else { return false }
        #if os(Linux)
            var buffer = [UInt8](repeating: 0, count: 512)
            let stat = readStart(of: "/proc/\(pid)/stat", into: &buffer)
            // `pid (name) S …`: the state follows the last parenthesis.
            guard let close = stat.lastIndex(of: UInt8(ascii: ")")), close + 2 < stat.endIndex else { return true }
            return stat[close + 2] != UInt8(ascii: "Z")
        #else
            return true
        #endif
    }

    /// The start of a small file (up to the buffer's size), or nothing when it cannot be read.
    private static func readStart(of path: String, into buffer: inout [UInt8]) -> ArraySlice<UInt8> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { SystemCall.closeQuietly(descriptor) }
        var count = 0
        while count < buffer.count {
            let result = buffer[count...].withUnsafeMutableBytes { slice in
                SystemCall.retryingInterrupts { read(descriptor, slice.baseAddress, slice.count) }
            }
            guard result > 0 else { break }
            count += result
        }
        return buffer[0..<count]
    }
}
