/// What the settings cost per hour: probes of `claude`, the API requests they send, and their CPU time, from the
/// intervals and per-probe figures measured against the real Claude Code (`usage-logger-bench --footprint`, which
/// also measures whole hours of each setting; README "What it costs"). `doctor` prints it.
struct Footprint: Sendable, Equatable {
    /// Measured 2026-11-30 by `usage-logger-bench --footprint` (an hour of each setting at 1/12 of the intervals)
    /// with the real Claude Code 2.1.332 (claude-agent-sdk 0.2.189) signed in as a subscriber through the fake API,
    /// on Linux x86-64 (2 shared cores): every `/usage` and `/status` probe sends exactly one API request (the
    /// `max_tokens: 1` request that reads the limit headers).
    static let requestsPerProbe = 1.0
    /// CPU seconds of one probe, all included (Claude Code's start-up, its screen, its end, and the companion's
    /// share, under 1 %): 117.8 CPU-s over 125 probes in that measurement.
    static let cpuSecondsPerProbe = 0.94
    /// Peak resident memory of one probe, MiB (the `claude` process): 248 to 250 in that measurement.
    static let peakMemoryMiBPerProbe = 250

    var usageProbes: Double
    var statusProbes: Double

    var probes: Double { usageProbes + statusProbes }
    var apiRequests: Double { probes * Self.requestsPerProbe }
    var cpuSeconds: Double { probes * Self.cpuSecondsPerProbe }

    /// Per hour, by the settings, with Claude Code open (its statusline fresh) or closed.
    init(_ configuration: Configuration, claudeCodeOpen: Bool) {
        let hour = 3_600_000.0
        statusProbes = hour / Double(max(1, configuration.statusIntervalMs))
        let everyInterval = hour / Double(max(1, configuration.usageIntervalMs))
        switch configuration.usageSource {
        case .command:
            usageProbes = everyInterval
        case .statusline:
            usageProbes = 0
        case .auto where !claudeCodeOpen:
            usageProbes = everyInterval
        case .auto:
            usageProbes =
                configuration.screenIntervalMs == 0
                ? 0 : hour / Double(max(configuration.screenIntervalMs, configuration.usageIntervalMs))
        }
    }

    init(usageProbes: Double, statusProbes: Double) {
        self.usageProbes = usageProbes
        self.statusProbes = statusProbes
    }
}
