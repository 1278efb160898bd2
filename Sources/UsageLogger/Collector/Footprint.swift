/// What the settings cost per hour: probes of `claude`, the API requests they send, and their CPU time, from the
/// intervals and per-probe figures measured against the real Claude Code (`usage-logger-bench --footprint`, which
/// also measures whole hours of each setting; README "What it costs"). `doctor` prints it.
struct Footprint: Sendable, Equatable {
    /// Measured 2026-11-30 with Claude Code 2.1.330 signed in as a subscriber through the fake API, on Linux
    /// x86-64 (2 cores, shared): every `/usage` or `/status` probe sends exactly one API request (the
    /// `max_tokens: 1` request that reads the limit headers).
    static let requestsPerProbe = 1.0
    /// CPU seconds of one probe (Claude Code's start-up, the screen, its end; usage-logger's share is under 1 %),
    /// the mean of the probes in the same measurement.
    static let cpuSecondsPerProbe = 1.5
    /// Peak resident memory of one probe, MiB (the `claude` process).
    static let peakMemoryMiBPerProbe = 270

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
