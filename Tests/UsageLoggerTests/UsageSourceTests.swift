import Foundation
import Testing

@testable import UsageLogger

/// `PET_USAGE_SOURCE=auto` (the default) and `PET_USAGE_SCREEN_INTERVAL` in the companion's loop and in
/// `once --due`, in-process against a fake `claude` that notes each run: with a fresh statusline, `/usage` only once
/// per screen interval; stale or absent, every interval; `command` as before.
@Suite("Usage source", .serialized, .timeLimit(.minutes(1)))
struct UsageSourceTests {
    final class Events {
        var all: [Companion.Event] = []
    }

    final class Setup {
        let home: TemporaryDirectory
        let fake: FakeClaude
        let events = Events()
        var logs: String { home.path + "/logs" }

        init(home: TemporaryDirectory) {
            self.home = home
            fake = FakeClaude(
                in: home, sample: nil,
                """
                echo "$1" >> "$(dirname "$0")/runs.log"
                case "$1" in
                  /status) cat '\(Fixtures.path("status-2.1.55.txt"))' ;;
                  *) cat '\(Fixtures.path("usage-2.1.55.txt"))' ;;
                esac
                """)
            try? FileSystem.createDirectory(logs, mode: 0o700)
        }

        var runs: [String] {
            let path = (fake.path as NSString).deletingLastPathComponent + "/runs.log"
            return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func environment(_ extra: [String: String]) -> [String: String] {
            probeEnvironment(
                fake, home: home,
                ["PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": logs, "PET_STATUS_LOG_INTERVAL": "1h"]
            ).merging(extra) { $1 }
        }

        /// A render of Claude Code's statusline with `rate_limits`: a fresh statusline usage record.
        func renderStatusline(_ extra: [String: String]) {
            _ = runCLI(
                ["statusline"], environment: environment(extra),
                input: Fixtures.bytes("statusline-input-2.1.330-ratelimits.json"))
        }

        /// The statusline's last usage record, dated `age` seconds ago.
        func statuslineRecord(ago age: TimeInterval) throws {
            var context = SessionContext.load(from: logs) ?? SessionContext(updatedAt: Date())
            context.lastUsageRecord = Date().addingTimeInterval(-age)
            try context.save(in: logs, privacy: RecordPrivacy(configuration: Configuration(environment: [:])))
        }

        /// The last `/usage` probe, `age` seconds ago.
        func lastProbe(ago age: TimeInterval) throws {
            try StateStore(directory: logs).update { $0.lastAttempt[.usage] = Date().addingTimeInterval(-age) }
        }

        /// Runs the companion until its first `/usage` turn is decided (`probeLimit` probes, when given, instead).
        func companionEvents(_ extra: [String: String], probeLimit: Int? = nil) throws -> [Companion.Event] {
            let environment = environment(extra)
            let cancellation = Cancellation()
            let events = events
            var companion = Companion(
                context: CollectorContext(
                    configuration: try Configuration(environment: environment), environment: environment,
                    currentDirectory: home.path),
                directory: LogDirectory(path: logs, reason: "test", isExplicit: true), cancellation: cancellation,
                idleExitMs: nil,
                onEvent: { event in
                    events.all.append(event)
                    guard probeLimit == nil else { return }
                    switch event {
                    case .statuslineRecords, .probed(.usage, _): cancellation.cancel()
                    default: break
                    }
                })
            companion.probeLimit = probeLimit
            _ = companion.run()
            return events.all.filter { !$0.isTurnEnd }
        }
    }

    private static func usageProbes(_ events: [Companion.Event]) -> Int {
        events.filter {
            if case .probed(.usage, _) = $0 { return true }
            return false
        }.count
    }

    private static func screenDue(_ events: [Companion.Event]) -> Date?? {
        for case .statuslineRecords(let at) in events { return .some(at) }
        return nil
    }

    @Test("auto is the default; the screen interval defaults to 15 minutes; command keeps every interval")
    func defaults() throws {
        let configuration = try Configuration(environment: ["HOME": "/nonexistent-usage-logger-test-home"])
        #expect(configuration.usageSource == .auto)
        #expect(configuration.screenIntervalMs == 900_000)
        #expect(Setting.usageSource.defaultValue == "auto")
    }

