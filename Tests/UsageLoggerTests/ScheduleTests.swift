import Foundation
import Testing

@testable import UsageLogger

@Suite("Schedule")
struct ScheduleTests {
    @Test(
        "due after one interval, less a little slack for cron's start-up jitter",
        arguments: [
            (nil as Double?, true), (30, false), (54, false), (56, true), (600, true),
        ])
    func due(secondsAgo: Double?, expected: Bool) throws {
        let configuration = try Configuration(environment: ["HOME": "/nonexistent"])
        var state = LoggerState()
        let now = Date()
        if let secondsAgo { state.lastAttempt[.usage] = now.addingTimeInterval(-secondsAgo) }
        #expect(DueSchedule.isDue(.usage, state: state, configuration: configuration, now: now) == expected)
    }
}
