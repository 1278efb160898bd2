import Foundation

/// `doctor`'s cost line: what the current `PET_USAGE_SOURCE` and intervals cost per hour (probes of `claude`, the
/// API requests they send, CPU seconds; `Footprint`), for the situation now (Claude Code open when its statusline
/// recorded usage within the interval) and, for `auto`, the other one too.
enum DoctorFootprintCheck {
    static func check(_ context: CommandContext) -> DoctorCommand.Check {
        let configuration = context.configuration
        let directory = LogDirectory.choose(configuration: configuration, currentDirectory: context.currentDirectory)
        let policy = UsageSourcePolicy(configuration)
        let open =
            SessionContext.load(from: directory.path)?.lastUsageRecord.map { policy.isFresh($0, now: Date()) }
            ?? false
        let source = configuration.usageSource.rawValue
        let now = Footprint(configuration, claudeCodeOpen: open)
        var detail: String
        switch configuration.usageSource {
        case .auto:
            let other = Footprint(configuration, claudeCodeOpen: !open)
            detail =
                "\(source), Claude Code \(open ? "open" : "closed"): \(text(now)); "
                + "with it \(open ? "closed" : "open"): \(text(other, short: true))"
        case .command, .statusline:
            detail = "\(source): \(text(now))"
        }
        if !configuration.loggingEnabled { detail += " (once logging is on)" }
        return DoctorCommand.Check(level: .ok, title: "footprint", detail: detail)
    }

    /// "about 4 /usage and 1 /status probes an hour (≈5 API requests, ≈8 CPU-s)"
    static func text(_ footprint: Footprint, short: Bool = false) -> String {
        let probes =
            short
            ? "\(count(footprint.probes)) probes"
            : "about \(count(footprint.usageProbes)) /usage and \(count(footprint.statusProbes)) /status probes an hour"
        return probes
            + " (≈\(count(footprint.apiRequests)) API requests, ≈\(count(footprint.cpuSeconds)) CPU-s)"
    }

    private static func count(_ value: Double) -> String {
        value >= 10 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
    }
}
