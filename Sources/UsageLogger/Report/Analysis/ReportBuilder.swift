/// Turns samples, given in time order, into a `Report`, in one pass and bounded memory: per window it keeps the
/// current cycle, per period its sums, and per hour of the week the typical rise.
///
/// Memory grows with the windows, the finished cycles, the periods, the versions and the warnings (a few thousand
/// of each over years), never with the samples. Small disorder in the samples is tolerated: a reading older than
/// the last one of its window still counts, but does not move the window's "latest" or its cycle back.
public struct ReportBuilder: Sendable {
    public let settings: ReportSettings

    private var periods: PeriodCalendar
    private var clock: HourOfWeekClock
    private var trackers: [CycleTracker] = []
    /// Window key → tracker number, or -1 for a window `--window` leaves out.
    private var trackerNumbers: [Report.WindowKey: Int] = [:]
    private var windowsSeen: Set<String> = []
    private var usage = PeriodUsageTable()
    private var errors = PeriodErrorTable()
    private var limitHits: [Report.LimitHit] = []
    private var status = StatusHistory()
    private var health: HealthTimeline
    private var firstRecord: Double?
    private var lastRecord: Double?

    public init(settings: ReportSettings) {
        self.settings = settings
        self.periods = PeriodCalendar(period: settings.period, timeZone: settings.timeZone)
        self.clock = HourOfWeekClock(timeZone: settings.timeZone)
        self.health = HealthTimeline(calendar: PeriodCalendar(period: settings.period, timeZone: settings.timeZone))
    }

    /// A diagnostics record from before `--since`: it says which warnings are open when the range begins.
    public mutating func carryIn(_ reading: DiagnosticReading) {
        health.carryIn(reading)
    }

    public mutating func add(_ sample: ReportSample) {
        let time = sample.time
        firstRecord = min(firstRecord ?? time, time)
        lastRecord = max(lastRecord ?? time, time)
        switch sample {
        case .usage(let reading): addUsage(reading)
        case .status(let reading): status.add(reading)
        case .diagnostic(let reading): health.add(reading, rangeStart: settings.since ?? firstRecord ?? time)
        }
    }

    private mutating func addUsage(_ reading: UsageReading) {
        let time = reading.time
        if let type = PeriodErrorTable.type(state: reading.state, errorType: reading.errorType) {
            errors.add(type: type, period: periods.slot(containing: time))
        }
        if reading.state == "limited", reading.source == "hook" {
            let window = reading.windows.first
            let key = window.map { Report.WindowKey(label: reading.label, name: $0.name) }
            var number = -1
            if let key { number = trackerNumber(key) }
            if key == nil || number >= 0 {
                limitHits.append(
                    Report.LimitHit(
                        window: key, at: time, resetsAt: window?.resetsAt, kind: "refused", message: reading.errorType,
                        usedPercent: window?.usedPercent))
                // Counted in its period's hits too, so every part of the report tells the same number.
                if number >= 0 {
                    usage.addHit(window: number, period: periods.slot(containing: time), percent: window?.usedPercent)
                }
            }
        }
        // A hook record's windows are the statusline's last reading, already in the log: not a new reading.
        if reading.source == "hook" { return }
        for window in reading.windows {
            guard let percent = window.usedPercent else { continue }
            let key = Report.WindowKey(label: reading.label, name: window.name)
            let number = trackerNumber(key)
            guard number >= 0,
                let hit = trackers[number].add(
                    time: time, percent: percent, resetsAt: window.resetsAt, source: reading.source, clock: &clock)
            else { continue }
            usage.add(
                window: number, period: periods.slot(containing: time), time: time, percent: percent,
                cap: trackers[number].spacing.cap, limitHit: hit)
            if hit {
                limitHits.append(
                    Report.LimitHit(
                        window: key, at: time, resetsAt: trackers[number].current?.reset, kind: "window",
                        message: nil, usedPercent: percent))
            }
        }
    }

    /// The tracker of `key`, made on first sight; -1 when the window filter leaves it out.
    private mutating func trackerNumber(_ key: Report.WindowKey) -> Int {
        if let number = trackerNumbers[key] { return number }
        windowsSeen.insert(key.name)
        var number = -1
        if settings.windowFilter.map({ ReportSettings.window(key.name, matches: $0) }) ?? true {
            number = trackers.count
            trackers.append(CycleTracker(key: key))
        }
        trackerNumbers[key] = number
        return number
    }

    public func finish(summary: ReadSummary) -> Report {
        var report = Report(
            generatedAt: settings.now, timeZone: settings.timeZone.identifier, period: settings.period)
        report.since = settings.since
        report.until = settings.until
        report.firstRecord = firstRecord
        report.lastRecord = lastRecord
        report.linesRead = summary.linesRead
        report.skippedLines = summary.skippedLines
        report.windowsSeen = windowsSeen.sorted()

        let now = settings.now
        let ordered = trackers.sorted { $0.key < $1.key }
        report.now = ordered.compactMap { nowEntry($0, now: now) }
        report.cycles.reserveCapacity(ordered.reduce(0) { $0 + $1.cycleCount })
        for tracker in ordered { tracker.appendCycles(now: now, to: &report.cycles) }
        let pace = PaceForecast(now: now, clock: clock)
        report.forecasts = ordered.compactMap { pace.forecast(for: $0) }
        report.usage = usage.usage(keys: trackers.map(\.key))
        report.errors = errors.errors()
        report.limitHits = limitHits.enumerated()
            .sorted { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }
            .map(\.element)
        report.versions = status.versionSpans()
        report.changes = status.changes

        if let first = firstRecord, let last = lastRecord {
            let start = settings.since ?? first
            let end = max(settings.until ?? last, start)
            var health = self.health
            let timeline = health.finish(start: start, end: end)
            report.diagnostics = timeline.spans
            report.diagnosticsDigest = timeline.digest
            if health.seenAny || status.seenAny {
                report.healthScore = end > start ? 1 - timeline.unhealthySeconds / (end - start) : 1
            }
        }
        return report
    }

    private func nowEntry(_ tracker: CycleTracker, now: Double) -> Report.NowEntry? {
        guard let latest = tracker.latest else { return nil }
        var delta: Double?
        if let cycle = tracker.current, tracker.report(of: cycle, now: now).isCurrent,
            let even = PaceForecast.evenPace(reset: cycle.reset, length: tracker.length, now: now)
        {
            delta = latest.percent - even
        }
        return Report.NowEntry(
            window: tracker.key, usedPercent: latest.percent, at: latest.time, source: latest.source,
            resetsAt: latest.resetsAt, paceDelta: delta)
    }
}
