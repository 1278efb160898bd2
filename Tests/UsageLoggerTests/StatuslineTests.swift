import Foundation
import Testing

@testable import UsageLogger

@Suite("statusline command", .serialized, .timeLimit(.minutes(1)))
struct StatuslineTests {
    @Test(
        "broken input still prints one short line and exits 0",
        arguments: [
            "", "{", "null", "[1,2]", "\u{0}\u{1}\u{FFFD}binary", String(repeating: "{\"a\":", count: 5_000),
            #"{"model":null,"rate_limits":null,"context_window":{"used_percentage":"NaN"},"cost":{"total_cost_usd":"x"}}"#,
        ])
    func brokenInput(text: String) {
        let (code, output) = runCLI(["statusline"], input: Array(text.utf8))
        #expect(code == .success)
        #expect(output.standardOutput == "Claude Code\n")
    }

    @Test("a bad PET_* setting does not stop the statusline")
    func badSetting() {
        let (code, output) = runCLI(
            ["statusline"], environment: ["PET_LOG_MAX_SIZE": "huge"], input: Fixtures.bytes("statusline-input.json"))
        #expect(code == .success)
        #expect(output.standardOutput.hasPrefix("Sonnet 4.6 | ctx 22%"))
    }

    @Test("NO_COLOR turns colour off")
    func noColor() {
        let input = Array(#"{"context_window":{"used_percentage":97}}"#.utf8)
        #expect(runCLI(["statusline"], input: input).output.standardOutput.contains("\u{1B}[31m"))
        #expect(
            !runCLI(["statusline"], environment: ["NO_COLOR": "1"], input: input).output.standardOutput.contains(
                "\u{1B}"))
    }

