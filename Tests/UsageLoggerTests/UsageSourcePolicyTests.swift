import Foundation
import Testing

@testable import UsageLogger

/// The rule that decides, at a `/usage` turn, whether to run `claude /usage` (`PET_USAGE_SOURCE`,
/// `PET_USAGE_SCREEN_INTERVAL`), and when the statusline writes its usage record.
@Suite("Usage source policy")
struct UsageSourcePolicyTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)
    let minute = 60.0

    func policy(_ source: Configuration.UsageSource, screen: Int = 900_000) -> UsageSourcePolicy {
        UsageSourcePolicy(source: source, usageIntervalMs: 60_000, screenIntervalMs: screen)
    }

    @Test("command always probes, statusline never, whatever the statusline and the last probe")
    func fixedSources() {
        for record in [nil, now, now.addingTimeInterval(-10)] {
            for last in [nil, now.addingTimeInterval(-1)] {
                #expect(
                    policy(.command).decide(now: now, statuslineRecord: record, lastProbe: last) == .probe(.command))
                #expect(policy(.statusline).decide(now: now, statuslineRecord: record, lastProbe: last) == .never)
            }
        }
    }

    @Test("auto probes every interval while the statusline is absent or stale")
    func staleOrAbsent() {
        let recent = now.addingTimeInterval(-minute)
        #expect(policy(.auto).decide(now: now, statuslineRecord: nil, lastProbe: recent) == .probe(.statuslineAbsent))
        for age in [60.0, 60.001, 61, 3_600] {
            #expect(
                policy(.auto).decide(now: now, statuslineRecord: now.addingTimeInterval(-age), lastProbe: recent)
                    == .probe(.statuslineStale), "age \(age)")
        }
        // Dated ahead by more than an interval (a clock set back): no evidence either.
        #expect(
            policy(.auto).decide(now: now, statuslineRecord: now.addingTimeInterval(90), lastProbe: recent)
                == .probe(.statuslineStale))
    }

    @Test("a statusline record older than the usage interval never counts as fresh")
    func freshness() {
        let rule = policy(.auto)
        #expect(rule.isFresh(now, now: now))
        #expect(rule.isFresh(now.addingTimeInterval(-59.999), now: now))
        #expect(!rule.isFresh(now.addingTimeInterval(-60), now: now))
        #expect(!rule.isFresh(now.addingTimeInterval(-86_400), now: now))
    }

    @Test("with a fresh statusline: the screen at the first turn, then once per screen interval")
    func screenInterval() {
        let fresh = now.addingTimeInterval(-5)
        let rule = policy(.auto)
        #expect(rule.decide(now: now, statuslineRecord: fresh, lastProbe: nil) == .probe(.screenDue))
        let last = now.addingTimeInterval(-minute)
        #expect(
            rule.decide(now: now, statuslineRecord: fresh, lastProbe: last)
                == .skip(screenDueAt: last.addingTimeInterval(15 * minute - 30)))
        // The turn nearest to 15 minutes after the last probe, though that probe ended a few seconds late.
        #expect(
            rule.decide(now: now, statuslineRecord: fresh, lastProbe: now.addingTimeInterval(-15 * minute + 3))
                == .probe(.screenDue))
        #expect(
            rule.decide(now: now, statuslineRecord: fresh, lastProbe: now.addingTimeInterval(-14 * minute))
                == .skip(screenDueAt: now.addingTimeInterval(minute - 30)))
        // 0: never while the statusline is fresh; as soon as it is stale, every interval again.
        #expect(
            policy(.auto, screen: 0).decide(now: now, statuslineRecord: fresh, lastProbe: nil)
                == .skip(screenDueAt: nil))
        #expect(
            policy(.auto, screen: 0).decide(now: now, statuslineRecord: now.addingTimeInterval(-61), lastProbe: nil)
                == .probe(.statuslineStale))
    }

    @Test("an hour of turns: 4 screen probes with Claude Code open, 60 closed, 60 with command")
    func anHour() {
        func probes(_ rule: UsageSourcePolicy, open: Bool) -> Int {
            var last: Date?
            var count = 0
            for turn in 0..<60 {
                let at = now.addingTimeInterval(Double(turn) * minute)
                guard
                    case .probe = rule.decide(
                        now: at, statuslineRecord: open ? at.addingTimeInterval(-20) : nil,
                        lastProbe: last)
                else { continue }
                count += 1
                last = at.addingTimeInterval(2.5)  // a real probe takes seconds; its attempt is dated at capture
            }
            return count
        }
        #expect(probes(policy(.auto), open: true) == 4)
        #expect(probes(policy(.auto), open: false) == 60)
        #expect(probes(policy(.command), open: true) == 60)
        #expect(probes(policy(.auto, screen: 0), open: true) == 0)
    }

    @Test("the statusline writes a record once per interval, less a little slack for renders on a timer")
    func statuslineRecord() {
        let rule = policy(.auto)
        #expect(rule.statuslineRecordIsDue(lastRecord: nil, now: now))
        #expect(rule.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-60), now: now))
        #expect(rule.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-55), now: now))
        #expect(!rule.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-54), now: now))
        #expect(!rule.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-1), now: now))
        #expect(rule.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(600), now: now))
        // Short intervals: at least 1.5 s of slack, so a render every second or so keeps the record fresh.
        let short = UsageSourcePolicy(source: .auto, usageIntervalMs: 10_000, screenIntervalMs: 30_000)
        #expect(short.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-8.5), now: now))
        #expect(!short.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-8.4), now: now))
        let tiny = UsageSourcePolicy(source: .auto, usageIntervalMs: 2_100, screenIntervalMs: 30_000)
        #expect(tiny.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-1.06), now: now))
        #expect(!tiny.statuslineRecordIsDue(lastRecord: now.addingTimeInterval(-1), now: now))
    }

    @Test("what an hour costs, by the settings")
    func footprint() throws {
        func configuration(_ extra: [String: String]) throws -> Configuration {
            try Configuration(environment: ["HOME": "/nonexistent"].merging(extra) { $1 })
        }
        let auto = try configuration([:])
        #expect(Footprint(auto, claudeCodeOpen: true) == Footprint(usageProbes: 4, statusProbes: 1))
        #expect(Footprint(auto, claudeCodeOpen: false) == Footprint(usageProbes: 60, statusProbes: 1))
        let command = try configuration(["PET_USAGE_SOURCE": "command"])
        #expect(Footprint(command, claudeCodeOpen: true) == Footprint(usageProbes: 60, statusProbes: 1))
        let statusline = try configuration(["PET_USAGE_SOURCE": "statusline"])
        #expect(Footprint(statusline, claudeCodeOpen: false) == Footprint(usageProbes: 0, statusProbes: 1))
        let open = Footprint(auto, claudeCodeOpen: true)
        #expect(
            DoctorFootprintCheck.text(open).hasPrefix("about 4 /usage and 1 /status probes an hour (≈5 API requests"))
    }
}
