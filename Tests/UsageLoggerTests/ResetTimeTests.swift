import Foundation
import Testing

@testable import UsageLogger

@Suite("Reset times")
struct ResetTimeTests {
    /// 2026-03-18T19:00:00Z = 15:00 in New York.
    static let now = Date(timeIntervalSince1970: 1_773_860_400)

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let expected: String?
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        Case(text: "5pm (America/New_York)", expected: "2026-03-18T21:00:00.000Z"),
        Case(text: "12pm (America/New_York)", expected: "2026-03-19T16:00:00.000Z"),
        Case(text: "3:59pm (America/New_York)", expected: "2026-03-18T19:59:00.000Z"),
        Case(text: "12am (America/New_York)", expected: "2026-03-19T04:00:00.000Z"),
        Case(text: "Mar 19 at 11pm (America/New_York)", expected: "2026-03-20T03:00:00.000Z"),
        Case(text: "Oct 7, 3pm (America/Chicago)", expected: "2026-10-07T20:00:00.000Z"),
        Case(text: "Jan 2, 2027, 10:59pm (Europe/Helsinki)", expected: "2027-01-02T20:59:00.000Z"),
        Case(text: "Jan 2, 2026, 10:59pm (Europe/Helsinki)", expected: nil),  // passed: a misreading
        Case(text: "Jan 2, 2027 at 10:59pm (Europe/Helsinki)", expected: "2027-01-02T20:59:00.000Z"),
        Case(text: "Mar 1 at 9am (America/New_York)", expected: "2027-03-01T14:00:00.000Z"),
        Case(text: "Apr3at9am(Europe/Paris)", expected: "2026-04-03T07:00:00.000Z"),
        Case(text: "17:30 (Europe/Berlin)", expected: "2026-03-19T16:30:00.000Z"),
        Case(text: "21:15 (Europe/Berlin)", expected: "2026-03-18T20:15:00.000Z"),
        Case(text: "9am (US/Eastern)", expected: "2026-03-19T13:00:00.000Z"),
        Case(text: "9am (Mars/Olympus)", expected: nil),
        Case(text: "9am", expected: nil),
        Case(text: "Mar 20 (America/New_York)", expected: nil),
        Case(text: "Nov 1 at 1:30am (America/New_York)", expected: nil),
        Case(text: "Mar 14, 2027 at 2:30am (America/New_York)", expected: nil),
        Case(text: "13pm (Europe/Berlin)", expected: nil),
    ]

    @Test("resolved in the named zone relative to the capture time; nil when not unique", arguments: cases)
    func resolve(_ item: Case) {
        #expect(ResetTime.resolve(item.text, capturedAt: Self.now).map(Timestamp.string(from:)) == item.expected)
    }

    @Test("a reset shown for the current minute has not passed yet")
    func currentMinute() {
        let almost = Self.now.addingTimeInterval(30)  // 15:00:30 New York
        #expect(
            ResetTime.resolve("3pm (America/New_York)", capturedAt: almost).map(Timestamp.string(from:))
                == "2026-03-18T19:00:00.000Z")
    }
}
