import Foundation

/// How the page writes times, spans and numbers: in the report's time zone, in one fixed English form whatever
/// the machine's locale, so the same report always gives the same page.
struct PageFormat: Sendable {
    let timeZone: TimeZone
    private let calendar: Calendar

    private static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        self.calendar = calendar
    }

    private func parts(_ time: Double) -> DateComponents {
        calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .weekday], from: Date(timeIntervalSince1970: Self.sane(time)))
    }

    /// A time the calendar can take: a nonsense value from a damaged log (NaN, year 30 000) becomes 1970 or is
    /// held within about 3 000 years, instead of trapping.
    static func sane(_ time: Double) -> Double { time.isFinite ? min(max(time, -1e11), 1e11) : 0 }

    /// `value` rounded to an integer, NaN and infinities as 0 and the rest held within ±10¹⁵, where `Int(_:)`
    /// would trap.
    static func whole(_ value: Double) -> Int { value.isFinite ? Int(min(max(value.rounded(), -1e15), 1e15)) : 0 }

    /// `Mon 3 Nov 14:05`.
    func dateTime(_ time: Double) -> String {
        let c = parts(time)
        return "\(Self.weekdays[(c.weekday ?? 1) - 1]) \(c.day ?? 0) \(Self.months[(c.month ?? 1) - 1]) "
            + clock(c)
    }

    /// `3 Nov 2026`.
    func date(_ time: Double) -> String {
        let c = parts(time)
        return "\(c.day ?? 0) \(Self.months[(c.month ?? 1) - 1]) \(c.year ?? 0)"
    }

    /// `Mon 3`, for the ticks of a chart over days.
    func dayTick(_ time: Double) -> String {
        let c = parts(time)
        return "\(Self.weekdays[(c.weekday ?? 1) - 1]) \(c.day ?? 0)"
    }

    /// `3 Nov`.
    func dayMonth(_ time: Double) -> String {
        let c = parts(time)
        return "\(c.day ?? 0) \(Self.months[(c.month ?? 1) - 1])"
    }

    /// `18:50` when on the same day as `reference`, else `Tue 00:30`: short enough for a table's later columns.
    func timeAfter(_ time: Double, from reference: Double) -> String {
        let c = parts(time)
        let r = parts(reference)
        if c.year == r.year, c.month == r.month, c.day == r.day { return clock(c) }
        return "\(Self.weekdays[(c.weekday ?? 1) - 1]) " + clock(c)
    }

    /// `Mon`.
    func weekday(_ time: Double) -> String { Self.weekdays[(parts(time).weekday ?? 1) - 1] }

    /// `14:05`.
    func time(_ time: Double) -> String { clock(parts(time)) }

    private func clock(_ c: DateComponents) -> String {
        let hour = c.hour ?? 0
        let minute = c.minute ?? 0
        return (hour < 10 ? "0" : "") + "\(hour):" + (minute < 10 ? "0" : "") + "\(minute)"
    }

    /// The start of the day holding `time`, in the report's time zone.
    func startOfDay(_ time: Double) -> Double {
        calendar.startOfDay(for: Date(timeIntervalSince1970: Self.sane(time))).timeIntervalSince1970
    }

    /// The start of the next day (23, 24 or 25 hours later across a change of clocks).
    func nextDay(_ time: Double) -> Double {
        let day = Date(timeIntervalSince1970: startOfDay(time))
        return (calendar.date(byAdding: .day, value: 1, to: day) ?? day.addingTimeInterval(86_400))
            .timeIntervalSince1970
    }

    /// `Europe/Berlin (UTC+01:00)` at `time`.
    func zoneName(at time: Double) -> String {
        let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time))
        let sign = offset < 0 ? "−" : "+"
        let minutes = abs(offset) / 60
        let hh = minutes / 60
        let mm = minutes % 60
        return timeZone.identifier + " (UTC\(sign)" + (hh < 10 ? "0" : "") + "\(hh):" + (mm < 10 ? "0" : "") + "\(mm))"
    }

    /// `45 min`, `2 h 20 min`, `3 d 18 h`.
    static func span(_ seconds: Double) -> String {
        let minutes = whole(max(seconds, 0) / 60)
        if minutes < 60 { return "\(minutes) min" }
        if minutes < 24 * 60 { return "\(minutes / 60) h" + (minutes % 60 == 0 ? "" : " \(minutes % 60) min") }
        let hours = minutes / 60
        return "\(hours / 24) d" + (hours % 24 == 0 ? "" : " \(hours % 24) h")
    }

    /// `37%`, `12.5%` below 10 when it has a fraction worth saying.
    static func percent(_ value: Double) -> String {
        if value < 10, value != value.rounded(), value > 0 { return String(format: "%.1f%%", value) }
        return "\(whole(value))%"
    }

    /// `48,211`.
    static func count(_ value: Int) -> String {
        let digits = String(abs(value))
        var output = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { output += "," }
            output.append(digit)
        }
        return (value < 0 ? "−" : "") + output
    }

    /// A coordinate for SVG: one decimal, no trailing `.0`.
    static func coordinate(_ value: Double) -> String {
        let tenths = whole(value * 10)
        let units = tenths / 10
        let fraction = abs(tenths % 10)
        let sign = tenths < 0 && units == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(units)" : "\(sign)\(units).\(fraction)"
    }
}