    @Test(
        "PET_USAGE_SCREEN_INTERVAL: 0 is never, durations as elsewhere; a bad value names variable, value and range",
        arguments: [
            ("0", 0), ("0s", 0), ("30s", 30_000), ("15m", 900_000), ("100", 100), ("7d", 604_800_000),
            ("8d", nil), ("50", nil), ("soon", nil), ("-1m", nil),
        ] as [(String, Int?)])
    func screenSetting(value: String, expected: Int?) {
        do {
            let configuration = try Configuration(environment: [
                "HOME": "/nonexistent-usage-logger-test-home", "PET_USAGE_SCREEN_INTERVAL": value,
            ])
            #expect(configuration.screenIntervalMs == expected)
        } catch {
            #expect(expected == nil)
            #expect(
                error.description
                    == "PET_USAGE_SCREEN_INTERVAL='\(value)' is not valid: use 0 (never) or a duration from 100 ms "
                    + "to 7 days, such as 15m, 1h or 900000 (milliseconds)")
        }
    }

    @Test("a bad screen interval stops a command with exit 78")
    func badScreenIntervalExits78() {
        let (code, output) = runCLI(
            ["config"], environment: ["HOME": "/nonexistent-usage-logger-test-home", "PET_USAGE_SCREEN_INTERVAL": "2w"])
        #expect(code == .configuration)
        #expect(output.standardError.contains("PET_USAGE_SCREEN_INTERVAL='2w' is not valid"))
    }

