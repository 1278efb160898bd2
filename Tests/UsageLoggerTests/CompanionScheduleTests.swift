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
