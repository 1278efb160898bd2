import Foundation

/// A moment as people type it on a command line: `2026-03-01` (midnight), `2026-03-01T14:00` or `2026-03-01 14:00`
/// (seconds optional) in the given time zone; an ISO-8601 date-time with `Z` or an offset; or a time ago, `30m`,
/// `24h`, `7d`, `2w`.
struct WhenText {
    let now: Date
    let timeZone: TimeZone

    /// Seconds since 1970, or nil when `text` is none of the forms.
    func seconds(_ text: String) -> Double? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let ago = Self.secondsAgo(text) { return now.timeIntervalSince1970 - ago }
        if let moment = Timestamp.date(iso8601: text) { return moment.timeIntervalSince1970 }
        return local(text)
    }

    /// `30m`, `24h`, `7d`, `2w` in seconds.
    private static func secondsAgo(_ text: String) -> Double? {
        guard let unit = text.last, let number = Int(text.dropLast()), number >= 0, number < 1_000_000 else {
            return nil
        }
        let scale: Double =
            switch unit {
            case "m": 60
            case "h": 3600
            case "d": 86_400
            case "w": 7 * 86_400
            default: 0
            }
        return scale > 0 ? Double(number) * scale : nil
    }

    /// A date, or a date and a time without a zone, in `timeZone`.
    private func local(_ text: String) -> Double? {
        let parts = text.split(whereSeparator: { $0 == "T" || $0 == " " }).map(String.init)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
            let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2])
        else { return nil }
        var hour = 0
        var minute = 0
        var second = 0
        if parts.count == 2 {
            let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard time.count == 2 || time.count == 3, time.allSatisfy({ $0.count == 2 }),
                let hours = Int(time[0]), let minutes = Int(time[1]), hours <= 23, minutes <= 59
            else { return nil }
            hour = hours
            minute = minutes
            if time.count == 3 {
                guard let seconds = Int(time[2]), seconds <= 59 else { return nil }
                second = seconds
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        // Refuses 2026-02-30 rather than let the calendar roll it over into March. A time skipped by a daylight-saving
        // change is taken as the calendar takes it (moved forward), not refused.
        guard (1...12).contains(month), day >= 1, day <= Self.days(inMonth: month, year: year),
            let moment = calendar.date(from: components)
        else { return nil }
        return moment.timeIntervalSince1970
    }

    private static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
