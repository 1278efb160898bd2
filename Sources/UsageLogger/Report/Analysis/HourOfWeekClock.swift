import Foundation

/// Tells the hour of the week (0 = Monday 00:00–01:00 … 167 = Sunday 23:00–24:00) of a moment in the report's time
/// zone: the buckets of the usage shape that a history forecast follows (weekday peak hours count faster than a
/// weekend). The local hour is the calendar's, so a DST change moves the buckets with the user's clock.
struct HourOfWeekClock: Sendable {
    /// One real hour: `[start, end)` and its bucket.
    struct Hour: Sendable, Equatable {
        var start: Double
        var end: Double
        var bucket: Int
    }

    static let buckets = 168
    private let calendar: Calendar
    private var last: Hour?

    init(timeZone: TimeZone) {
        self.calendar = PeriodCalendar.isoCalendar(timeZone)
    }

    /// The hour that holds `time` (cached: samples come in time order).
    mutating func hour(containing time: Double) -> Hour {
        if let last, time >= last.start, time < last.end { return last }
        let hour = compute(time)
        last = hour
        return hour
    }

    func compute(_ time: Double) -> Hour {
        let date = Date(timeIntervalSince1970: time)
        let parts = calendar.dateComponents([.weekday, .hour], from: date)
        // Gregorian weekdays count from Sunday = 1; the buckets from Monday.
        let day = ((parts.weekday ?? 2) + 5) % 7
        let bucket = day * 24 + (parts.hour ?? 0)
        guard let interval = calendar.dateInterval(of: .hour, for: date) else {
            let start = (time / 3600).rounded(.down) * 3600
            return Hour(start: start, end: start + 3600, bucket: bucket)
        }
        return Hour(
            start: interval.start.timeIntervalSince1970, end: interval.end.timeIntervalSince1970, bucket: bucket)
    }
}
