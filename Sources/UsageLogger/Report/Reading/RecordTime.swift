/// Reads record times as seconds since 1970. The form every record is written in (`2026-11-23T13:27:24.473Z`, 24
/// bytes) is read in place with the day number of the last date remembered, since a log holds thousands of lines a
/// day; anything else goes through the general `Timestamp.date(iso8601:)`, whose result the fast path matches to
/// the last bit (the fraction is summed the same way).
struct RecordTime {
    private var lastDate: (UInt64, UInt16) = (0, 0)
    private var lastDays = 0
    /// The last text read whole and its value: reset times repeat from line to line.
    private var lastText: (UInt64, UInt64, UInt64) = (0, 0, 0)
    private var lastSeconds = 0.0

    mutating func seconds(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        if bytes.count == 24, let seconds = fixedForm(bytes) { return seconds }
        return Timestamp.date(iso8601: String(decoding: bytes, as: UTF8.self))?.timeIntervalSince1970
    }

    private mutating func fixedForm(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let pointer = bytes.baseAddress, pointer[4] == UInt8(ascii: "-"), pointer[7] == UInt8(ascii: "-"),
            pointer[10] == UInt8(ascii: "T"), pointer[13] == UInt8(ascii: ":"), pointer[16] == UInt8(ascii: ":"),
            pointer[19] == UInt8(ascii: "."), pointer[23] == UInt8(ascii: "Z")
        else { return nil }
        let raw = UnsafeRawPointer(pointer)
        let text = (
            raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
            raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        )
        if text == lastText { return lastSeconds }
        func digits(_ at: Int, _ length: Int) -> Int? {
            var value = 0
            for index in at..<(at + length) {
                let digit = pointer[index] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
            let milliseconds = digits(20, 3), hour <= 23, minute <= 59, second <= 60
        else { return nil }
        let date = (text.0, raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        if date != lastDate {
            guard let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2), (1...12).contains(month),
                (1...Timestamp.daysIn(month: month, year: year)).contains(day)
            else { return nil }
            lastDays = Timestamp.daysSinceEpoch(year: year, month: month, day: day)
            lastDate = date
        }
        // As `Timestamp.date(iso8601:)` sums a fraction: digit by digit, the scale divided by ten each time.
        var fraction = 0.0
        var scale = 1.0
        scale /= 10
        fraction += Double(milliseconds / 100) * scale
        scale /= 10
        fraction += Double(milliseconds / 10 % 10) * scale
        scale /= 10
        fraction += Double(milliseconds % 10) * scale
        lastSeconds = Double(((lastDays * 24 + hour) * 60 + minute) * 60 + second) + fraction
        lastText = text
        return lastSeconds
    }
}
