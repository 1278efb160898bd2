import Foundation
import Testing

@testable import UsageLogger

/// Reset cycles, usage per period, limit hits and errors, from hand-built sample sequences.
@Suite("Report builder")
struct ReportBuilderTests {
    typealias F = ReportFixture
    let t0 = ReportFixture.monday

    @Test("two 5-hour cycles known from resets_at: start, reset, peak, unused, samples and coverage")
    func twoSessionCycles() throws {
        let firstReset = t0 + 5 * F.hour
        let secondReset = t0 + 10 * F.hour
        var samples: [ReportSample] = []
        for minute in 60..<300 {
            samples.append(
                F.usage(t0 + Double(minute) * F.minute, F.session, Double(minute - 60) / 4, resetsAt: firstReset))
        }
        for minute in 300..<420 {
            samples.append(
                F.usage(t0 + Double(minute) * F.minute, F.session, Double(minute - 300) / 2, resetsAt: secondReset))
            if minute == 300 {
                // A command reading of the first cycle, written a little late: left out, not mixed into the second.
                samples.append(F.usage(firstReset - 30, F.session, 60, resetsAt: firstReset, source: "command"))
            }
        }
        let report = F.build(samples, now: t0 + 7 * F.hour)

        #expect(report.cycles.count == 2)
        let first = try #require(report.cycles.first)
        #expect(first.start == t0)
        #expect(first.reset == firstReset)
        #expect(first.peakPercent == 59.75)
        #expect(first.unusedPercent == 40.25)
        #expect(first.samples == 240)
        // 239 one-minute gaps and the minute to the reset, over 5 hours: the first hour had no data.
        #expect(first.coverage == 0.8)
        #expect(first.source == "statusline")
        #expect(!first.isCurrent)
        #expect(first.first80 == nil)

        let second = try #require(report.cycles.last)
        #expect(second.start == firstReset)
        #expect(second.reset == secondReset)
        #expect(second.peakPercent == 59.5)
        #expect(second.unusedPercent == nil)
        #expect(second.samples == 120)
        #expect(second.coverage == 1)
        #expect(second.isCurrent)

        #expect(report.firstRecord == t0 + F.hour)
        #expect(report.lastRecord == t0 + 419 * F.minute)
        #expect(report.linesRead == 361)
        #expect(report.healthScore == nil)
        #expect(report.windowsSeen == [F.session])
        let now = try #require(report.now.first)
        #expect(now.usedPercent == 59.5)
        #expect(now.at == t0 + 419 * F.minute)
        #expect(now.resetsAt == secondReset)
    }

    @Test("a reset seen only by the percentage falling back; a small dip is not a reset")
    func resetByFalling() throws {
        let percents: [Double] = [10, 20, 30, 40, 38, 1, 3]
        let samples = percents.enumerated().map { index, percent in
            F.usage(t0 + Double(index) * 10 * F.minute, F.session, percent, source: "command")
        }
        let report = F.build(samples, now: t0 + 70 * F.minute)

        #expect(report.cycles.count == 2)
        let first = try #require(report.cycles.first)
        #expect(first.start == t0)
        #expect(first.reset == t0 + 50 * F.minute)
        #expect(first.peakPercent == 40)
        #expect(first.unusedPercent == 62)
        #expect(first.samples == 5)
        #expect(first.coverage == 1)
        #expect(first.source == "command")
        let second = try #require(report.cycles.last)
        #expect(second.start == t0 + 50 * F.minute)
        #expect(second.reset == nil)
        #expect(second.samples == 2)
        #expect(second.coverage == 1)
        #expect(second.isCurrent)

        #expect(CycleTracker.fellBack(from: 6, to: 1))
        #expect(!CycleTracker.fellBack(from: 4, to: 0))
        #expect(CycleTracker.fellBack(from: 60, to: 35))
        #expect(!CycleTracker.fellBack(from: 60, to: 45))
    }

    @Test("a gap in the data lowers the coverage and adds no periods: it is never read as zero use")
    func gapInData() throws {
        let reset = t0 + 7 * F.day
        var samples: [ReportSample] = []
        for minute in 0..<120 { samples.append(F.usage(t0 + Double(minute) * F.minute, F.week, 10, resetsAt: reset)) }
        for minute in 0..<60 {
            samples.append(F.usage(t0 + F.day + Double(minute) * F.minute, F.week, 12, resetsAt: reset))
        }
        let report = F.build(samples, now: t0 + F.day + F.hour, period: .hour)

        let cycle = try #require(report.cycles.first)
        #expect(report.cycles.count == 1)
        #expect(cycle.start == t0)
        // 119 minutes, the 22-hour gap counted as 10 minutes, 59 minutes, and the minute to now; over 25 hours.
        #expect(cycle.coverage == 189.0 / 1500.0)
        #expect(cycle.samples == 180)
        #expect(report.usage.map(\.period) == ["2026-03-02T00", "2026-03-02T01", "2026-03-03T00"])
        #expect(report.usage.map(\.meanPercent) == [10, 10, 12])
        #expect(report.usage.map(\.samples) == [60, 60, 60])
    }

