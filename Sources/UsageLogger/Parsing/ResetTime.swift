import Foundation

/// Turns a reset text as `/usage` shows it (`Mar 19 at 11pm (America/New_York)`, `3:59pm (Europe/Helsinki)`,
/// `Jan 2, 2026, 10:59pm (…)`, even `Apr3at9am(Europe/Paris)`) into an instant, resolved in the named zone
/// relative to the capture time. Nil whenever the answer is not unique: no zone, an unknown zone, no time of day,
/// or a local time that a daylight-saving change skips or repeats.
public enum ResetTime {
    public static func resolve(_ text: String, capturedAt: Date) -> Date? {
        guard let parsed = parse(text), let zone = TimeZone(identifier: parsed.zone) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let now = calendar.dateComponents([.year, .month, .day], from: capturedAt)
        guard let year = now.year, let month = now.month, let day = now.day else { return nil }
        // Shown times are rounded down to the minute: a reset in the current minute has not passed yet.
        let notBefore = capturedAt.addingTimeInterval(-60)
        if let explicitYear = parsed.year, let explicitMonth = parsed.month, let explicitDay = parsed.day {
            // A screen never shows a reset that has passed: a past date is a misreading (a stray `ESC[?1049l`
            // read as the year 1049), not a reset.
            guard let date = instant(explicitYear, explicitMonth, explicitDay, parsed.hour, parsed.minute, calendar),
                date >= notBefore
            else { return nil }
            return date
        }
        if let explicitMonth = parsed.month, let explicitDay = parsed.day {
            for candidateYear in [year, year + 1] {
                guard
                    let date = instant(candidateYear, explicitMonth, explicitDay, parsed.hour, parsed.minute, calendar)
                else { return nil }
                if date >= notBefore { return date }
            }
            return nil
        }
        guard let today = instant(year, month, day, parsed.hour, parsed.minute, calendar) else { return nil }
        if today >= notBefore { return today }
        guard let tomorrow = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: capturedAt)) else {
            return nil
        }
        let next = calendar.dateComponents([.year, .month, .day], from: tomorrow)
        guard let nextYear = next.year, let nextMonth = next.month, let nextDay = next.day else { return nil }
        return instant(nextYear, nextMonth, nextDay, parsed.hour, parsed.minute, calendar)
    }

    struct Parsed: Equatable {
        var year: Int?
        var month: Int?
        var day: Int?
        var hour: Int
        var minute: Int
        var zone: String
    }

    /// Splits the text into date, time of day and zone; nil without a zone or a time of day.
    static func parse(_ text: String) -> Parsed? {
        guard let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close else { return nil }
        let zone = String(text[text.index(after: open)..<close]).trimmed
        guard !zone.isEmpty, !zone.contains(" ") else { return nil }
        var scanner = ResetTextScanner(String(text[..<open]).lowercased())
        return scanner.scan(zone: zone)
    }

    /// The instant of a local date and time, or nil if that local time does not exist or exists twice.
    private static func instant(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ calendar: Calendar)
        -> Date?
    {
        let wanted = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard let date = calendar.date(from: wanted) else { return nil }
        let fields: Set<Calendar.Component> = [.year, .month, .day, .hour, .minute]
        let got = calendar.dateComponents(fields, from: date)
        guard got.year == year, got.month == month, got.day == day, got.hour == hour, got.minute == minute else {
            return nil  // skipped by a daylight-saving change
        }
        let zone = calendar.timeZone
        let shift =
            zone.secondsFromGMT(for: date.addingTimeInterval(-7200))
            - zone.secondsFromGMT(for: date.addingTimeInterval(7200))
        if shift != 0 {
            for other in [date.addingTimeInterval(TimeInterval(shift)), date.addingTimeInterval(TimeInterval(-shift))] {
                let components = calendar.dateComponents(fields, from: other)
                if components.hour == hour, components.minute == minute, components.day == day { return nil }
            }
        }
        return date
    }
}

/// Reads `mar 19 at 11pm`, `jan 2, 2026, 10:59pm`, `3:59pm`, `apr3at9am` with or without spaces.
private struct ResetTextScanner {
    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private var characters: [Character]
    private var position = 0

    init(_ text: String) { characters = Array(text) }

    mutating func scan(zone: String) -> ResetTime.Parsed? {
        var numbers: [Int] = []
        var month: Int?
        var hour: Int?
        var minute = 0
        var clockHour: Int?  // a number written with minutes (`10:59`), the hour unless am/pm says otherwise
        while position < characters.count {
            let character = characters[position]
            if character.isLetter {
                let word = readWhile { $0.isLetter }
                let meridiem =
                    word.hasPrefix("am") || word.hasPrefix("pm") || word.hasSuffix("am") || word.hasSuffix("pm")
                if month == nil, let index = Self.months.firstIndex(where: { word.hasPrefix($0) }) {
                    month = index + 1
                } else if meridiem {
                    guard let last = numbers.popLast(), (1...12).contains(last) else { return nil }
                    hour = last % 12 + (word.contains("pm") ? 12 : 0)
                    clockHour = nil
                }
            } else if character.isNumber {
                guard let value = Int(readWhile { $0.isNumber }.prefix(6)) else { return nil }
                numbers.append(value)
                if position < characters.count, characters[position] == ":" {
                    position += 1
                    guard let parsedMinute = Int(readWhile { $0.isNumber }.prefix(3)), parsedMinute < 60 else {
                        return nil
                    }
                    minute = parsedMinute
                    clockHour = value
                }
            } else {
                position += 1
            }
        }
        if hour == nil, let clockHour, clockHour < 24, numbers.last == clockHour {
            hour = clockHour
            numbers.removeLast()
        }
        guard let hour else { return nil }
        let year = numbers.first { $0 >= 1000 }
        let day = numbers.first { (1...31).contains($0) }
        guard numbers.count == [year, day].compactMap({ $0 }).count else { return nil }
        if month != nil, day == nil { return nil }
        if month == nil, day != nil || year != nil { return nil }
        return ResetTime.Parsed(year: year, month: month, day: day, hour: hour, minute: minute, zone: zone)
    }

    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        let start = position
        while position < characters.count, predicate(characters[position]) { position += 1 }
        return String(characters[start..<position])
    }
}
