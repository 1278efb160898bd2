import Foundation

/// Names and bounds the periods a report groups by (`--by`), in its time zone: `2026-03-01T14`, `2026-03-01`,
/// `2026-W09` (ISO week), `2026-03`. The calendar does the arithmetic, so a DST change gives a 23- or 25-hour day;
/// the two real hours of a repeated local hour (autumn) are two periods that share a name.
///
/// Samples come in time order, so the period of the last sample is kept: nearly every lookup is two comparisons.
struct PeriodCalendar: Sendable {
    /// One period: `[start, end)` in seconds since 1970, and its name.
    struct Slot: Sendable, Equatable {
        var start: Double
        var end: Double
        var key: String
    }

    let period: ReportPeriod
    private let calendar: Calendar
    private var last: Slot?

    init(period: ReportPeriod, timeZone: TimeZone) {
        self.period = period
        self.calendar = Self.isoCalendar(timeZone)
    }

    /// A Gregorian calendar with ISO weeks (Monday first, the week of January 4th is week 1) in `timeZone`.
    static func isoCalendar(_ timeZone: TimeZone) -> Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.firstWeekday = 2
        calendar.minimumDaysInFirstWeek = 4
        return calendar
    }

    /// The period that holds `time`.
    mutating func slot(containing time: Double) -> Slot {
        if let last, time >= last.start, time < last.end { return last }
        let slot = compute(time)
        last = slot
        return slot
    }

    /// The period that holds `time`, without touching the cache (for walks that jump around).
    func compute(_ time: Double) -> Slot {
        let component: Calendar.Component =
            switch period {
            case .hour: .hour
            case .day: .day
            case .week: .weekOfYear
            case .month: .month
            }
        let date = Date(timeIntervalSince1970: time)
        guard let interval = calendar.dateInterval(of: component, for: date) else {
            // Not expected for a real zone; an hour in UTC keeps the report going.
            let start = (time / 3600).rounded(.down) * 3600
            return Slot(start: start, end: start + 3600, key: "?")
        }
        let start = interval.start.timeIntervalSince1970
        return Slot(start: start, end: interval.end.timeIntervalSince1970, key: key(for: interval.start))
    }

    private func key(for start: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .yearForWeekOfYear, .weekOfYear], from: start)
        let year = Self.padded(parts.year ?? 0, 4)
        let month = Self.padded(parts.month ?? 0, 2)
        switch period {
        case .hour:
            return "\(year)-\(month)-\(Self.padded(parts.day ?? 0, 2))T\(Self.padded(parts.hour ?? 0, 2))"
        case .day:
            return "\(year)-\(month)-\(Self.padded(parts.day ?? 0, 2))"
        case .week:
            return "\(Self.padded(parts.yearForWeekOfYear ?? 0, 4))-W\(Self.padded(parts.weekOfYear ?? 0, 2))"
        case .month:
            return "\(year)-\(month)"
        }
    }

    private static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