    @Test("a fresh statusline: no /usage probe inside the screen interval, the turn passes with an event")
    func freshInsideScreenInterval() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let intervals = ["PET_USAGE_LOG_INTERVAL": "10m", "PET_USAGE_SCREEN_INTERVAL": "15m"]
            setup.renderStatusline(intervals)
            try setup.lastProbe(ago: 60)
            let events = try setup.companionEvents(intervals)
            #expect(Self.usageProbes(events) == 0, "\(events)")
            #expect(setup.runs == ["/status"])
            let due = try #require(Self.screenDue(events) ?? nil)
            #expect(abs(due.timeIntervalSinceNow - (14 * 60 - 300)) < 30, "the turn nearest 15 minutes after")
        }
    }

    @Test("a fresh statusline: one /usage probe once the screen interval has passed, and at the first turn")
    func freshAfterScreenInterval() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let intervals = ["PET_USAGE_LOG_INTERVAL": "10m", "PET_USAGE_SCREEN_INTERVAL": "15m"]
            setup.renderStatusline(intervals)
            try setup.lastProbe(ago: 16 * 60)
            let events = try setup.companionEvents(intervals)
            #expect(Self.usageProbes(events) == 1)
            #expect(setup.runs == ["/status", "/usage"])
        }
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let intervals = ["PET_USAGE_LOG_INTERVAL": "10m"]
            setup.renderStatusline(intervals)
            let events = try setup.companionEvents(intervals)
            #expect(Self.usageProbes(events) == 1, "never probed: the screen is due")
        }
    }

    @Test("screen interval 0: never a /usage probe while the statusline is fresh")
    func screenNever() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let settings = ["PET_USAGE_LOG_INTERVAL": "10m", "PET_USAGE_SCREEN_INTERVAL": "0"]
            setup.renderStatusline(settings)
            let events = try setup.companionEvents(settings)
            #expect(Self.usageProbes(events) == 0)
            #expect(Self.screenDue(events) == .some(nil))
        }
    }

    @Test("a statusline record older than the usage interval never counts: /usage is probed")
    func oldRecordIsNotFresh() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let intervals = ["PET_USAGE_LOG_INTERVAL": "10m"]
            setup.renderStatusline(intervals)
            try setup.statuslineRecord(ago: 10 * 60 + 1)
            try setup.lastProbe(ago: 60)
            let events = try setup.companionEvents(intervals)
            #expect(Self.usageProbes(events) == 1)
        }
    }

    @Test(
        "a stale or absent statusline: /usage every interval, as with command",
        arguments: ["stale", "absent", "command"])
    func everyInterval(case name: String) throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            var settings = ["PET_USAGE_LOG_INTERVAL": "100", "PET_STATUS_LOG_INTERVAL": "1h"]
            if name == "stale" { try setup.statuslineRecord(ago: 3_600) }
            if name == "command" {
                // A statusline fresh for the whole run, which command ignores.
                settings["PET_USAGE_SOURCE"] = "command"
                setup.renderStatusline(settings.merging(["PET_USAGE_LOG_INTERVAL": "1h"]) { $1 })
            }
            try setup.lastProbe(ago: 1)
            let events = try setup.companionEvents(settings, probeLimit: 4)
            #expect(Self.usageProbes(events) == 3, "\(events)")
            #expect(setup.runs == ["/status", "/usage", "/usage", "/usage"])
            #expect(Self.screenDue(events) == nil)
        }
    }

    @Test("command with a fresh statusline and a probe a minute ago: /usage at the turn, exactly as before")
    func commandUnchanged() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let settings = ["PET_USAGE_LOG_INTERVAL": "10m", "PET_USAGE_SOURCE": "command"]
            setup.renderStatusline(settings)
            try setup.lastProbe(ago: 60)
            let events = try setup.companionEvents(settings)
            #expect(Self.usageProbes(events) == 1)
        }
    }

    @Test("once --due follows the same rules")
    func onceDue() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let settings = ["PET_USAGE_LOG_INTERVAL": "4m", "PET_LOGGING_DEBUG": "true"]
            setup.renderStatusline(settings)
            // Fresh, never probed: the screen is due.
            #expect(runCLI(["once", "usage", "--due"], environment: setup.environment(settings)).0 == .success)
            #expect(setup.runs == ["/usage"])
            // Due by the usage interval, but the statusline is fresh and the screen was probed 5 minutes ago.
            try setup.lastProbe(ago: 5 * 60)
            let (_, skipped) = runCLI(["once", "usage", "--due"], environment: setup.environment(settings))
            #expect(setup.runs == ["/usage"])
            #expect(skipped.standardError.contains("usage: the statusline recorded usage within the interval"))
            // Past the screen interval: probed.
            try setup.lastProbe(ago: 15 * 60)
            _ = runCLI(["once", "usage", "--due"], environment: setup.environment(settings))
            #expect(setup.runs == ["/usage", "/usage"])
            // Stale: every interval again.
            try setup.statuslineRecord(ago: 4 * 60 + 1)
            try setup.lastProbe(ago: 4 * 60)
            _ = runCLI(["once", "usage", "--due"], environment: setup.environment(settings))
            #expect(setup.runs == ["/usage", "/usage", "/usage"])
            // command: every interval whatever the statusline.
            setup.renderStatusline(settings)
            try setup.lastProbe(ago: 4 * 60)
            let command = settings.merging(["PET_USAGE_SOURCE": "command"]) { $1 }
            _ = runCLI(["once", "usage", "--due"], environment: setup.environment(command))
            #expect(setup.runs.count == 4)
            // statusline: never.
            try setup.lastProbe(ago: 3_600)
            let statusline = settings.merging(["PET_USAGE_SOURCE": "statusline"]) { $1 }
            _ = runCLI(["once", "usage", "--due"], environment: setup.environment(statusline))
            #expect(setup.runs.count == 4)
        }
    }

    @Test("doctor states what the setting costs an hour")
    func doctorFootprint() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home)
            let (_, closed) = runCLI(["doctor"], environment: setup.environment([:]))
            #expect(
                closed.standardOutput.contains(
                    "✔ footprint: auto, Claude Code closed: about 60 /usage and 1 /status probes an hour"),
                "\(closed.standardOutput)")
            setup.renderStatusline([:])
            let (_, open) = runCLI(["doctor"], environment: setup.environment([:]))
            #expect(open.standardOutput.contains("✔ footprint: auto, Claude Code open: about 4 /usage and 1 /status"))
            let (_, command) = runCLI(["doctor"], environment: setup.environment(["PET_USAGE_SOURCE": "command"]))
            #expect(command.standardOutput.contains("✔ footprint: command: about 60 /usage and 1 /status"))
        }
    }
}
