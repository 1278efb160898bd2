import Foundation
import Testing

@testable import UsageLogger

/// The companion as a process, against fake `claude` scripts.
@Suite(
    "Companion process", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
struct CompanionTests {
    final class Setup {
        let home: TemporaryDirectory
        let fake: FakeClaude
        var logs: String { home.path + "/logs" }

        /// Everything lives in `home`, a temporary directory the test scopes. `body` runs for each probe, after the
        /// overlap guard; `$1` is /status or /usage.
        init(home: TemporaryDirectory, _ body: String = "cat \"$sample\"") {
            self.home = home
            fake = FakeClaude(
                in: home, sample: nil,
                """
                dir="$(dirname "$0")"
                mkdir "$dir/running" 2>/dev/null || echo overlap >> "$dir/overlaps"
                echo "$1" >> "$dir/runs.log"
                case "$1" in /status) sample='\(Fixtures.path("status-2.1.55.txt"))' ;; *) sample='\(Fixtures.path("usage-2.1.55.txt"))' ;; esac
                rmdir "$dir/running"
                \(body)
                """)
        }

        var fakeDirectory: String { (fake.path as NSString).deletingLastPathComponent }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_USAGE_LOGGING_ENABLED": "1",
                "PET_LOG_DIR": logs, "PET_USAGE_LOG_INTERVAL": "200", "PET_STATUS_LOG_INTERVAL": "1000",
            ].merging(extra) { $1 }
        }

        func records(_ log: LogName) -> [JSONValue] { logRecords(logs + "/" + log.fileName) }
    }

    @Test("alerts for the statusline's and the hooks' records within an interval, though no probe of its own is due")
    func alertsWithoutProbes() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let inbox = home.path + "/inbox"
            // `statusline`: the companion probes /status only (hourly here), and must still look every interval.
            let environment = setup.environment([
                "PET_USAGE_SOURCE": "statusline", "PET_STATUS_LOG_INTERVAL": "3600000",
                "PET_ALERT_COMMAND": "/bin/sh -c 'cat >> \(inbox)'",
            ])
            let companion = try CompanionProcess(["run"], environment: environment)
            defer { companion.signal(SIGTERM) }
            #expect(waitUntil { setup.records(.status).count == 1 })
            let reset = Timestamp.string(from: Date().addingTimeInterval(3600))
            let reading =
                #"{"usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":85,"resets_at":"\#(reset)"}]}}"#
            #expect(runCLI(["append", "usage"], environment: environment, input: Array(reading.utf8)).code == .success)
            // The /status screen's warnings alert as they appear; then the statusline's reading crosses 80 %.
            func thresholds() -> [JSONValue] { logRecords(inbox).filter { $0["event"] == .string("threshold") } }
            #expect(waitUntil { thresholds().count == 1 }, "\(companion.standardError)")
            #expect(thresholds().first?["threshold"]?.doubleValue == 80)
            #expect(setup.records(.status).count == 1)  // no probe brought it
        }
    }

    @Test("probes status at start, then usage every interval, one claude at a time; SIGTERM exits 0")
    func schedule() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { setup.records(.usage).count >= 5 && setup.records(.status).count >= 1 })
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 2_500) == 0)
            let usage = setup.records(.usage).compactMap { $0["timestamp"]?.stringValue.flatMap(Timestamp.date(from:)) }
            let gaps = zip(usage.dropFirst(), usage).map { $0.timeIntervalSince($1) }
            #expect(gaps.allSatisfy { $0 > 0.1 })  // never two in one interval
            #expect(FileSystem.kind(of: setup.fakeDirectory + "/overlaps") == .missing)
            let runs = (try? String(contentsOfFile: setup.fakeDirectory + "/runs.log", encoding: .utf8)) ?? ""
            #expect(runs.hasPrefix("/status\n/usage\n"))
        }
    }

    @Test("a second companion for the same log directory says who runs and exits 0")
    func singleton() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let first = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileLock.holder(of: setup.logs + "/companion.lock") == first.pid })
            let second = try CompanionProcess(["run"], environment: setup.environment())
            #expect(second.waitForExit() == 0)
            #expect(
                second.standardError.contains("a companion is already running for \(setup.logs) (pid \(first.pid))"))
            first.signal(SIGINT)
            #expect(first.waitForExit(milliseconds: 2_500) == 0)
        }
    }

    @Test("repeated failures switch a probe off with a diagnostics record; both off exits 69")
    func switchOff() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home, "echo 'claude: broken' >&2; exit 1")
            let companion = try CompanionProcess(
                ["run"], environment: setup.environment(["PET_MAX_CONSECUTIVE_FAILURES": "2"]))
            #expect(companion.waitForExit(milliseconds: 15_000) == 69)
            let diagnostics = setup.records(.diagnostics)
            #expect(diagnostics.count == 2)
            #expect(
                diagnostics.allSatisfy {
                    $0["diagnostic_type"] == .string("probe_disabled") && $0["severity"] == .string("error")
                })
            #expect(companion.standardError.contains("switched off the /usage probe after 2 failures in a row"))
            #expect(setup.records(.usage).count == 2)  // the error records are still written
        }
    }

    @Test("SIGTERM during a hung probe ends claude's whole group and exits 0 within two seconds")
    func stopsHungProbe() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home, "touch \"$dir/started\"; exec \"$sleeper\" 1000")
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { FileSystem.kind(of: setup.fakeDirectory + "/started") == .regular })
            let sent = ContinuousClock.now
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 5_000) == 0)
            #expect(ContinuousClock.now - sent < .seconds(2))
            #expect(ProcessTable.survivors(of: setup.fake.marker).isEmpty)
            #expect(setup.records(.status).isEmpty)  // a probe cut short by us is not a failure to record
        }
    }

    @Test("SIGHUP reloads the configuration; a bad new value is reported and the old one kept")
    func reload() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let file = setup.home.write(".config/usage-logger/config.env", "PET_USAGE_LOG_INTERVAL=3600000\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            var environment = setup.environment()
            environment["PET_USAGE_LOG_INTERVAL"] = nil
            let companion = try CompanionProcess(["run"], environment: environment)
            #expect(waitUntil { setup.records(.usage).count == 1 })
            setup.home.write(".config/usage-logger/config.env", "PET_USAGE_LOG_INTERVAL=soon\n")
            companion.signal(SIGHUP)
            #expect(waitUntil { companion.standardError.contains("kept the previous configuration") })
            setup.home.write(".config/usage-logger/config.env", "PET_USAGE_LOG_INTERVAL=150\n")
            companion.signal(SIGHUP)
            #expect(waitUntil { setup.records(.usage).count >= 3 })
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 2_500) == 0)
        }
    }

    @Test("--idle-exit: with no statusline for that long the companion exits 0")
    func idleExit() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let companion = try CompanionProcess(["run", "--idle-exit", "1s"], environment: setup.environment())
            #expect(companion.waitForExit(milliseconds: 8_000) == 0)
            #expect(companion.standardError.contains("no statusline for"))
        }
    }

    @Test("it runs as one process: after many probes the same pid holds the lock, still recording, still stoppable")
    func oneProcess() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let companion = try CompanionProcess(["run"], environment: setup.environment())
            #expect(waitUntil { setup.records(.usage).count >= 6 })
            #expect(FileLock.holder(of: setup.logs + "/companion.lock") == companion.pid)
            let second = try CompanionProcess(["run"], environment: setup.environment())
            #expect(second.waitForExit() == 0)  // the lock was never let go
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 2_500) == 0)
        }
    }

    @Test("with logging off it does nothing and exits 0")
    func disabled() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let companion = try CompanionProcess(
                ["run"], environment: setup.environment(["PET_USAGE_LOGGING_ENABLED": "0"]))
            #expect(companion.waitForExit() == 0)
            #expect(FileSystem.kind(of: setup.fakeDirectory + "/runs.log") == .missing)
        }
    }
}
