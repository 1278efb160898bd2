import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger once`, in-process, against a fake `claude` that answers /status and /usage from samples.
@Suite("once command", .serialized, .timeLimit(.minutes(1)))
struct OnceCommandTests {
    /// A fake claude whose /status and /usage print the given samples; every run is noted in `runs.log`.
    final class Setup {
        let home: TemporaryDirectory
        let fake: FakeClaude
        var logs: String { home.path + "/.claude/pets/logs" }

        /// Everything lives in `home`, a temporary directory the test scopes.
        init(home: TemporaryDirectory, status: String = "status-2.1.55.txt", usage: String = "usage-2.1.55.txt") {
            self.home = home
            fake = FakeClaude(
                in: home, sample: nil,
                """
                echo "$1" >> "$(dirname "$0")/runs.log"
                case "$1" in
                  /status) cat '\(Fixtures.path(status))' ;;
                  /usage) cat '\(Fixtures.path(usage))' ;;
                esac
                """)
        }

        var runs: [String] {
            let path = (fake.path as NSString).deletingLastPathComponent + "/runs.log"
            return ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
        }

        func environment(_ extra: [String: String] = [:]) -> [String: String] {
            [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_USAGE_LOGGING_ENABLED": "true",
            ]
            .merging(extra) { $1 }
        }

        func run(_ arguments: [String] = ["once"], _ extra: [String: String] = [:], in directory: String? = nil) -> (
            code: ExitCode, output: CapturingConsole
        ) {
            runCLI(arguments, environment: environment(extra), currentDirectory: directory)
        }

        func lines(_ name: String, in directory: String? = nil) -> [JSONValue] {
            let path = (directory ?? logs) + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { return [] }
            return data.split(separator: 0x0A).compactMap { try? JSONParser.parse([UInt8]($0)) }
        }

        func mode(_ path: String) -> Int {
            ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
        }
    }

    @Test("with logging off it runs nothing, says how to turn it on, and exits 0")
    func disabled() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let (code, output) = setup.run(["once"], ["PET_USAGE_LOGGING_ENABLED": "false"])
            #expect(code == .success)
            #expect(output.standardOutput.contains("PET_USAGE_LOGGING_ENABLED=true"))
            #expect(setup.runs.isEmpty)
            #expect(FileSystem.kind(of: setup.logs) == .missing)
        }
    }

    @Test("run twice: two records per log, 0600 files in a 0700 directory beside Claude Code's settings")
    func twice() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            #expect(setup.run().code == .success)
            #expect(setup.run().code == .success)
            #expect(setup.runs == ["/status", "/usage", "/status", "/usage"])
            #expect(setup.lines("status.jsonl").map { $0["version"] } == [.string("2.1.55"), .string("2.1.55")])
            #expect(setup.lines("usage.jsonl").count == 2)
            #expect(setup.lines("usage.jsonl").first?["usage_data"]?["windows"]?.arrayValue?.count == 3)
            for name in ["status.jsonl", "usage.jsonl", "diagnostics.jsonl", "state.json"] {
                #expect(setup.mode(setup.logs + "/" + name) == 0o600, "\(name)")
            }
            #expect(setup.mode(setup.logs) == 0o700)
        }
    }

    @Test("CLAUDE_CONFIG_DIR moves the default log directory; PET_LOG_DIR wins over it")
    func directories() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let config = setup.home.path + "/claude-config"
            #expect(setup.run(["once", "usage"], ["CLAUDE_CONFIG_DIR": config]).code == .success)
            #expect(setup.lines("usage.jsonl", in: config + "/pets/logs").count == 1)
            let explicit = setup.home.path + "/my logs"
            #expect(
                setup.run(["once", "usage"], ["CLAUDE_CONFIG_DIR": config, "PET_LOG_DIR": explicit]).code == .success)
            #expect(setup.lines("usage.jsonl", in: explicit).count == 1)
        }
    }

    @Test("inside this project's checkout the logs go to ./data/logs")
    func projectCheckout() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let checkout = setup.home.path + "/checkout"
            setup.home.write("checkout/Package.swift", "let package = Package(\n    name: \"UsageLogger\",\n)\n")
            #expect(setup.run(["once", "usage"], in: checkout).code == .success)
            #expect(setup.lines("usage.jsonl", in: checkout + "/data/logs").count == 1)
        }
    }

    @Test("an explicit PET_LOG_DIR that cannot be used is an error (73), not a silent move")
    func explicitUnusable() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let file = setup.home.write("not-a-dir", "x")
            let (code, output) = setup.run(["once", "usage"], ["PET_LOG_DIR": file + "/logs"])
            #expect(code == .cannotCreate)
            #expect(output.standardError.contains("PET_LOG_DIR"))
            #expect(setup.runs.isEmpty)
        }
    }

    @Test("an auto-detected directory that cannot be used falls back, said once")
    func fallback() throws {
        withTemporaryDirectory { home in
            let setup = Setup(home: home)
            let blocked = setup.home.write("blocked", "a file where a directory should be")
            let environment = ["CLAUDE_CONFIG_DIR": blocked, "XDG_STATE_HOME": setup.home.path + "/state"]
            let first = setup.run(["once", "usage"], environment)
            #expect(first.code == .success)
            #expect(
                first.output.standardError.contains("logging to \(setup.home.path)/state/usage-logger/logs instead"))
            let second = setup.run(["once", "usage"], environment)
            #expect(!second.output.standardError.contains("instead"))
            #expect(setup.lines("usage.jsonl", in: setup.home.path + "/state/usage-logger/logs").count == 2)
            let config = runCLI(["config"], environment: setup.environment(environment)).output.standardOutput
            #expect(config.contains("cannot be used"))
        }
    }

    @Test("--due runs usage every interval and status only when its interval has passed")
    func due() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            #expect(setup.run(["once", "--due"]).code == .success)
            #expect(setup.run(["once", "--due"]).code == .success)
            #expect(setup.runs == ["/status", "/usage"])
            // A minute later, by the state file's clock: usage is due, status is not.
            try StateStore(directory: setup.logs).update { state in
                for kind in ProbeKind.allCases {
                    state.lastAttempt[kind] = state.lastAttempt[kind]?.addingTimeInterval(-61)
                }
            }
            #expect(setup.run(["once", "--due"]).code == .success)
            #expect(setup.runs == ["/status", "/usage", "/usage"])
            // An hour later, by the state file's clock.
            try StateStore(directory: setup.logs).update { state in
                for kind in ProbeKind.allCases { state.lastAttempt[kind] = Date().addingTimeInterval(-3_600) }
            }
            #expect(setup.run(["once", "--due"]).code == .success)
            #expect(setup.runs.suffix(2) == ["/status", "/usage"])
        }
    }

    @Test("a kind another process is probing is skipped with a note, exit 0")
    func skipsWhenBusy() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home)
            try FileSystem.createDirectory(setup.logs, mode: 0o700)
            let lock = try #require(try FileLock.tryAcquire(setup.logs + "/probe-usage.lock"))
            lock.recordHolder()
            let (code, output) = setup.run(["once", "usage"])
            #expect(code == .success)
            #expect(output.standardError.contains("pid \(getpid())) is already probing usage"))
            #expect(setup.runs.isEmpty)
            lock.unlock()
            #expect(setup.run(["once", "usage"]).code == .success)
            #expect(setup.runs == ["/usage"])
        }
    }

    @Test("diagnostics.jsonl records each warning when it appears and when it is resolved, not every time")
    func diagnosticsChangeLog() {
        withTemporaryDirectory { beforeHome in
            let before = Setup(home: beforeHome)
            #expect(before.run(["once", "status"]).code == .success)
            #expect(before.run(["once", "status"]).code == .success)
            let appeared = before.lines("diagnostics.jsonl")
            #expect(appeared.count == 2)
            #expect(appeared.map { $0["details"]?["event"] } == [.string("appeared"), .string("appeared")])
            #expect(appeared.first?["diagnostic_type"] == .string("config_mismatch"))
            #expect(appeared.first?["details"]?["configured"] == .string("global"))
            // The same log directory, now with a status that has three other warnings.
            withTemporaryDirectory { afterHome in
                let after = Setup(home: afterHome, status: "status-2.1.330-screen.txt")
                #expect(after.run(["once", "status"], ["PET_LOG_DIR": before.logs]).code == .success)
                let all = before.lines("diagnostics.jsonl")
                #expect(all.count == 2 + 3 + 2)
                #expect(all.suffix(2).map { $0["details"]?["event"] } == [.string("resolved"), .string("resolved")])
                #expect(all.suffix(2).map { $0["message"] } == appeared.map { $0["message"] })
            }
        }
    }

    @Test("a failed probe still writes its error record and exits 69")
    func failedProbe() {
        withTemporaryDirectory { home in
            let setup = Setup(home: home, usage: "trust-prompt-2.1.330-screen.txt")
            let (code, output) = setup.run(["once", "usage"], ["PET_COMMAND_TIMEOUT": "2000"])
            #expect(code == .unavailable)
            #expect(output.standardError.contains("usage:"))
            let record = setup.lines("usage.jsonl").first
            #expect(record?["error"]?.stringValue != nil)
            #expect(record?["raw"]?.stringValue?.contains("Accessing workspace") == true)
        }
    }

    @Test("PET_ANONYMIZE_EMAIL leaves no clear-text address in any file; PET_EXCLUDE_CWD stores cwd as null")
    func privacy() throws {
        try withTemporaryDirectory { home in
            let setup = Setup(home: home, status: "status-1.0.31.txt")
            #expect(
                setup.run(["once", "status"], ["PET_ANONYMIZE_EMAIL": "yes", "PET_EXCLUDE_CWD": "on"]).code == .success)
            let text = try String(contentsOfFile: setup.logs + "/status.jsonl", encoding: .utf8)
            #expect(!text.contains("user@example.com"))
            let record = setup.lines("status.jsonl").first
            #expect(record?["email"] == .string("sha256:" + SHA256.hex("user@example.com")))
            #expect(record?["cwd"] == .null)
        }
    }

    @Test("bad arguments exit 64 with a hint")
    func badArguments() {
        withTemporaryDirectory { home in
            let (code, output) = Setup(home: home).run(["once", "usgae"])
            #expect(code == .usage)
            #expect(output.standardError.contains("did you mean 'usage'?"))
        }
    }
}
