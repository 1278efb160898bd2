/// A generated month of history as a `Report`, for the page's screenshot script (`usage-logger-bench
/// --report-page`) and its tests: three windows with curves, cycles that hit the limit, one kept without a curve
/// and one with little coverage, forecasts, warnings resolved and active, versions, a model change and errors.
/// The same every time: a fixed seed and a fixed now (Monday 30 November 2026, 14:20 UTC).
public enum ReportPageDemo {
    public static let now = 1_796_048_400.0
    public static let since = 1_793_491_200.0  // 1 November 2026, 00:00 UTC
    public static let timeZone = "Europe/Berlin"

    static let session = Report.WindowKey(name: "Current session")
    static let week = Report.WindowKey(name: "Current week (all models)")
    static let opus = Report.WindowKey(name: "Current week (Opus)")

    /// A small fixed-seed generator (SplitMix64): the same month on every machine.
    struct Dice {
        var state: UInt64
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(1 << 53)
        }
    }

    public static func month() -> Report {
        var report = Report(generatedAt: now, timeZone: timeZone, period: .day)
        report.since = since
        report.until = now
        report.firstRecord = since + 120
        report.lastRecord = now - 60
        var dice = Dice(state: 12)
        report.cycles += sessionCycles(&dice)
        // Weekly windows reset on Thursdays at 18:00 UTC; the first cycle began on 29 October.
        let weekTargets: [Double] = [64, 88, 100, 74, 63]
        let opusTargets: [Double] = [31, 46, 55, 38, 31]
        for (index, start) in stride(from: 1_793_296_800.0, to: now, by: 7 * 86_400).enumerated() {
            report.cycles.append(
                weekCycle(week, start: start, target: weekTargets[index], source: "command", dice: &dice))
            report.cycles.append(
                weekCycle(opus, start: start, target: opusTargets[index], source: "mixed", dice: &dice))
        }
        report.cycles.sort { ($0.window, $0.start) < ($1.window, $1.start) }
        for cycle in report.cycles {
            if let first = cycle.first100 {
                report.limitHits.append(
                    .init(window: cycle.window, at: first, resetsAt: cycle.reset, kind: "window", message: nil))
            }
        }
        report.limitHits.append(
            .init(
                window: session, at: 1_795_172_400, resetsAt: 1_795_176_000, kind: "refused",
                message: "Claude usage limit reached. Your limit will reset at 7pm (Europe/Berlin)."))
        report.limitHits.sort { $0.at < $1.at }
        addNow(&report)
        addHealth(&report, dice: &dice)
        report.linesRead = 44_517
        report.skippedLines = 3
        return report
    }

    /// Hours since local midnight in Berlin (UTC+1 all November) and whether it is a working day.
    private static func localHour(_ time: Double) -> (hour: Double, workday: Bool) {
        let local = time + 3600
        let day = Int((local / 86_400).rounded(.down))
        let weekday = (day + 4) % 7  // 1970-01-01 was a Thursday; 0 = Sunday
        return ((local - Double(day) * 86_400) / 3600, weekday != 0 && weekday != 6)
    }

    /// Two or three sessions on working days, one some weekend days; the last is the current one.
    private static func sessionCycles(_ dice: inout Dice) -> [Report.Cycle] {
        var cycles: [Report.Cycle] = []
        var day = since - 3600  // local midnight
        while day < now {
            let workday = localHour(day + 12 * 3600).workday
            let starts: [Double] = workday ? [7.9, 13.4, 19] : (dice.next() < 0.4 ? [15] : [])
            for (index, hour) in starts.enumerated() {
                let start = day + (hour + dice.next() * 0.4) * 3600
                guard start + 1800 < now, !(workday && index == 2 && dice.next() < 0.5) else { continue }
                let rush = dice.next()
                let target = rush > 0.86 ? 100 + rush * 10 : 35 + rush * 55
                cycles.append(sessionCycle(start: start, target: target, dice: &dice))
            }
            day += 86_400
        }
        // Two older cycles as a reader without curves would give them, one with little coverage.
        cycles[3].curve = []
        cycles[3].coverage = 0.41
        cycles[8].curve = []
        return cycles
    }

    private static func sessionCycle(start: Double, target: Double, dice: inout Dice) -> Report.Cycle {
        let length = 5.0 * 3600
        let reset = start + length
        let end = min(reset, now - 60)
        let current = reset > now
        var curve: [Report.CurvePoint] = []
        var percent = 0.0
        var time = start
        let activeUntil = length * (0.55 + dice.next() * 0.4)
        while time <= end {
            curve.append(.init(at: time, percent: min(percent, 100)))
            if time - start < activeUntil {
                percent += target / (activeUntil / 300) * (0.3 + dice.next() * 1.4)
            }
            time += 300
        }
        if current { curve = scaled(curve, to: 52) }
        return cycle(session, start: start, reset: reset, curve: curve, source: "statusline", current: current)
    }

    private static func weekCycle(
        _ window: Report.WindowKey, start: Double, target: Double, source: String, dice: inout Dice
    ) -> Report.Cycle {
        let reset = start + 7 * 86_400
        let end = min(reset - 3600, now - 240)
        var weights: [Double] = []
        var time = start
        while time < reset {
            let (hour, workday) = localHour(time)
            weights.append(workday && hour >= 8 && hour < 20 ? 0.4 + dice.next() : (hour >= 20 ? 0.1 : 0))
            time += 3600
        }
        let total = weights.reduce(0, +)
        var curve: [Report.CurvePoint] = []
        var percent = 0.0
        for (index, weight) in weights.enumerated() where start + Double(index) * 3600 <= end {
            curve.append(.init(at: start + Double(index) * 3600, percent: min(percent, 100)))
            percent += weight / total * target * 1.02
        }
        if reset > now { curve = scaled(curve, to: target) }
        return cycle(window, start: start, reset: reset, curve: curve, source: source, current: reset > now)
    }

    /// The current cycle's curve stretched to end at `percent`, the reading the Now block shows.
    private static func scaled(_ curve: [Report.CurvePoint], to percent: Double) -> [Report.CurvePoint] {
        guard let last = curve.last?.percent, last > 0 else { return curve }
        return curve.map { .init(at: $0.at, percent: $0.percent / last * percent) }
    }

    private static func cycle(
        _ window: Report.WindowKey, start: Double, reset: Double, curve: [Report.CurvePoint], source: String,
        current: Bool
    ) -> Report.Cycle {
        let peak = curve.map(\.percent).max() ?? 0
        let spanned = (curve.last?.at ?? start) - start
        let step = curve.count > 1 ? curve[1].at - curve[0].at : 60
        var minutesAt100 = 0.0
        for point in curve where point.percent >= 100 { minutesAt100 += step / 60 }
        return Report.Cycle(
            window: window, start: start, reset: reset, peakPercent: peak,
            unusedPercent: current ? nil : max(0, 100 - (curve.last?.percent ?? 0)),
            first80: curve.first { $0.percent >= 80 }?.at, first95: curve.first { $0.percent >= 95 }?.at,
            first100: curve.first { $0.percent >= 100 }?.at, minutesAt100: minutesAt100,
            samples: Int(spanned / (source == "statusline" ? 60 : 600)), coverage: current ? 0.98 : 0.93,
            source: source, isCurrent: current,
            curve: curve)
    }
}
