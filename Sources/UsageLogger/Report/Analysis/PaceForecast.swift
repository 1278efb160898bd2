/// Pace and forecasts for a window's current cycle: the even-pace line, the time 100 % is reached at the recent
/// rate, and the same from the user's own hour-of-week history. Both forecasts start from the latest reading and
/// stop at the reset: a limit reached after it is "not before the reset" (nil).
struct PaceForecast: Sendable {
    /// The history walk stops after this many hours (a window longer than two months has no forecast beyond).
    static let longestWalk = 62 * 24

    let now: Double
    let clock: HourOfWeekClock

    /// The share of the window's time elapsed at `now`, as a percent (0–100); nil when its length or reset is unknown.
    static func evenPace(reset: Double?, length: Double?, now: Double) -> Double? {
        guard let reset, let length, length > 0 else { return nil }
        return min(100, max(0, (now - (reset - length)) / length * 100))
    }

    /// The forecast for the tracker's current cycle; nil when it has none running at `now`.
    func forecast(for tracker: CycleTracker) -> Report.Forecast? {
        guard let cycle = tracker.current, let latest = tracker.latest,
            tracker.report(of: cycle, now: now).isCurrent
        else { return nil }
        let reset = cycle.reset
        let even = Self.evenPace(reset: reset, length: tracker.length, now: now)
        let used = latest.percent
        let rate = tracker.recent.estimate()
        var forecast = Report.Forecast(
            window: tracker.key, usedPercent: used, at: latest.time, resetsAt: reset, evenPacePercent: even,
            paceDelta: even.map { used - $0 }, recentRatePerHour: rate.perHour, recentHits100At: nil,
            recentSamples: rate.samples, recentHours: rate.hours, historyHits100At: nil,
            historyPercentAtReset: nil, historyCycles: tracker.profile.cycles)
        if used >= 100 {
            forecast.recentHits100At = cycle.first100 ?? latest.time
        } else if let perHour = rate.perHour, perHour > 0 {
            let at = latest.time + (100 - used) / perHour * 3600
            if reset.map({ at < $0 }) ?? true { forecast.recentHits100At = at }
        }
        if tracker.profile.cycles > 0, let reset {
            let walk = history(profile: tracker.profile, from: latest.time, percent: used, to: reset)
            forecast.historyPercentAtReset = walk.atReset
            forecast.historyHits100At = used >= 100 ? (cycle.first100 ?? latest.time) : walk.hits100
        }
        return forecast
    }

    /// Walks hour by hour from `start` to `reset`, adding each hour's typical rise (a part of it for a part of an
    /// hour); says when 100 % is passed and the percent at the reset (at most 100 once the limit is reached).
    func history(
        profile: HourOfWeekProfile, from start: Double, percent: Double, to reset: Double
    ) -> (hits100: Double?, atReset: Double) {
        var time = start
        var value = percent
        var hits100: Double?
        var steps = 0
        while time < reset, steps < Self.longestWalk {
            let hour = clock.compute(time)
            let end = min(hour.end, reset)
            let rise = (profile.typicalRise(bucket: hour.bucket) ?? 0) * (end - time) / 3600
            if hits100 == nil, value < 100, value + rise >= 100, rise > 0 {
                hits100 = time + (100 - value) / rise * (end - time)
            }
            value += rise
            time = end
            steps += 1
        }
        return (hits100, percent >= 100 ? percent : min(100, value))
    }
}
