import Foundation

/// What is due, by the configured intervals, the state file and, for `/usage` with `PET_USAGE_SOURCE=auto`, the
/// statusline's last record (`UsageSourcePolicy`, the rule the companion follows too).
enum DueSchedule {
    /// Due when the last attempt is at least one interval ago, less a little slack: cron starts us on the minute,
    /// give or take, and a run a second early must not skip a whole interval.
    static func isDue(_ kind: ProbeKind, state: LoggerState, configuration: Configuration, now: Date) -> Bool {
        guard let last = state.lastAttempt[kind] else { return true }
        let interval = configuration.intervalMs(for: kind)
        let slack = min(interval / 10, 5_000)
        return now.timeIntervalSince(last) * 1000 >= Double(interval - slack)
    }

    /// Whether `once --due` runs `kind` now: due by its interval and, for `/usage`, wanted by the usage source
    /// (`statuslineRecord` is the statusline's last usage record, from `statusline.json`).
    static func decision(
        _ kind: ProbeKind, state: LoggerState, configuration: Configuration, statuslineRecord: Date?, now: Date
    ) -> UsageSourcePolicy.Decision? {
        guard isDue(kind, state: state, configuration: configuration, now: now) else { return nil }
        guard kind == .usage else { return .probe(.command) }
        return UsageSourcePolicy(configuration).decide(
            now: now, statuslineRecord: statuslineRecord, lastProbe: state.lastAttempt[.usage])
    }
}
