#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The value of `USAGE_LOGGER_PROBE` in the environment of one probe's `claude`, and so of everything it starts:
/// `<our pid>-<random>`. It tells Claude Code's statusline (our own command, run inside the probe) to record
/// nothing, and it finds the probe's processes after the probe: those that escaped its process group, and those
/// a killed usage-logger left behind.
struct ProbeMarker: Sendable, Equatable {
    static let variable = "USAGE_LOGGER_PROBE"

    let value: String

    init() {
        value = "\(getpid())-" + String(UInt64.random(in: 0...UInt64.max), radix: 16)
    }

    /// Ends every process still carrying this probe's marker, and those of probes whose usage-logger no longer
    /// runs (it was killed mid-probe), in one pass; returns how many there were.
    @discardableResult
    func endSurvivorsAndOrphans() -> Int {
        let found = ProcessSweep.processes(carrying: Self.variable) { other in
            other == value || Self.ownerIsGone(other)
        }
        return ProcessSweep.end(found.map(\.pid))
    }

    /// Whether the usage-logger named in a marker value (`<pid>-…`) has gone.
    private static func ownerIsGone(_ value: String) -> Bool {
        guard value.contains("-"), let owner = pid_t(value.prefix { $0 != "-" }) else { return false }
        return kill(owner, 0) != 0 && errno == ESRCH
    }
}
