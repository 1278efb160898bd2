import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// The real Claude Code runs `usage-logger hook` for SessionStart, StopFailure and SessionEnd: two `claude -p`
    /// runs against the fake API give one `sessions.jsonl` row each with exactly the tokens the fake returned
    /// (12 input and 7 output per request); with the fake refusing (`mode: limit`) the StopFailure hook writes a
    /// `limited` usage record, and that session's row counts the hit.
    @Test("hooks in the real Claude Code: a row per session with the fake API's exact tokens, limit hits recorded")
    func hooksFromRealClaude() throws {
        try withTemporaryDirectory { scratch in
            let state = scratch.path + "/fake-state.json"
            try Data(#"{"mode": "ok"}"#.utf8).write(to: URL(fileURLWithPath: state))
            try RealClaude.withFakeAPI(state: state) { api in
                try RealClaude.withSandbox { sandbox in
                    try runHooks(sandbox: sandbox, api: api, state: state)
                }
            }
        }
    }

    private func runHooks(sandbox: RealClaude.Sandbox, api: [String: String], state: String) throws {
        let home = sandbox.home
        let logs = home + "/logs"
        let work = home + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let command = JSONValue.string("exec " + Binary.path + " hook").serialized()
        let entry = #"[{"matcher": "", "hooks": [{"type": "command", "command": \#(command)}]}]"#
        let settings = #"{"hooks": {"SessionStart": \#(entry), "StopFailure": \#(entry), "SessionEnd": \#(entry)}}"#
        try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
        try Data(settings.utf8).write(to: URL(fileURLWithPath: home + "/.claude/settings.json"))
        var environment = sandbox.environment.merging(api) { $1 }
        environment["PET_USAGE_LOGGING_ENABLED"] = "true"
        environment["PET_LOG_DIR"] = logs
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0"
        func claude(_ prompt: String) -> (status: Int32, output: String, error: String) {
            RealClaude.shell(
                ["/bin/sh", "-c", "cd '\(work)' && exec '\(sandbox.binary)' -p '\(prompt)' < /dev/null"],
                environment: environment)
        }
        for prompt in ["hi", "hello again"] {
            let run = claude(prompt)
            #expect(run.status == 0, "\(run.output) \(run.error)")
        }
        let rows = records(logs + "/sessions.jsonl", atLeast: 2)
        try #require(rows.count == 2, "\(rows)")
        let transcripts = try FileManager.default.subpathsOfDirectory(atPath: home + "/.claude/projects")
            .filter { $0.hasSuffix(".jsonl") && !$0.contains("/subagents/") }
        #expect(Set(rows.compactMap { $0["session_id"]?.stringValue }).count == 2)
        for row in rows {
            let requests = try #require(row["requests"]?.intValue)
            #expect(requests >= 1)
            #expect(row["tokens"]?["input"]?.intValue == 12 * requests, "\(row)")
            #expect(row["tokens"]?["output"]?.intValue == 7 * requests, "\(row)")
            #expect(row["tokens"]?["total"]?.intValue == 19 * requests, "\(row)")
            #expect(row["cwd"]?.stringValue == work)
            #expect(row["limit_hits"]?.intValue == 0)
            #expect(row["version"]?.stringValue?.isEmpty == false)
            // Claude Code's own count of the session agrees (its `cost-state` line, when the release writes one).
            let id = try #require(row["session_id"]?.stringValue)
            let transcript = try #require(transcripts.first { $0.hasSuffix(id + ".jsonl") })
            let lines = logRecords(home + "/.claude/projects/" + transcript)
            if let usage = lines.last(where: { $0["type"]?.stringValue == "cost-state" })?["modelUsage"],
                case .object(let models) = usage
            {
                #expect(models.reduce(0) { $0 + ($1.1["inputTokens"]?.intValue ?? 0) } == 12 * requests)
                #expect(models.reduce(0) { $0 + ($1.1["outputTokens"]?.intValue ?? 0) } == 7 * requests)
            }
        }

        try Data(#"{"mode": "limit"}"#.utf8).write(to: URL(fileURLWithPath: state))
        let refused = claude("hi")
        #expect(refused.status != 0)
        let after = records(logs + "/sessions.jsonl", atLeast: 3)
        let limited = logRecords(logs + "/usage.jsonl").filter { $0["usage_data"]?["source"]?.stringValue == "hook" }
        try #require(limited.count == 1, "\(logRecords(logs + "/usage.jsonl"))")
        #expect(limited[0]["usage_data"]?["state"]?.stringValue == "limited")
        #expect(limited[0]["usage_data"]?["error"]?["type"]?.stringValue == "rate_limit")
        // 2.1.330 says `API Error: Request rejected (429) · …`, 2.1.332 `You've hit your 5-hour limit · resets …`.
        let message = limited[0]["usage_data"]?["error"]?["message"]?.stringValue ?? ""
        #expect(message.contains("429") || message.contains("limit"), "\(message)")
        #expect(limited[0]["cwd"]?.stringValue == work)
        #expect(after.count == 3)
        #expect(after.last?["limit_hits"]?.intValue == 1)
        #expect(after.last?["session_id"] == limited[0]["session_id"])
        #expect(after.last?["requests"]?.intValue == 0)
        // Nothing of ours or of this sandbox's Claude Code is left running.
        #expect(ProcessTable.processes(containing: Binary.path + " hook").isEmpty)
        let ours = ProcessSweep.processes(carrying: "HOME") { $0 == home }
        #expect(ours.isEmpty, "\(ours)")
    }

    /// The log's records once it holds `count` (a hook may finish just after `claude` exits), or after 10 s.
    private func records(_ path: String, atLeast count: Int) -> [JSONValue] {
        let deadline = ContinuousClock.now + .seconds(10)
        var found = logRecords(path)
        while found.count < count, ContinuousClock.now < deadline {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(50))  // poll for the file's lines
            found = logRecords(path)
        }
        return found
    }
}