    @Test("a per-model weekly window that appears and disappears keeps its own cycle; --window filters")
    func windowAppearsAndDisappears() throws {
        let reset = t0 + 3 * F.day
        var samples: [ReportSample] = []
        for step in 0..<5 {
            var windows = [WindowReading(name: F.week, usedPercent: Double(step), resetsAt: reset)]
            if step < 3 { windows.append(WindowReading(name: "Current week (Opus)", usedPercent: 50, resetsAt: reset)) }
            samples.append(
                .usage(UsageReading(time: t0 + Double(step) * 10 * F.minute, source: "command", windows: windows)))
        }
        let now = t0 + 50 * F.minute
        let report = F.build(samples, now: now)

        #expect(report.windowsSeen == ["Current week (Opus)", F.week])
        #expect(report.cycles.map(\.window.name) == ["Current week (Opus)", F.week])
        let opus = try #require(report.cycles.first)
        #expect(opus.start == reset - 7 * F.day)
        #expect(opus.samples == 3)
        #expect(opus.isCurrent)
        // 20 minutes between its samples and 10 (the cap) after the last, over the 4 days 50 minutes since its start.
        #expect(opus.coverage == 1800.0 / (now - opus.start))
        #expect(try #require(report.cycles.last).coverage == 3000.0 / (now - opus.start))
        #expect(report.now.map(\.at) == [t0 + 20 * F.minute, t0 + 40 * F.minute])

        let filtered = F.build(samples, now: now, window: "OPUS")
        #expect(filtered.cycles.map(\.window.name) == ["Current week (Opus)"])
        #expect(filtered.windowsSeen == ["Current week (Opus)", F.week])
        let unknown = F.build(samples, now: now, window: "sonnet")
        #expect(unknown.cycles.isEmpty && unknown.now.isEmpty && unknown.usage.isEmpty)
        #expect(unknown.windowsSeen.count == 2)
    }

    @Test("time at 100 % and one limit hit per crossing; a refused request from a hook")
    func minutesAt100AndLimitHits() throws {
        let reset = t0 + 5 * F.hour
        var samples: [ReportSample] = []
        for minute in 0..<122 {
            let percent: Double =
                switch minute {
                case ..<60: 90
                case 90..<100: 100.5
                case 120: 99
                default: 100
                }
            samples.append(F.usage(t0 + Double(minute) * F.minute, F.session, percent, resetsAt: reset))
        }
        samples.append(
            .usage(
                UsageReading(
                    time: t0 + 121.5 * F.minute, source: "hook", state: "limited", errorType: "rate_limit_error",
                    windows: [])))
        let report = F.build(samples, now: t0 + 122 * F.minute)

        let cycle = try #require(report.cycles.first)
        #expect(cycle.first80 == t0)
        #expect(cycle.first95 == t0 + 60 * F.minute)
        #expect(cycle.first100 == t0 + 60 * F.minute)
        #expect(cycle.peakPercent == 100.5)
        // Minutes 60–119 (59 gaps), then the last reading (minute 121) to now.
        #expect(cycle.minutesAt100 == 60)
        #expect(report.limitHits.map(\.at) == [t0 + 60 * F.minute, t0 + 121 * F.minute, t0 + 121.5 * F.minute])
        #expect(report.limitHits.map(\.kind) == ["window", "window", "refused"])
        #expect(report.limitHits.map(\.resetsAt) == [reset, reset, nil])
        #expect(report.limitHits.last?.message == "rate_limit_error")
        #expect(report.limitHits.last?.window == nil)
        let day = try #require(report.usage.first)
        #expect(day.limitHits == 2)
        #expect(day.minutesAtOrAbove80 == 121)
        #expect(day.samples == 122)
        #expect(report.errors.isEmpty)
    }

    @Test("errors per period and type: an error by its type (unknown without), loading and unavailable by state")
    func errorsPerPeriod() {
        func failed(_ time: Double, _ state: String, _ type: String?) -> ReportSample {
            .usage(UsageReading(time: time, source: "command", state: state, errorType: type, windows: []))
        }
        let samples = [
            failed(t0, "error", "rate_limit_error"), failed(t0 + F.hour, "error", "rate_limit_error"),
            failed(t0 + 2 * F.hour, "error", nil), failed(t0 + 3 * F.hour, "loading", nil),
            failed(t0 + 4 * F.hour, "unavailable", nil), failed(t0 + F.day, "error", "rate_limit_error"),
            F.usage(t0 + F.day, F.session, 5, source: "command"),
        ]
        let report = F.build(samples, now: t0 + 2 * F.day)
        #expect(report.errors.map(\.period) == ["2026-03-02", "2026-03-02", "2026-03-02", "2026-03-02", "2026-03-03"])
        #expect(
            report.errors.map(\.type) == ["loading", "rate_limit_error", "unavailable", "unknown", "rate_limit_error"])
        #expect(report.errors.map(\.count) == [1, 2, 1, 1, 1])
        #expect(report.errors.first?.periodStart == t0)
    }
}
