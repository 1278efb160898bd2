/// Decides, record by record in time order, what to alert about; pure: records and the remembered state in, events
/// out. Reset cycles are the report's (`CycleTracker`): a later `resets_at`, a reading after the known reset, or,
/// without a reset time, a fall only a reset explains. A window missing from a reading is not a reset, and a
/// percentage that dips and comes back alerts nothing new; a new cycle alerts again.
struct AlertEvaluator {
    var state: AlertState
    /// Ascending percentages.
    let thresholds: [Double]

    /// A forecast alerts only from this percentage on, on readings that span at least `forecastSpan` seconds.
    static let forecastFrom: Double = 50
    static let forecastSpan: Double = 1800
    /// Readings kept for the rate: one per this many seconds, over the window's horizon.
    static let sampleSpacing: Double = 300

    init(state: AlertState, thresholds: [Double]) {
        self.state = state
        self.thresholds = thresholds
    }

    mutating func add(_ sample: ReportSample) -> [AlertEvent] {
        defer { state.watermark = max(state.watermark ?? sample.time, sample.time) }
        switch sample {
        case .status(let reading):
            if !reading.failed, let account = reading.account { state.account = account }
            return []
        case .diagnostic(let reading):
            guard reading.event == .appeared,
                state.remember("diagnostic \(reading.time) \(reading.type) \(reading.message)")
            else { return [] }
            var event = AlertEvent(kind: .diagnostic, time: reading.time)
            event.diagnosticType = reading.type
            event.severity = reading.severity
            event.message = reading.message
            event.account = state.account
            return [event]
        case .usage(let reading):
            if reading.state == "limited" {
                // Its windows are the statusline's last reading, looked at already: only the refusal is news.
                // Once per window and reset cycle (each refused request of a `claude -p` loop is not news); when
                // the record names no reset, once an hour.
                let full = reading.windows.max { ($0.usedPercent ?? 0) < ($1.usedPercent ?? 0) }
                let cycle = full?.resetsAt.map { "\(Int($0 / 60))" } ?? "hour \(Int(reading.time / 3600))"
                guard state.remember("limit \(full?.name ?? "") \(cycle)") else { return [] }
                var event = AlertEvent(kind: .limitHit, time: reading.time, window: full?.name)
                event.usedPercent = full?.usedPercent
                event.resetsAt = full?.resetsAt
                event.account = state.account
                return [event]
            }
            var events: [AlertEvent] = []
            for window in reading.windows {
                guard let percent = window.usedPercent else { continue }
                events += add(window, percent: percent, at: reading.time)
            }
            return events
        }
    }

    private mutating func add(_ reading: WindowReading, percent: Double, at time: Double) -> [AlertEvent] {
        // A stale reading (a statusline showing the last response of an idle session) says nothing.
        if let resetsAt = reading.resetsAt, resetsAt + CycleTracker.staleness < time { return [] }
        var window = state.windows[reading.name] ?? AlertState.Window()
        if isNewCycle(window, reading: reading, percent: percent, at: time) {
            window = AlertState.Window()
        }
        if let resetsAt = reading.resetsAt { window.resetsAt = resetsAt }
        window.peak = max(window.peak, percent)
        window.lastPercent = percent
        if let last = window.recent.last?.first, time - last < Self.sampleSpacing {
            window.recent[window.recent.count - 1] = [time, percent]
        } else {
            window.recent.append([time, percent])
        }
        let horizon = reading.name.lowercased().contains("week") ? 86_400.0 : 7_200.0
        window.recent.removeAll { $0[0] < time - horizon }

        var events: [AlertEvent] = []
        // Only the highest threshold crossed at once alerts (50 → 100 % is one alert, not three).
        let crossed = thresholds.filter { percent >= $0 && !window.fired.contains($0) }
        if let highest = crossed.last {
            window.fired += crossed
            var event = AlertEvent(kind: .threshold, time: time, window: reading.name)
            event.threshold = highest
            events.append(event)
        }
        if !window.forecastFired, percent >= Self.forecastFrom, percent < 100, let reset = window.resetsAt,
            let limitAt = Self.limitTime(window.recent, percent: percent, at: time), limitAt < reset
        {
            window.forecastFired = true
            var event = AlertEvent(kind: .forecast, time: time, window: reading.name)
            event.limitAt = limitAt
            events.append(event)
        }
        state.windows[reading.name] = window
        return events.map { event in
            var event = event
            event.usedPercent = percent
            event.resetsAt = window.resetsAt
            event.account = state.account
            return event
        }
    }

    private func isNewCycle(_ window: AlertState.Window, reading: WindowReading, percent: Double, at time: Double)
        -> Bool
    {
        switch (window.resetsAt, reading.resetsAt) {
        case (let known?, let said?):
            return said > known + CycleTracker.tolerance || time > known + CycleTracker.staleness
        case (let known?, nil): return time > known + CycleTracker.staleness
        default: return CycleTracker.fellBack(from: window.lastPercent, to: percent)
        }
    }

    /// When 100 % comes at the least-squares rate through the recent readings; nil when they span too little time
    /// or do not rise.
    static func limitTime(_ recent: [[Double]], percent: Double, at time: Double) -> Double? {
        guard let first = recent.first?[0], time - first >= forecastSpan, recent.count >= 3 else { return nil }
        var rate = RecentRate(horizon: .infinity)
        for pair in recent { rate.add(time: pair[0], percent: pair[1]) }
        guard let perHour = rate.estimate().perHour, perHour > 0 else { return nil }
        return time + (100 - percent) / perHour * 3600
    }
}
