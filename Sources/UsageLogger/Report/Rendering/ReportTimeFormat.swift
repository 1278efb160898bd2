import Foundation

/// How times and durations read in a report, in its time zone: `2026-11-29 13:22` (or `11-29 13:22` within a
/// year), durations `38m`, `2h20m`, `3d18h`, and percentages without needless decimals.
struct ReportTimeFormat {
    let timeZone: TimeZone
    private let calendar: Calendar

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `2026-11-29 13:22`.
    func dateTime(_ time: Double) -> String {
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: time))
        return String(
            format: "%04d-%02d-%02d %02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }

    /// `11-29 13:22`: a time in a table whose year the header says.
    func short(_ time: Double) -> String { String(dateTime(time).dropFirst(5)) }

    /// `13:22`, or `11-29 13:22` when not on the day of `reference`.
    func clock(_ time: Double, sameDayAs reference: Double) -> String {
        let day = calendar.isDate(
            Date(timeIntervalSince1970: time), inSameDayAs: Date(timeIntervalSince1970: reference))
        return day ? String(dateTime(time).suffix(5)) : short(time)
    }

    /// `Mon` … `Sun`.
    func weekday(_ time: Double) -> String {
        ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][weekdayIndex(time)]
    }

    /// 0 for Sunday … 6 for Saturday.
    func weekdayIndex(_ time: Double) -> Int {
        (calendar.component(.weekday, from: Date(timeIntervalSince1970: time)) - 1) % 7
    }

    /// The hour of the day, 0–23.
    func hour(_ time: Double) -> Int {
        calendar.component(.hour, from: Date(timeIntervalSince1970: time))
    }

    /// `2026-11-29`.
    func date(_ time: Double) -> String { String(dateTime(time).prefix(10)) }

    /// `45s`, `38m`, `2h20m`, `3d18h`.
    static func duration(_ seconds: Double) -> String {
        let seconds = max(0, seconds)
        if seconds < 60 { return "\(Int(seconds))s" }
        let minutes = Int((seconds / 60).rounded())
        if minutes < 60 { return "\(minutes)m" }
        if minutes < 48 * 60 { return minutes % 60 == 0 ? "\(minutes / 60)h" : "\(minutes / 60)h\(minutes % 60)m" }
        let hours = minutes / 60
        return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h"
    }

    /// `42%`, `42.5%` (one decimal only when it is not whole).
    static func percent(_ value: Double) -> String { number(value) + "%" }

    /// `42`, `42.5`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.1f", rounded)
    }
}
