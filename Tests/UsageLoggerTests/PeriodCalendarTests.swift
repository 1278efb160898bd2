import Foundation
import Testing

@testable import UsageLogger

/// Period names and bounds in a time zone with DST changes (Europe/Berlin: 2026-03-29 has 23 hours, 2026-10-25
/// has 25), ISO weeks across a year end, and usage grouped by them.
@Suite("Period calendar")
struct PeriodCalendarTests {
    typealias F = ReportFixture
    let berlin = TimeZone(identifier: "Europe/Berlin") ?? .gmt

    /// Seconds since 1970 of an ISO-8601 date-time with an offset.
    func at(_ text: String) throws -> Double {
        try #require(Timestamp.date(iso8601: text)).timeIntervalSince1970
    }

    @Test("a 23-hour and a 25-hour day, the repeated and the skipped local hour")
    func dstDaysAndHours() throws {
        #expect(berlin.identifier == "Europe/Berlin")
        let days = PeriodCalendar(period: .day, timeZone: berlin)
        let spring = days.compute(try at("2026-03-29T12:00:00Z"))
        #expect(spring.key == "2026-03-29")
        #expect(spring.start == (try at("2026-03-28T23:00:00Z")))
        #expect(spring.end - spring.start == 23 * F.hour)
        let autumn = days.compute(try at("2026-10-25T12:00:00Z"))
        #expect(autumn.key == "2026-10-25")
        #expect(autumn.start == (try at("2026-10-24T22:00:00Z")))
        #expect(autumn.end - autumn.start == 25 * F.hour)

        let hours = PeriodCalendar(period: .hour, timeZone: berlin)
        let summer = hours.compute(try at("2026-10-25T00:30:00Z"))
        let winter = hours.compute(try at("2026-10-25T01:30:00Z"))
        #expect(summer.key == "2026-10-25T02" && winter.key == "2026-10-25T02")
        #expect(winter.start - summer.start == F.hour)
        #expect(hours.compute(try at("2026-03-29T01:30:00Z")).key == "2026-03-29T03")
        #expect(hours.compute(try at("2026-03-29T00:59:00Z")).key == "2026-03-29T01")
    }

    @Test("ISO weeks and months in the zone")
    func weeksAndMonths() throws {
        let weeks = PeriodCalendar(period: .week, timeZone: berlin)
        let week9 = weeks.compute(try at("2026-03-01T12:00:00Z"))
        #expect(week9.key == "2026-W09")
        #expect(week9.start == (try at("2026-02-23T00:00:00+01:00")))
        #expect(weeks.compute(try at("2027-01-01T12:00:00Z")).key == "2026-W53")
        #expect(weeks.compute(try at("2027-01-04T12:00:00Z")).key == "2027-W01")
        let dstWeek = weeks.compute(try at("2026-03-29T12:00:00Z"))
        #expect(dstWeek.key == "2026-W13")
        #expect(dstWeek.end - dstWeek.start == 7 * F.day - F.hour)

        let months = PeriodCalendar(period: .month, timeZone: berlin)
        let october = months.compute(try at("2026-10-15T12:00:00Z"))
        #expect(october.key == "2026-10")
        #expect(october.start == (try at("2026-09-30T22:00:00Z")))
        #expect(october.end == (try at("2026-10-31T23:00:00Z")))
        #expect(months.compute(try at("2026-10-31T22:59:59Z")).key == "2026-10")
        #expect(months.compute(try at("2026-10-31T23:00:00Z")).key == "2026-11")
    }

    @Test("usage by day and by hour across the autumn change: 24, 25 and 24 hourly readings; 25 hours")
    func usageAcrossDst() throws {
        let start = try at("2026-10-23T22:00:00Z")  // 2026-10-24 00:00 in Berlin
        let samples = (0..<73).map { hour in
            F.usage(start + Double(hour) * F.hour, F.week, Double(hour % 10), resetsAt: start + 7 * F.day)
        }
        let now = start + 73 * F.hour
        let byDay = F.build(samples, now: now, timeZone: berlin)
        #expect(byDay.timeZone == "Europe/Berlin")
        #expect(byDay.usage.map(\.period) == ["2026-10-24", "2026-10-25", "2026-10-26"])
        #expect(byDay.usage.map(\.samples) == [24, 25, 24])
        #expect(byDay.usage.map(\.peakPercent) == [9, 9, 9])
        #expect(byDay.usage[1].periodStart == start + 24 * F.hour)

        let byHour = F.build(samples, now: now, period: .hour, timeZone: berlin)
        let october25 = byHour.usage.filter { $0.period.hasPrefix("2026-10-25T") }
        #expect(october25.count == 25)
        #expect(october25.filter { $0.period == "2026-10-25T02" }.count == 2)

        let byWeek = F.build(samples, now: now, period: .week, timeZone: berlin)
        #expect(byWeek.usage.map(\.period) == ["2026-W43", "2026-W44"])
        #expect(byWeek.usage.map(\.samples) == [49, 24])
        let byMonth = F.build(samples, now: now, period: .month, timeZone: berlin)
        #expect(byMonth.usage.map(\.period) == ["2026-10"])
    }

    @Test("the hour of the week follows the local clock")
    func hourOfWeek() throws {
        let clock = HourOfWeekClock(timeZone: berlin)
        // Monday 2026-03-02 00:30 in Berlin is Sunday 23:30 UTC.
        #expect(clock.compute(try at("2026-03-01T23:30:00Z")).bucket == 0)
        #expect(HourOfWeekClock(timeZone: .gmt).compute(try at("2026-03-01T23:30:00Z")).bucket == 167)
        #expect(clock.compute(try at("2026-10-25T01:30:00Z")).bucket == 6 * 24 + 2)
    }
}
