import Foundation
import Testing

@testable import UsageLogger

@Suite("Companion schedule")
struct CompanionScheduleTests {
    private func schedule(usage: Int = 60_000, status: Int = 3_600_000, failures: Int = 10) -> CompanionSchedule {
        CompanionSchedule(intervals: [.usage: usage, .status: status], startMs: 1_000, maximumFailures: failures)
    }

    @Test("status first at start, then usage; then on a fixed grid that does not drift with probe time")
    func fixedRate() {
        var plan = schedule()
        #expect(plan.next()! == (.status, 1_000))
        plan.record(.status, .success, nowMs: 3_500)
        #expect(plan.next()! == (.usage, 1_000))
        plan.record(.usage, .success, nowMs: 4_200)
        #expect(plan.next()! == (.usage, 61_000))
        plan.record(.usage, .success, nowMs: 63_900)  // 2.9 s late: the grid stays at 1 s past the minute
        #expect(plan.next()! == (.usage, 121_000))
    }

    @Test("a turn that comes while a probe still runs is skipped, not made up")
    func skipsMissedTurns() {
        var plan = schedule(usage: 100)
        plan.record(.status, .success, nowMs: 1_000)
        plan.record(.usage, .success, nowMs: 1_350)  // the probe took 350 ms: turns at 1100, 1200, 1300 are gone
        #expect(plan.next()! == (.usage, 1_400))
    }

    @Test("failures back off exponentially up to 30 minutes; success resets")
    func backoff() {
        var plan = schedule(usage: 60_000)
        plan.record(.status, .success, nowMs: 1_000)
        var waits: [Int64] = []
        for _ in 0..<7 {
            plan.record(.usage, .failure, nowMs: 10_000)
            waits.append(plan.slots[.usage]!.nextDueMs - 10_000)
        }
        #expect(waits == [60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000])
        plan.record(.usage, .success, nowMs: 2_000_000)
        #expect(plan.slots[.usage]!.failures == 0)
    }

    @Test("a rate limit waits at least five minutes")
    func rateLimit() {
        var plan = schedule(usage: 60_000)
        plan.record(.usage, .rateLimited, nowMs: 10_000)
        #expect(plan.slots[.usage]!.nextDueMs == 10_000 + 300_000)
    }

    @Test("after the maximum failures in a row a kind is switched off; the other keeps going; both off ends it")
    func switchOff() {
        var plan = schedule(usage: 100, status: 100, failures: 3)
        let switchedOff = (0..<3).map { _ in plan.record(.usage, .failure, nowMs: 1_000) }
        #expect(switchedOff == [false, false, true])
        #expect(plan.next()?.kind == .status)
        #expect(!plan.allDisabled)
        for _ in 0..<3 { plan.record(.status, .failure, nowMs: 1_000) }
        #expect(plan.next() == nil)
        #expect(plan.allDisabled)
    }

    @Test("a reload with a shorter interval moves the next turn, anchored on the last one")
    func reloadIntervals() {
        var plan = schedule(usage: 3_600_000)
        plan.record(.status, .success, nowMs: 1_000)
        plan.record(.usage, .success, nowMs: 1_500)
        plan.changeIntervals([.usage: 100])
        #expect(plan.next()! == (.usage, 1_100))
    }

    @Test("with PET_USAGE_SOURCE=statusline only /status is scheduled")
    func statusOnly() {
        let plan = CompanionSchedule(
            intervals: [.usage: 100, .status: 100], kinds: [.status], startMs: 0, maximumFailures: 3)
        #expect(plan.next()?.kind == .status)
        #expect(plan.slots[.usage] == nil)
    }
}

@Suite("Statusline rendering")
struct StatuslineRendererTests {
    static let now = Date(timeIntervalSince1970: 1_785_768_000)  // 5h limit resets 2h 20m later

    private func render(
        _ json: String, format: String = Setting.statuslineFormat.defaultValue, color: Bool = false,
        age: TimeInterval? = nil
    ) -> String {
        StatuslineRenderer(format: format, color: color, now: Self.now).render(
            StatuslineData(try? JSONParser.parse(json)), limitsAge: age)
    }

    @Test("the full sample: model, context, both limits with time to reset, cost")
    func sample() {
        #expect(
            render(Fixtures.text("statusline-input.json"))
                == "Sonnet 4.6 | ctx 22% | 5h 37% (2h20m) | 7d 18% (3d18h) | $1.87")
    }

    @Test("the real 2.1.330 input: null context, no rate_limits; those parts are left out, not zero")
    func realInput() {
        #expect(render(Fixtures.text("statusline-input-2.1.330-real.json")) == "Opus 5.5 | $0.00")
    }

    @Test("colours at 80% and 95%, none below", arguments: [(79.9, ""), (80, "\u{1B}[33m"), (95, "\u{1B}[31m")])
    func colours(percent: Double, code: String) {
        let line = render(#"{"context_window":{"used_percentage":\#(percent)}}"#, format: "{context}", color: true)
        #expect(code.isEmpty ? !line.contains("\u{1B}") : line.hasPrefix(code))
    }

    @Test("numbers sent as strings are read; nonsense percentages are unknown, never 100%")
    func lenient() {
        #expect(render(#"{"rate_limits":{"five_hour":{"used_percentage":"41.5"}}}"#, format: "{five_hour}") == "41%")
        #expect(render(#"{"rate_limits":{"five_hour":{"used_percentage":0.5}}}"#, format: "{five_hour}") == "0%")
        #expect(
            render(#"{"rate_limits":{"five_hour":{"used_percentage":250}}}"#, format: "5h {five_hour}") == "Claude Code"
        )
    }

    @Test("a reading from an earlier render says how old it is")
    func stale() {
        #expect(
            render(#"{"rate_limits":{"seven_day":{"used_percentage":12}}}"#, format: "{seven_day}", age: 300)
                == "12% (5m old)")
    }

    @Test(
        "custom formats pick and order parts",
        arguments: [
            ("{cost} · {model}", "$1.87 · Sonnet 4.6"),
            ("{version} | {session} | {cwd}", "2.1.214 | 78e0af6a | fix-login"),
            ("{nothing} | {model}", "Sonnet 4.6"),
        ])
    func formats(format: String, expected: String) {
        #expect(render(Fixtures.text("statusline-input.json"), format: format) == expected)
    }
}
