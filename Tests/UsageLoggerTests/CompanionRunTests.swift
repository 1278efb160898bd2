import Foundation
import Testing

@testable import UsageLogger

/// The companion's loop in-process, against fake `claude` scripts: what it reports and records.
@Suite("Companion run loop", .serialized, .timeLimit(.minutes(1)))
struct CompanionRunTests {
    /// Collects what the companion reports.
    final class Events {
        var all: [Companion.Event] = []
    }

    final class Setup {
        let home: TemporaryDirectory
        let fake: FakeClaude
        let events = Events()
        var logs: String { home.path + "/logs" }

        init(home: TemporaryDirectory, _ body: String) {
            self.home = home
            fake = FakeClaude(in: home, sample: nil, body)
            try? FileSystem.createDirectory(logs, mode: 0o700)
        }

        func companion(_ extra: [String: String] = [:], cancellation: Cancellation = Cancellation()) throws
            -> Companion
        {
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_PROBE_DIR": home.path + "/probe", "PET_USAGE_SOURCE": "command",
            ].merging(extra) { $1 }
            let context = CollectorContext(
                configuration: try Configuration(environment: environment), environment: environment,
                currentDirectory: home.path)
            let events = events
            return Companion(
                context: context, directory: LogDirectory(path: logs, reason: "test", isExplicit: true),
                cancellation: cancellation, idleExitMs: nil, onEvent: { events.all.append($0) })
        }
    }

    @Test("each probe and each switch-off is reported as an event; with every probe off the run ends so")
    func reportsEvents() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home, "exit 1")
            var companion = try setup.companion(["PET_MAX_CONSECUTIVE_FAILURES": "1"])
            #expect(companion.run() == .everyProbeSwitchedOff)
            let events = setup.events.all.filter { !$0.isTurnEnd }
            #expect(events.count == 4, "\(events)")
            // Each probe's turn ends with how long it took and what comes next (what `run` says at a terminal).
            let turns = setup.events.all.filter(\.isTurnEnd)
            #expect(turns.count == 2)
            if case .turnEnded(.status, false, let durationMs, .usage, _)? = turns.first {
                #expect(durationMs >= 0)
            } else {
                Issue.record("unexpected turn \(turns)")
            }
            for (index, kind) in [ProbeKind.status, .usage].enumerated() {
                guard case .probed(kind, .written(let problem, .probeFailed, [])) = events[index * 2],
                    case .switchedOff(kind, let diagnostic) = events[index * 2 + 1]
                else {
                    Issue.record("unexpected events \(events)")
                    return
                }
                #expect(problem == "claude exited with status 1")
                #expect(diagnostic.message.contains("switched off the \(kind.slashCommand) probe after 1 failures"))
            }
            #expect(logRecords(setup.logs + "/diagnostics.jsonl").count == 2)
        }
    }

    @Test("probeLimit ends the run; run() may be called again to go on")
    func probeLimit() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(home: home, "cat '\(Fixtures.path("usage-2.1.55.txt"))'")
            var companion = try setup.companion(["PET_STATUS_LOG_INTERVAL": "100", "PET_USAGE_LOG_INTERVAL": "100"])
            companion.probeLimit = 2
            #expect(companion.run() == .probeLimitReached)
            companion.probeLimit = 3
            #expect(companion.run() == .probeLimitReached)
            #expect(setup.events.all.filter { !$0.isTurnEnd }.count == 3)
            #expect(logRecords(setup.logs + "/usage.jsonl").count + logRecords(setup.logs + "/status.jsonl").count == 3)
        }
    }

    @Test("the process's session id survives a SIGHUP reload: records before and after carry the same one")
    func sessionSurvivesReload() throws {
        try withTemporaryDirectory { home throws in
            let setup = Setup(
                home: home,
                """
                case "$1" in /status) cat '\(Fixtures.path("status-2.1.55.txt"))' ;; *) cat '\(Fixtures.path("usage-2.1.55.txt"))' ;; esac
                """)
            let cancellation = Cancellation()
            var companion = try setup.companion(
                ["PET_STATUS_LOG_INTERVAL": "100", "PET_USAGE_LOG_INTERVAL": "100"], cancellation: cancellation)
            companion.probeLimit = 2
            #expect(companion.run() == .probeLimitReached)
            cancellation.requestReload()
            companion.probeLimit = 4
            #expect(companion.run() == .probeLimitReached)
            #expect(setup.events.all.contains(.reloaded))
            let records = logRecords(setup.logs + "/status.jsonl") + logRecords(setup.logs + "/usage.jsonl")
            #expect(records.count == 4)
            #expect(Set(records.compactMap { $0["session_id"]?.stringValue }).count == 1)
            #expect(records.first?["session_id"]?.stringValue?.count == 36)
        }
    }
}

extension Companion.Event {
    var isTurnEnd: Bool {
        if case .turnEnded = self { return true }
        return false
    }
}
