import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger probe` against the real Claude Code CLI, offline and not logged in, in a sandbox: the newest
/// release by default, the one of `REAL_CLAUDE_VERSION=<claude-agent-sdk version>` when set (`.ci/run` runs this
/// suite for the pinned release of `Benchmarks/compat-releases.txt` and the newest two). Skipped, with the reason
/// on stderr, only when the CLI cannot be fetched.
@Suite(
    "Real Claude Code", .serialized, .timeLimit(.minutes(3)),
    .enabled(if: RealClaude.isAvailable, "the real Claude Code CLI could not be fetched by ../shared/tools/real-claude")
)
struct RealClaudeTests {
    private func probe(_ kind: String, _ sandbox: RealClaude.Sandbox, _ extra: [String: String] = [:]) -> (
        ExitCode, [String: Any]?, String
    ) {
        let (code, output) = runCLI(["probe", kind], environment: sandbox.environment.merging(extra) { $1 })
        return (code, output.json, output.standardError)
    }

    /// This sandbox's probes running now: the binary is shared by every test run on the machine, so its
    /// processes are told apart by their HOME.
    private func running(_ sandbox: RealClaude.Sandbox) -> [String] {
        let ours = Set(ProcessSweep.processes(carrying: "HOME") { $0 == sandbox.home }.map { String($0.pid) })
        return ProcessTable.processes(containing: sandbox.binary).filter { line in
            (line.contains(" /status") || line.contains(" /usage"))
                && ours.contains(String(line.split(separator: " ").first ?? ""))
        }
    }

    /// This sandbox's probes still running after a bounded wait for them to end.
    private func survivors(_ sandbox: RealClaude.Sandbox) -> [String] {
        var left = running(sandbox)
        let deadline = ContinuousClock.now + .seconds(3)
        while !left.isEmpty, ContinuousClock.now < deadline {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(20))
            left = running(sandbox)
        }
        return left
    }

    @Test("probe status: version as `claude --version` says, model, session block and every diagnostic")
    func status() throws {
        try RealClaude.withSandbox { sandbox in
            let (code, json, error) = probe("status", sandbox)
            #expect(code == .success, "\(error)")
            let version = RealClaude.shell([sandbox.binary, "--version"], environment: sandbox.environment).output
            #expect(json?["version"] as? String == version.split(separator: " ").first.map(String.init))
            #expect((json?["model"] as? String)?.isEmpty == false)
            let data = json?["status_data"] as? [String: Any]
            #expect(UUID(uuidString: data?["session_id"] as? String ?? "") != nil)
            #expect(data?["session_kind"] as? String == "interactive")
            #expect(data?["working_directory"] as? String == sandbox.environment["PROBE_DIR"])
            #expect(data?["auth_token"] as? String == "none")
            let diagnostics = json?["diagnostics"] as? [String: Any]
            let warnings = diagnostics?["warnings"] as? [String] ?? []
            let home = sandbox.home
            // The sandbox has no ~/.local/bin and no install method: Claude Code 2.1.330 says exactly this.
            #expect(warnings.count == 3)
            #expect(
                warnings.first?.hasPrefix("Native installation exists but ~/.local/bin is not in your PATH. Run: echo")
                    == true)
            #expect(warnings.contains("Running native installation but config install method is 'not set'"))
            #expect(
                warnings.contains(
                    "claude command at \(home)/.local/bin/claude missing or broken (\(home)/.local/bin does not exist)")
            )
            let details = diagnostics?["mismatch_details"] as? [[String: Any]]
            #expect(details?.first?["running"] as? String == "native")
            let items = diagnostics?["items"] as? [[String: Any]] ?? []
            #expect(items.count == warnings.count)
            #expect(!items.contains { $0["diagnostic_type"] as? String == "other" })
            #expect(survivors(sandbox).isEmpty)
        }
    }

    @Test("probe usage without a subscription: the Session cost block, state ok, tokens 0")
    func usage() throws {
        try RealClaude.withSandbox { sandbox in
            let (code, json, error) = probe("usage", sandbox)
            #expect(code == .success, "\(error)")
            let data = json?["usage_data"] as? [String: Any]
            #expect(data?["state"] as? String == "ok")
            #expect(data?["total_tokens"] as? Int == 0)
            #expect((data?["cost"] as? [String: Any])?["total_cost"] as? String != nil)
            #expect(survivors(sandbox).isEmpty)
        }
    }

    @Test("probe usage as a signed-in subscriber (fake API): the plan windows, then probe status")
    func subscriber() throws {
        try RealClaude.withFakeAPI { api in
            try RealClaude.withSandbox { sandbox in
                let (code, json, error) = probe("usage", sandbox, api)
                #expect(code == .success, "\(error)")
                let windows = (json?["usage_data"] as? [String: Any])?["windows"] as? [[String: Any]] ?? []
                #expect(windows.map { $0["name"] as? String } == ["Current session", "Current week (all models)"])
                #expect(windows.map { $0["used_percent"] as? Int } == [42, 17])
                #expect(windows.allSatisfy { $0["resets_at"] as? String != nil })
                let (statusCode, status, statusError) = probe("status", sandbox, api)
                #expect(statusCode == .success, "\(statusError)")
                #expect((status?["model"] as? String)?.isEmpty == false)
                #expect(survivors(sandbox).isEmpty)
            }
        }
    }

    /// Offline and signed out, Claude Code (2.1.332) writes no transcript for a /status session, only a line in
    /// `history.jsonl`: this shows the end state, not the removal, which `ProbeCommandTests.transcripts` proves with a
    /// fake that writes one.
    @Test("a real probe leaves no transcript in its project folder")
    func transcriptRemoved() throws {
        try RealClaude.withSandbox { sandbox in
            _ = probe("status", sandbox)
            let folder =
                sandbox.home + "/.claude/projects/" + ProbeDirectory.slug(for: sandbox.environment["PROBE_DIR"] ?? "")
            let left = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            #expect(!left.contains { $0.hasSuffix(".jsonl") })
        }
    }

    @Test("in a new, untrusted dedicated directory the trust prompt is accepted and the dialog read")
    func trustPrompt() throws {
        try RealClaude.withSandbox { sandbox in
            let fresh = sandbox.home + "/fresh-probe"
            let (code, json, error) = probe("status", sandbox, ["PET_PROBE_DIR": fresh])
            #expect(code == .success, "\(error)")
            #expect((json?["status_data"] as? [String: Any])?["working_directory"] as? String == fresh)
            let settings = try String(contentsOfFile: sandbox.home + "/.claude.json", encoding: .utf8)
            #expect(settings.contains(fresh))
            #expect(survivors(sandbox).isEmpty)
        }
    }

    @Test("a project directory as PET_PROBE_DIR is refused before claude starts, and never trusted: exit 73")
    func trustRefused() throws {
        try RealClaude.withSandbox { sandbox in
            let project = sandbox.home + "/project"
            sandbox.directory.write("project/main.c", "int main(void) { return 0; }\n")
            let (code, json, error) = probe("status", sandbox, ["PET_PROBE_DIR": project])
            #expect(code == .cannotCreate)
            #expect((json?["error"] as? String)?.contains("not usage-logger's own probe directory") == true)
            #expect(error.contains("PET_PROBE_DIR"))
            let settings = try String(contentsOfFile: sandbox.home + "/.claude.json", encoding: .utf8)
            #expect(!settings.contains(project))
            #expect(survivors(sandbox).isEmpty)
        }
    }

    @Test("once, twice, with logging on: 0600 records of both kinds, diagnostics once; doctor runs")
    func onceTwice() throws {
        try RealClaude.withSandbox { sandbox in
            let logs = sandbox.home + "/logs"
            let environment = sandbox.environment.merging(["PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": logs]) {
                $1
            }
            for _ in 0..<2 {
                let (code, output) = runCLI(["once"], environment: environment)
                #expect(code == .success, "\(output.standardError)")
            }
            func records(_ name: String) -> [JSONValue] {
                let data = FileManager.default.contents(atPath: logs + "/" + name) ?? Data()
                return data.split(separator: 0x0A).compactMap { try? JSONParser.parse([UInt8]($0)) }
            }
            #expect(records("status.jsonl").count == 2)
            #expect(records("usage.jsonl").count == 2)
            #expect(records("status.jsonl").allSatisfy { $0["version"]?.stringValue?.isEmpty == false })
            #expect(records("diagnostics.jsonl").count == 3)
            for name in ["status.jsonl", "usage.jsonl", "diagnostics.jsonl"] {
                let mode =
                    (try? FileManager.default.attributesOfItem(atPath: logs + "/" + name)[.posixPermissions]) as? Int
                #expect(mode == 0o600)
            }
            let doctor = runCLI(["doctor"], environment: environment).output.standardOutput
            #expect(doctor.contains("✔ claude: 2."))
            #expect(doctor.contains("! signed in: no"))
            #expect(survivors(sandbox).isEmpty)
        }
    }

    @Test(
        "the companion against the real claude for a minute: a record every interval, one claude at a time, nothing left"
    )
    func companionForAMinute() throws {
        try RealClaude.withSandbox { sandbox in
            let logs = sandbox.home + "/logs"
            let environment = sandbox.environment.merging([
                "PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": logs, "PET_USAGE_LOG_INTERVAL": "8000",
                "PET_STATUS_LOG_INTERVAL": "30000",
            ]) { $1 }
            let companion = try CompanionProcess(["run"], environment: environment)
            var most = 0
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {  // watch, every 100 ms, how many claude probes run at once
                most = max(most, running(sandbox).count)
                _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(100))
            }
            companion.signal(SIGTERM)
            #expect(companion.waitForExit(milliseconds: 3_000) == 0)
            #expect(most <= 1)
            let usage = logRecords(logs + "/usage.jsonl")
            let status = logRecords(logs + "/status.jsonl")
            #expect(usage.count >= 6 && usage.count <= 9, "\(usage.count) usage records in a minute at 8 s")
            #expect(status.count >= 2 && status.count <= 3, "\(status.count) status records in a minute at 30 s")
            #expect(usage.allSatisfy { $0["usage_data"]?["state"] == .string("ok") })
            #expect(survivors(sandbox).isEmpty)
        }
    }
}
