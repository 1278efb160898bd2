import Foundation
import Testing

@testable import UsageLogger

/// Alerts end to end: records written by anyone, a real command run without a shell with the JSON on stdin, once
/// per crossing across looks and restarts, failures and hangs recorded and never fatal, `alert test`.
@Suite("alert watch", .serialized)
struct AlertWatchTests {
    static func usage(_ percent: Double, at date: Date, resetsAt: Date) -> JSONValue {
        .object([
            ("timestamp", .string(Timestamp.string(from: date))),
            (
                "usage_data",
                .object([
                    ("source", .string("statusline")), ("state", .string("ok")),
                    (
                        "windows",
                        .array([
                            .object([
                                ("name", .string("Current session")), ("used_percent", .double(percent)),
                                ("resets_at", .string(Timestamp.string(from: resetsAt))),
                            ])
                        ])
                    ),
                ])
            ),
        ])
    }

    static func environment(_ home: TemporaryDirectory, command: String, storage: String = "jsonl") -> [String: String]
    {
        [
            "HOME": home.path, "PET_LOG_DIR": home.path + "/logs", "PET_ALERT_COMMAND": command,
            "PET_LOG_STORAGE_TYPE": storage, "PATH": "/usr/bin:/bin",
        ]
    }

    static func received(_ path: String) -> [JSONValue] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").compactMap {
            try? JSONParser.parse(Array($0.utf8))
        }
    }

    @Test(
        "a crossing alerts once across looks and restarts; the next threshold alerts; sqlite storage too",
        arguments: ["jsonl", "sqlite"])
    func onceAcrossLooks(storage: String) throws {
        try withTemporaryDirectory { home in
            let inbox = home.path + "/inbox"
            let environment = Self.environment(home, command: "/bin/sh -c 'cat >> \(inbox)'", storage: storage)
            let configuration = try Configuration(environment: environment)
            try FileSystem.createDirectory(home.path + "/logs", mode: 0o700)
            let sink = RecordSink(directory: home.path + "/logs", configuration: configuration)
            let now = Date()
            let reset = now.addingTimeInterval(3 * 3600)
            func look() throws -> [AlertWatch.Delivery] {
                try AlertWatch(directory: home.path + "/logs", configuration: configuration, environment: environment)
                    .check()
            }
            try sink.append([Self.usage(70, at: now.addingTimeInterval(-120), resetsAt: reset)], to: .usage)
            #expect(try look().isEmpty)
            try sink.append([Self.usage(83, at: now.addingTimeInterval(-60), resetsAt: reset)], to: .usage)
            let first = try look()
            #expect(first.map(\.event.threshold) == [80])
            #expect(first.first?.outcome.succeeded == true)
            #expect(try look().isEmpty)  // the same records again: nothing
            try sink.append([Self.usage(81, at: now.addingTimeInterval(-30), resetsAt: reset)], to: .usage)
            try sink.append([Self.usage(96, at: now, resetsAt: reset)], to: .usage)
            #expect(try look().map(\.event.threshold) == [95])
            let inboxed = Self.received(inbox)
            #expect(inboxed.map { $0["threshold"]?.doubleValue } == [80, 95])
            #expect(inboxed.first?["event"]?.stringValue == "threshold")
            #expect(inboxed.first?["window"]?.stringValue == "Current session")
            #expect(inboxed.first?["resets_at"]?.stringValue == Timestamp.string(from: reset))
            #expect(inboxed.first?["summary"]?.stringValue?.hasPrefix("Current session is at 83 %, past 80 %") == true)
            let deliveries =
                storage == "jsonl"
                ? Self.received(home.path + "/logs/alerts.jsonl").count
                : try RecordDatabase(readingAt: home.path + "/logs/usage.db").count(.alerts)
            #expect(deliveries == 2)
        }
    }

    @Test("a failing, a hanging and a missing command are recorded with what went wrong, and never throw")
    func failingCommands() throws {
        try withTemporaryDirectory { home in
            let failing = AlertRunner(
                command: ["/bin/sh", "-c", "echo 'no route to ntfy' >&2; exit 3"], environment: [:])
            let failed = failing.run(.object([]))
            #expect(failed.status == 3)
            #expect(failed.problem == "no route to ntfy")

            var hanging = AlertRunner(command: ["/bin/sh", "-c", "sleep 60 & sleep 60"], environment: [:])
            hanging.timeoutMs = 300
            let hung = hanging.run(.object([]))
            #expect(hung.timedOut)
            #expect(hung.durationMs < 5_000)

            let missing = AlertRunner(command: ["no-such-notifier"], environment: ["PATH": "/usr/bin:/bin"]).run(.null)
            #expect(missing.status == nil)
            #expect(missing.problem?.contains("'no-such-notifier' was not found on PATH") == true)

            // Through the watch: the failure is in alerts.jsonl, the look goes on.
            let environment = Self.environment(home, command: "/bin/sh -c 'exit 7'")
            let configuration = try Configuration(environment: environment)
            try FileSystem.createDirectory(home.path + "/logs", mode: 0o700)
            try RecordSink(directory: home.path + "/logs", configuration: configuration).append(
                [Self.usage(99, at: Date(), resetsAt: Date().addingTimeInterval(3600))], to: .usage)
            let deliveries = try AlertWatch(
                directory: home.path + "/logs", configuration: configuration, environment: environment
            ).check()
            #expect(deliveries.first?.outcome.status == 7)
            let recorded = Self.received(home.path + "/logs/alerts.jsonl")
            #expect(recorded.first?["command"]?["status"]?.intValue == 7)
        }
    }

    @Test("the command does not get the collector's token (PET_OTLP_HEADERS)")
    func noSecrets() {
        withTemporaryDirectory { home in
            let runner = AlertRunner(
                command: ["/bin/sh", "-c", "env > '\(home.path)/env'"],
                environment: ["PET_OTLP_HEADERS": "Authorization=Bearer%20s3cret", "PATH": "/usr/bin:/bin"])
            #expect(runner.run(.null).succeeded)
            let seen = (try? String(contentsOfFile: home.path + "/env", encoding: .utf8)) ?? ""
            #expect(seen.contains("PATH=/usr/bin:/bin"))
            #expect(!seen.contains("s3cret"))
        }
    }

    @Test("no shell and no interpolation: the alert's values never reach a command line")
    func noInterpolation() {
        withTemporaryDirectory { home in
            let marker = home.path + "/pwned"
            let runner = AlertRunner(command: ["/bin/cat"], environment: [:])
            var event = AlertEvent(kind: .diagnostic, time: 0)
            event.message = "$(touch \(marker)); `touch \(marker)`"
            #expect(runner.run(event.json(host: "h")).succeeded)
            #expect(FileSystem.kind(of: marker) == .missing)
            // A command line with shell syntax is words, not a shell script.
            let literal = AlertRunner(command: ["/bin/echo", "$(touch", marker + ")"], environment: [:])
            #expect(literal.run(.null).succeeded)
            #expect(FileSystem.kind(of: marker) == .missing)
        }
    }

    @Test("alert test runs the command with a sample and says how it went; without a command it says what to set")
    func alertTest() {
        withTemporaryDirectory { home in
            let inbox = home.path + "/inbox"
            let (code, output) = runCLI(
                ["alert", "test"], environment: Self.environment(home, command: "/bin/sh -c 'cat > \(inbox)'"))
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardError.contains("alert (test): usage-logger alert test: alerts reach you — sent"))
            #expect(Self.received(inbox).first?["event"]?.stringValue == "test")

            let (failedCode, failed) = runCLI(
                ["alert", "test"], environment: Self.environment(home, command: "/bin/sh -c 'echo nope >&2; exit 1'"))
            #expect(failedCode == .unavailable)
            #expect(failed.standardError.contains("NOT sent: nope"))

            let (unsetCode, unset) = runCLI(["alert", "test"], environment: ["HOME": home.path])
            #expect(unsetCode == .configuration)
            #expect(unset.standardError.contains("PET_ALERT_COMMAND is not set"))

            let (_, status) = runCLI(
                ["alert", "status"], environment: Self.environment(home, command: "notify-send x"))
            #expect(status.standardOutput.contains("command:    notify-send x"))
            #expect(status.standardOutput.contains("thresholds: 80 %, 95 %, 100 %"))
        }
    }

    @Test("doctor says whether the alert command's program can be found")
    func doctor() {
        withTemporaryDirectory { home in
            let (missingCode, missing) = runCLI(
                ["doctor"], environment: Self.environment(home, command: "no-such-notifier --x"))
            #expect(missingCode == .failure)
            #expect(missing.standardOutput.contains("✘ alerts: PET_ALERT_COMMAND: 'no-such-notifier' was not found"))
            let (_, found) = runCLI(["doctor"], environment: Self.environment(home, command: "cat"))
            #expect(found.standardOutput.contains("✔ alerts: /usr/bin/cat at 80 %, 95 %, 100 %"))
            let (_, tools) = runCLI(
                ["doctor"],
                environment: Self.environment(
                    home, command: "sh -c 'notify-send \"Claude Code\" \"$(jq -r .summary)\"'"))
            #expect(tools.standardOutput.contains("! alerts: the command uses notify-send, not found on PATH"))
        }
    }

    @Test("PET_ALERT_THRESHOLDS is checked: numbers from 1 to 100, else exit 78 naming it")
    func thresholdSetting() throws {
        let parsed = try Configuration(environment: ["PET_ALERT_THRESHOLDS": "100, 50%,75"])
        #expect(parsed.alertThresholds == [50, 75, 100])
        for bad in ["0", "101", "eighty", "80;95"] {
            let (code, output) = runCLI(["config"], environment: ["PET_ALERT_THRESHOLDS": bad])
            #expect(code == .configuration, "\(bad)")
            #expect(output.standardError.contains("PET_ALERT_THRESHOLDS='\(bad)' is not valid"))
        }
    }
}