    @Test(
        "more than 1 MiB, or a stdin that never closes, is cut off in bounded time",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func boundedInput() {
        let huge = Binary.shell(
            "head -c 3000000 /dev/zero | tr '\\0' ' ' | \"$UL\" statusline; echo \"rc=$?\"", environment: [:])
        #expect(huge.output == "Claude Code\nrc=0\n")
        let start = ContinuousClock.now
        let open = Binary.shell(
            "(cat '\(Fixtures.path("statusline-input.json"))'; exec sleep 5) | \"$UL\" statusline", environment: [:])
        #expect(open.output.hasPrefix("Sonnet 4.6"))
        let silent = Binary.shell("(exec sleep 3) | \"$UL\" statusline", environment: [:])
        #expect(silent.output == "Claude Code\n")
        // Bounded: the sleeps are what take time, not the statusline.
        #expect(ContinuousClock.now - start < .seconds(9))
    }

    @Test("with logging on: session context saved, one usage record per interval, last known limits kept")
    func records() throws {
        try withTemporaryDirectory { home in
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
                "PET_CLAUDE_COMMAND": "/nonexistent/claude",
                "PET_COMPANION_IDLE_EXIT": "1s",
            ]
            for _ in 0..<3 {
                #expect(
                    runCLI(["statusline"], environment: environment, input: Fixtures.bytes("statusline-input.json"))
                        .code
                        == .success)
            }
            let usage = logRecords(logs + "/usage.jsonl")
            #expect(usage.count == 1)
            #expect(usage.first?["usage_data"]?["source"] == .string("statusline"))
            #expect(usage.first?["session_id"] == .string("78e0af6a-dc4f-44d6-b6d1-06ee6211018f"))
            #expect(usage.first?["usage_data"]?["windows"]?.arrayValue?.first?["used_percent"] == .double(37.5))
            #expect(usage.first?["usage_data"]?["total_tokens"] == .int(48_212 + 6_120))
            let context = try #require(SessionContext.load(from: logs))
            #expect(context.sessionID == "78e0af6a-dc4f-44d6-b6d1-06ee6211018f")
            #expect(context.cwd == "/Users/user/code/webapp/.claude/worktrees/fix-login")
            // A later render without rate_limits keeps the last reading, never zero.
            let later = runCLI(
                ["statusline"], environment: environment, input: Fixtures.bytes("statusline-input-2.1.330-real.json"))
            #expect(later.output.standardOutput.contains("5h 37%"))
            #expect(SessionContext.load(from: logs)?.rateLimits != nil)
        }
    }

    @Test("its usage record is a probe's usage record with source statusline, null where the input says nothing")
    func usageRecordShape() throws {
        try withTemporaryDirectory { home throws in
            let environment = [
                "HOME": home.path, "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": home.path + "/logs",
                "PET_CLAUDE_COMMAND": "/nonexistent/claude",
            ]
            let input = #"{"cwd":"/w","rate_limits":{"five_hour":{"used_percentage":"12","resets_at":1785776400}}}"#
            #expect(runCLI(["statusline"], environment: environment, input: Array(input.utf8)).code == .success)
            let line = try String(contentsOfFile: home.path + "/logs/usage.jsonl", encoding: .utf8)
            let expected =
                #","session_id":null,"cwd":"/w","usage_data":{"source":"statusline","state":"ok","windows":["#
                + #"{"name":"Current session","used_percent":12,"resets":null,"resets_at":"2026-08-03T17:00:00.000Z"}],"#
                + #""extra_usage":null,"cost":null,"total_tokens":null,"error":null,"duration_ms":null}}"# + "\n"
            #expect(line.hasPrefix(#"{"timestamp":""#))
            #expect(line.hasSuffix(expected))
        }
    }

    @Test("a render without a session (no input, {}, no session_id) leaves the last session as it was")
    func renderWithoutSession() throws {
        try withTemporaryDirectory { home in
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
                "PET_CLAUDE_COMMAND": "/nonexistent/claude",
            ]
            let session = runCLI(
                ["statusline"], environment: environment, input: Fixtures.bytes("statusline-input.json"))
            #expect(session.code == .success)
            // Two hours later, as far as the saved context knows: the companion no longer tags records with it.
            var saved = try #require(SessionContext.load(from: logs))
            saved.updatedAt = Date(timeIntervalSinceNow: -7_200)
            try saved.save(in: logs, privacy: RecordPrivacy(configuration: Configuration(environment: environment)))
            let before = FileManager.default.contents(atPath: logs + "/statusline.json")
            for input in ["", "{}", "not json", #"{"model":{"display_name":"Opus"},"cwd":"/elsewhere"}"#] {
                #expect(runCLI(["statusline"], environment: environment, input: Array(input.utf8)).code == .success)
            }
            #expect(FileManager.default.contents(atPath: logs + "/statusline.json") == before)
            let after = try #require(SessionContext.load(from: logs))
            #expect(after.sessionID == "78e0af6a-dc4f-44d6-b6d1-06ee6211018f")
            #expect(Date().timeIntervalSince(after.updatedAt) > 3_600)
        }
    }

    @Test(
        "statusline < /dev/null run by hand starts no companion",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func noCompanionWithoutSession() {
        withTemporaryDirectory { home in
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
                "PET_CLAUDE_COMMAND": "/nonexistent/claude",
            ]
            let result = Binary.shell("\"$UL\" statusline < /dev/null", environment: environment)
            #expect(result.status == 0)
            #expect(result.output == "Claude Code\n")
            // The launcher takes the companion's lock (creating its file) before it starts one.
            #expect(FileSystem.kind(of: logs + "/companion.lock") == .missing)
            if FileSystem.kind(of: logs + "/companion.lock") != .missing {
                #expect(waitUntil { FileLock.holder(of: logs + "/companion.lock") != nil })
                if let companion = FileLock.holder(of: logs + "/companion.lock") { kill(companion, SIGTERM) }
            }
        }
    }

    @Test("the statusline that claude runs inside a probe records nothing")
    func insideProbe() throws {
        // A fake claude that, like the real one, runs the statusLine command while it shows its screen.
        try withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, sample: "status-2.1.55.txt",
                "'\(Binary.path)' statusline < '\(Fixtures.path("statusline-input.json"))' > /dev/null")
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
                "PET_CLAUDE_COMMAND": fake.path,
            ]
            try #require(FileManager.default.isExecutableFile(atPath: Binary.path))
            #expect(runCLI(["once", "status"], environment: environment).code == .success)
            #expect(logRecords(logs + "/status.jsonl").count == 1)
            #expect(SessionContext.load(from: logs) == nil)
            #expect(FileSystem.kind(of: logs + "/usage.jsonl") == .missing)
            let probeSession = runCLI(
                ["statusline"], environment: environment,
                input: Array(#"{"session_id":"x","cwd":"\#(home.path)/.local/state/usage-logger/probe"}"#.utf8))
            #expect(probeSession.code == .success)
            #expect(SessionContext.load(from: logs) == nil)
        }
    }

    @Test(
        "returns at once and starts exactly one detached companion, even under parallel renders",
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: Binary.path)
                && FileManager.default.fileExists(atPath: "/proc/self/environ")))
    func detachedCompanion() throws {
        withTemporaryDirectory { home in
            // A companion busy probing stays alive.
            let fake = FakeClaude(in: home, sample: nil, "exec \"$sleeper\" 1000")
            let logs = home.path + "/logs"
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs,
                "PET_CLAUDE_COMMAND": fake.path, "PET_COMMAND_TIMEOUT": "60000",
            ]
            let script =
                "for i in 1 2 3 4 5 6 7 8; do \"$UL\" statusline < '\(Fixtures.path("statusline-input.json"))' > /dev/null & done; wait"
            let result = Binary.shell(script, environment: environment)
            #expect(result.status == 0)
            #expect(waitUntil { companions(for: logs).count == 1 })
            let found = companions(for: logs)
            #expect(found.count == 1)
            // The lock is held from the spawn on (inherited); the pid is written once the companion has started.
            #expect(waitUntil { FileLock.holder(of: logs + "/companion.lock") == found.first })
            for pid in found { kill(pid, SIGTERM) }
            #expect(waitUntil { companions(for: logs).isEmpty })
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    /// Live `usage-logger run` processes whose environment names this log directory (Linux /proc).
    private func companions(for logs: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let command = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                String(decoding: command, as: UTF8.self).contains("run\u{0}--idle-exit"),
                let environ = FileManager.default.contents(atPath: "/proc/\(pid)/environ"),
                let status = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), !status.contains(") Z ")
            else { return false }
            return String(decoding: environ, as: UTF8.self).contains("PET_LOG_DIR=\(logs)\u{0}")
        }
    }
}
