import Foundation
import Testing

@testable import UsageLogger

/// Even pace, the recent-rate forecast and the hour-of-week history forecast of a window's current cycle.
@Suite("Pace and forecast")
struct PaceForecastTests {
    typealias F = ReportFixture
    let t0 = ReportFixture.monday

    @Test("ahead of and behind the even pace", arguments: [(50.0, 10.0), (30.0, -10.0)])
    func evenPace(used: Double, delta: Double) throws {
        let reset = t0 + 5 * F.hour
        let now = t0 + 2 * F.hour
        let report = F.build([F.usage(now, F.session, used, resetsAt: reset)], now: now)
        let forecast = try #require(report.forecasts.first)
        #expect(forecast.evenPacePercent == 40)
        #expect(forecast.paceDelta == delta)
        #expect(report.now.first?.paceDelta == delta)
        // One reading: no rate; no past cycle: no history forecast, and it says so.
        #expect(forecast.recentRatePerHour == nil)
        #expect(forecast.recentSamples == 1)
        #expect(forecast.historyCycles == 0)
        #expect(forecast.historyHits100At == nil && forecast.historyPercentAtReset == nil)
    }

    @Test("the recent rate reaches 100 % before the reset, or not before it", arguments: [(30.0, true), (10.0, false)])
    func recentRate(perHour: Double, reachesLimit: Bool) throws {
        let reset = t0 + 5 * F.hour
        let now = t0 + 2 * F.hour
        var samples: [ReportSample] = []
        for minute in stride(from: 60, through: 120, by: 10) {
            let percent = 50 - perHour * Double(120 - minute) / 60
            samples.append(F.usage(t0 + Double(minute) * F.minute, F.session, percent, resetsAt: reset))
        }
        let report = F.build(samples, now: now)
        let forecast = try #require(report.forecasts.first)
        #expect(forecast.usedPercent == 50)
        #expect(F.close(forecast.recentRatePerHour, perHour))
        #expect(forecast.recentSamples == 7)
        #expect(forecast.recentHours == 1)
        if reachesLimit {
            // 50 points at 30 an hour: 1 hour 40 minutes after the last reading, before the reset at 5 hours.
            #expect(F.close(forecast.recentHits100At, now + 100 * F.minute))
        } else {
            #expect(forecast.recentHits100At == nil)
        }
    }

    /// Two past weekly cycles (Tuesday to Tuesday) whose only use is a Monday-morning rush, 5 points an hour from
    /// 08:00 to 12:00; then a current cycle at 30 % on Friday noon.
    func weeklyHistory() -> (samples: [ReportSample], now: Double, reset: Double) {
        let tuesday = t0 + F.day
        var samples: [ReportSample] = []
        for week in 0..<2 {
            let start = tuesday + Double(week) * 7 * F.day
            let rush = start + 6 * F.day + 8 * F.hour
            for step in 0..<(7 * 24 * 6) {
                let time = start + Double(step) * 10 * F.minute
                let percent = 5 * min(max((time - rush) / F.hour, 0), 4)
                samples.append(F.usage(time, F.week, percent, resetsAt: start + 7 * F.day, source: "command"))
            }
        }
        let start = tuesday + 14 * F.day
        let now = start + 3 * F.day + 12 * F.hour
        for step in 0...(3 * 24 * 6 + 12 * 6) {
            let time = start + Double(step) * 10 * F.minute
            samples.append(F.usage(time, F.week, 30, resetsAt: start + 7 * F.day, source: "command"))
        }
        return (samples, now, start + 7 * F.day)
    }

    @Test("the history forecast follows the hour-of-week shape: the Monday rush is not spread over the weekend")
    func historyForecast() throws {
        let (samples, now, reset) = weeklyHistory()
        let report = F.build(samples, now: now)
        #expect(report.cycles.count == 3)
        let forecast = try #require(report.forecasts.first)
        #expect(forecast.historyCycles == 2)
        // The 20 points of the Monday rush, nothing on Friday afternoon or over the weekend.
        #expect(F.close(forecast.historyPercentAtReset, 50))
        #expect(forecast.historyHits100At == nil)
        #expect(F.close(forecast.recentRatePerHour, 0))
        #expect(forecast.recentHits100At == nil)

        var tracker = CycleTracker(key: Report.WindowKey(name: F.week))
        var clock = HourOfWeekClock(timeZone: .gmt)
        for case .usage(let reading) in samples {
            let window = try #require(reading.windows.first)
            _ = tracker.add(
                time: reading.time, percent: window.usedPercent ?? 0, resetsAt: window.resetsAt, source: "command",
                clock: &clock)
        }
        let pace = PaceForecast(now: now, clock: clock)
        let sunday = reset - 2 * F.day
        let weekend = pace.history(profile: tracker.profile, from: now, percent: 30, to: sunday)
        #expect(weekend.atReset == 30 && weekend.hits100 == nil)
        // From 90 %: Monday 08:00–09:00 gives 4⅙ points (the 08:00 reading is the last flat one), 09:00–10:00 five:
        // 99⅙; the last ⅚ point at 5 an hour takes 10 minutes.
        let nearLimit = pace.history(profile: tracker.profile, from: now, percent: 90, to: reset)
        #expect(F.close(nearLimit.hits100, reset - F.day + 10 * F.hour + 10 * F.minute))
        #expect(nearLimit.atReset == 100)
        #expect(HourOfWeekClock(timeZone: .gmt).compute(reset - F.day + 8 * F.hour).bucket == 8)
    }
}
