/// Writes a moment as records write it (`2026-11-23T13:27:24.473Z`) straight into a byte buffer: an export writes
/// two a row and millions of rows, where `Timestamp.string(from:)` (a `gmtime_r` and several strings) would cost
/// more than reading the logs.
enum TimestampBytes {
    static func append(_ seconds: Double, to buffer: inout [UInt8]) {
        // Rounded, not truncated: a time read back from `.473` may sit a hair below it.
        let milliseconds = Int((seconds * 1000).rounded())
        let (days, dayMilliseconds) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let (dayNumber, inDay) =
            dayMilliseconds < 0 ? (days - 1, dayMilliseconds + 86_400_000) : (days, dayMilliseconds)
        let (year, month, day) = civil(fromDays: dayNumber)
        append(year, digits: 4, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(month, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "-"))
        append(day, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "T"))
        append(inDay / 3_600_000, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        append(inDay / 60_000 % 60, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: ":"))
        append(inDay / 1000 % 60, digits: 2, to: &buffer)
        buffer.append(UInt8(ascii: "."))
        append(inDay % 1000, digits: 3, to: &buffer)
        buffer.append(UInt8(ascii: "Z"))
    }

    private static func append(_ value: Int, digits: Int, to buffer: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        var rest = max(0, value)
        while divisor > 0 {
            buffer.append(UInt8(ascii: "0") + UInt8(rest / divisor % 10))
            rest %= divisor
            divisor /= 10
        }
    }

    /// Year, month and day of a day number since 1970-01-01 (Howard Hinnant's `civil_from_days`).
    private static func civil(fromDays days: Int) -> (Int, Int, Int) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
