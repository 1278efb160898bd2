import Foundation

/// Whether a `/usage` turn that is due by `PET_USAGE_LOG_INTERVAL` runs `claude /usage`, by `PET_USAGE_SOURCE`:
/// `command` always; `statusline` never; `auto` whenever the statusline's last usage record is older than the
/// usage interval (Claude Code closed, cron, a service, an API-key sign-in), and while it is fresh only once per
/// `PET_USAGE_SCREEN_INTERVAL`, for what only the screen shows (per-model weekly windows, extra usage, why usage
/// is unavailable). Pure: times go in, a decision comes out. The companion and `once --due` both ask it, with the
/// statusline's last record from `statusline.json` and the last `/usage` probe from the state file.
struct UsageSourcePolicy: Sendable, Equatable {
    let source: Configuration.UsageSource
    let usageIntervalMs: Int
    /// 0: never while the statusline is fresh.
    let screenIntervalMs: Int

    init(source: Configuration.UsageSource, usageIntervalMs: Int, screenIntervalMs: Int) {
        self.source = source
        self.usageIntervalMs = max(1, usageIntervalMs)
        self.screenIntervalMs = max(0, screenIntervalMs)
    }

    init(_ configuration: Configuration) {
        self.init(
            source: configuration.usageSource, usageIntervalMs: configuration.usageIntervalMs,
            screenIntervalMs: configuration.screenIntervalMs)
    }

    enum Decision: Sendable, Equatable {
        /// Run `claude /usage`: the source is `command`, the statusline is stale or absent, or the screen is due.
        case probe(Reason)
        /// Leave it: the statusline records usage; `screenDueAt` is when the screen is next due (nil: never).
        case skip(screenDueAt: Date?)
        /// `statusline`: never run `claude /usage`.
        case never
    }

    enum Reason: String, Sendable, Equatable {
        case command
        case statuslineAbsent = "no statusline record"
        case statuslineStale = "the statusline's last record is older than the usage interval"
        case screenDue = "the screen is due"
    }

    /// What to do at `now`, given the statusline's last usage record and the last `/usage` probe (attempted).
    func decide(now: Date, statuslineRecord: Date?, lastProbe: Date?) -> Decision {
        switch source {
        case .command: return .probe(.command)
        case .statusline: return .never
        case .auto: break
        }
        guard let statuslineRecord else { return .probe(.statuslineAbsent) }
        guard isFresh(statuslineRecord, now: now) else { return .probe(.statuslineStale) }
        guard screenIntervalMs > 0 else { return .skip(screenDueAt: nil) }
        guard let lastProbe else { return .probe(.screenDue) }
        let dueAt = lastProbe.addingTimeInterval(Double(screenIntervalMs - screenSlackMs) / 1000)
        return now >= dueAt ? .probe(.screenDue) : .skip(screenDueAt: dueAt)
    }

    /// A statusline record counts while it is younger than the usage interval, never once older: then this
    /// interval has no record from it. One dated ahead of `now` (the clock was set back) counts only within the
    /// interval too.
    func isFresh(_ statuslineRecord: Date, now: Date) -> Bool {
        abs(now.timeIntervalSince(statuslineRecord)) * 1000 < Double(usageIntervalMs)
    }

    /// Turns come once per usage interval (the companion's grid, cron's minute): the screen is due at the turn
    /// nearest to one screen interval after the last probe, not one turn later because that probe took a few
    /// seconds.
    var screenSlackMs: Int { usageIntervalMs / 2 }

    /// Whether a statusline render at `now` writes a usage record, its last one written at `lastRecord`: once per
    /// usage interval, less a slack. Claude Code renders on activity and on its `refreshInterval` timer (a second at
    /// the least, give or take): a render that comes a little before the interval is up must write the record, or
    /// the next one comes only a render later, past the interval, and the companion would find it stale and probe.
    /// The slack is a tenth of the interval, at least 1.5 s (one render at the fastest timer), at most half the
    /// interval and at most 5 s.
    func statuslineRecordIsDue(lastRecord: Date?, now: Date) -> Bool {
        guard let lastRecord else { return true }
        let slackMs = min(max(usageIntervalMs / 10, 1_500), usageIntervalMs / 2, 5_000)
        return now.timeIntervalSince(lastRecord) * 1000 >= Double(usageIntervalMs - slackMs)
            || now < lastRecord  // the clock was set back
    }
}
