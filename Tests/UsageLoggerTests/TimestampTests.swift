import Foundation
import Testing

@testable import UsageLogger

@Suite("ISO-8601 timestamps")
struct TimestampTests {
    @Test(
        "our own form and the common variants name the same moment",
        arguments: [
            "2026-11-23T13:02:05.000Z", "2026-11-23T13:02:05Z", "2026-11-23t13:02:05z", "2026-11-23T13:02:05.0Z",
            "2026-11-23T13:02:05.000000Z", "2026-11-23T13:02:05,0Z", "2026-11-23T14:02:05+01:00",
            "2026-11-23T14:02:05+0100", "2026-11-23T14:02:05+01", "2026-11-23T07:32:05-05:30",
            "2026-11-23T13:02:05+00:00", "2026-11-24T00:02:05.000+11:00",
        ])
    func variants(text: String) {
        #expect(Timestamp.date(iso8601: text) == Timestamp.date(from: "2026-11-23T13:02:05.000Z"), "\(text)")
    }

    @Test("what our records write reads back, milliseconds included")
    func roundTrip() {
        let date = Date(timeIntervalSince1970: 1_795_000_000.123)
        let text = Timestamp.string(from: date)
        #expect(Timestamp.date(iso8601: text).map(Timestamp.string(from:)) == text)
        #expect(Timestamp.date(iso8601: "2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(Timestamp.date(iso8601: "1969-12-31T23:59:59Z") == Date(timeIntervalSince1970: -1))
    }

    @Test(
        "anything else is refused: no zone, a date or time alone, impossible values, extra text",
        arguments: [
            "", "x", "2026-11-23", "13:02:05Z", "2026-11-23T13:02:05", "2026-11-23T13:02Z", "2026-11-23 13:02:05Z",
            "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-04-31T00:00:00Z", "2026-11-23T24:00:00Z",
            "2026-11-23T13:60:00Z", "2026-11-23T13:02:61Z", "2026-11-23T13:02:05.Z", "2026-11-23T13:02:05+24:00",
            "2026-11-23T13:02:05+01:60", "2026-11-23T13:02:05+1", "2026-11-23T13:02:05Z ", " 2026-11-23T13:02:05Z",
            "2026-11-23T13:02:05ZZ", "+2026-11-23T13:02:05Z", "２０２６-11-23T13:02:05Z",
        ])
    func refused(text: String) {
        #expect(Timestamp.date(iso8601: text) == nil, "\(text)")
    }
}
