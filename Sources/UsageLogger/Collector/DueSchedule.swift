import Foundation

/// What is due, by the configured intervals and the state file.
enum DueSchedule {
    /// Due when the last attempt is at least one interval ago, less a little slack: cron starts us on the minute,
    /// give or take, and a run a second early must not skip a whole interval.
    static func isDue(_ kind: ProbeKind, state: LoggerState, configuration: Configuration, now: Date) -> Bool {
        guard let last = state.lastAttempt[kind] else { return true }
        let interval = configuration.intervalMs(for: kind)
        let slack = min(interval / 10, 5_000)
        return now.timeIntervalSince(last) * 1000 >= Double(interval - slack)
    }
}
