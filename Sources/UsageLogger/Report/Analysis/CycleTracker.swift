/// One window's history in one pass: its reset cycles (the current one running, the finished ones as reported),
/// its latest reading, the recent readings for the rate and its hour-of-week profile.
///
/// A new cycle is known from `resets_at` (a reset later than the current one by more than `tolerance`: the screen
/// gives minutes, the statusline seconds, and a 5-hour reset can drift a little), from a reading after the known
/// reset, and, when a reading has no reset time, from the percentage falling back.
struct CycleTracker: Sendable {
    /// Two reset times closer than this are the same reset. A window's next reset is at least its length later.
    static let tolerance: Double = 600
    /// A reading said more than this after its own reset time is stale (a statusline showing the last response
    /// of an idle session): its cycle is over and it says nothing about the new one.
    static let staleness: Double = 60

    struct Latest: Sendable, Equatable {
        var time: Double
        var percent: Double
        var source: String
        var resetsAt: Double?
    }

    let key: Report.WindowKey
    /// 5 hours for `Current session`, 7 days for the weekly windows; else learnt from successive resets.
    let fixedLength: Double?
    private(set) var inferredLength: Double?
    private(set) var current: CycleAccumulator?
    private(set) var finished: [Report.Cycle] = []
    private(set) var latest: Latest?
    private(set) var spacing = SampleSpacing()
    private(set) var recent: RecentRate
    private(set) var profile = HourOfWeekProfile()

    init(key: Report.WindowKey) {
        self.key = key
        self.fixedLength = Self.length(ofWindowNamed: key.name)
        self.recent = RecentRate(horizon: (fixedLength ?? 86_400) <= 6 * 3600 ? 2 * 3600 : 86_400)
    }

    static func length(ofWindowNamed name: String) -> Double? {
        if name == "Current session" { return 5 * 3600 }
        if name.lowercased().contains("week") { return 7 * 86_400 }
        return nil
    }

    var length: Double? { fixedLength ?? inferredLength }

    /// Adds one reading; says whether it crossed to 100 % (a limit hit), or nil when it was left out (stale, or
    /// late from the cycle before).
    mutating func add(
        time: Double, percent: Double, resetsAt: Double?, source: String, clock: inout HourOfWeekClock
    ) -> Bool? {
        if let resetsAt, resetsAt + Self.staleness < time { return nil }
        // Late by a little (two sources at a reset): a reading of the cycle before this one is left out rather
        // than mixed into it. A reset moved earlier in the middle of a cycle still counts.
        if let resetsAt, let cycle = current, let known = cycle.reset, resetsAt < known - Self.tolerance,
            time < cycle.start + Self.tolerance
        {
            return nil
        }
        if let lastTime = current?.lastTime { spacing.record(gap: time - lastTime) }
        startCycleIfNeeded(time: time, percent: percent, resetsAt: resetsAt)
        let previous = current?.lastPercent
        current?.add(time: time, percent: percent, source: source, cap: spacing.cap)
        recent.add(time: time, percent: percent)
        profile.add(time: time, percent: percent, clock: &clock)
        if latest.map({ time >= $0.time }) ?? true {
            latest = Latest(time: time, percent: percent, source: source, resetsAt: resetsAt ?? current?.reset)
        }
        return percent >= 100 && (previous.map { $0 < 100 } ?? true)
    }

    private mutating func startCycleIfNeeded(time: Double, percent: Double, resetsAt: Double?) {
        guard let cycle = current else {
            current = CycleAccumulator(start: start(before: resetsAt) ?? time, reset: resetsAt)
            return
        }
        let fell = cycle.lastPercent.map { Self.fellBack(from: $0, to: percent) } ?? false
        switch (cycle.reset, resetsAt) {
        case (let known?, let said?):
            if said > known + Self.tolerance {
                if fixedLength == nil { inferredLength = min(inferredLength ?? .infinity, said - known) }
                newCycle(endingAt: known, start: start(before: said) ?? known, reset: said)
            } else if said >= known - Self.tolerance {
                current?.reset = said  // the same reset, read more exactly or drifted
            }
        case (let known?, nil):
            if time >= known + Self.staleness {
                newCycle(endingAt: known, start: known, reset: nil)
            } else if fell {
                newCycle(endingAt: time, start: time, reset: nil)  // reset early
            }
        case (nil, let said?):
            if fell {
                newCycle(endingAt: time, start: start(before: said) ?? time, reset: said)
            } else {
                current?.reset = said
                if let start = start(before: said) { current?.start = start }
            }
        case (nil, nil):
            if fell { newCycle(endingAt: time, start: time, reset: nil) }
        }
    }

    /// How many of the latest finished cycles keep their curve.
    static let cyclesWithCurves = 60

    /// A fall that only a reset explains: from at least 5 points to near zero, or by more than 20 points.
    static func fellBack(from previous: Double, to percent: Double) -> Bool {
        (percent <= 2 && previous >= percent + 5) || previous - percent > 20
    }

    private func start(before reset: Double?) -> Double? {
        guard let reset, let length else { return nil }
        return reset - length
    }

    private mutating func newCycle(endingAt reset: Double, start: Double, reset next: Double?) {
        if var cycle = current {
            cycle.reset = reset
            finished.append(cycle.cycle(window: key, end: reset, cap: spacing.cap, isCurrent: false))
            // Curves are for the charts of the latest cycles: older ones give theirs up, so years cost no more.
            if finished.count > Self.cyclesWithCurves {
                finished[finished.count - Self.cyclesWithCurves - 1].curve = []
            }
        }
        profile.finishCycle()
        recent.reset()
        current = CycleAccumulator(start: start, reset: next)
    }

    /// Appends every cycle as reported at `now`: the last one is current while its reset is still ahead (or unknown and
    /// its last reading within a window's length of now); otherwise it is finished at its reset.
    func appendCycles(now: Double, to cycles: inout [Report.Cycle]) {
        cycles.append(contentsOf: finished)
        if let current { cycles.append(report(of: current, now: now)) }
    }

    var cycleCount: Int { finished.count + (current == nil ? 0 : 1) }

    /// The current cycle as reported, and whether it still runs at `now`.
    func report(of cycle: CycleAccumulator, now: Double) -> Report.Cycle {
        let running: Bool
        if let reset = cycle.reset {
            running = reset > now
        } else {
            running = (cycle.lastTime ?? now) + (length ?? 86_400) > now
        }
        let end = running ? max(now, cycle.lastTime ?? now) : (cycle.reset ?? cycle.lastTime ?? now)
        return cycle.cycle(window: key, end: end, cap: spacing.cap, isCurrent: running)
    }
}
