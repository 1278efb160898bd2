import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// Issue 13 as a new user lives it, against the real Claude Code signed in to the fake API: `setup all
    /// --enable-logging` in a fresh HOME; an interactive session with two prompts, then `/exit`; two `claude -p`
    /// runs; then the fake refuses for a limit. Every session gets one row with exactly the fake's tokens, the
    /// statusline's records carry the fake's percentages, the refusal is a `limited` record, and nothing is left
    /// running. With `hybrid` storage, as issue 14 asks: the database ends up holding exactly what the logs hold
    /// (every writer, Claude Code's statusline and hooks and the companion, wrote both), and reads the same.
    @Test("end to end: setup all, an interactive session, claude -p, a limit: every record as the fake API said")
    func endToEnd() throws {
        try withTemporaryDirectory { scratch in
            let state = scratch.path + "/fake-state.json"
            try Data(#"{"mode": "ok", "five_hour": 0.42, "seven_day": 0.17}"#.utf8)
                .write(to: URL(fileURLWithPath: state))
            try RealClaude.withFakeAPI(state: state) { api in
                try RealClaude.withSandbox { sandbox in
                    try endToEnd(sandbox: sandbox, api: api, state: state)
                }
            }
        }
    }

    private func endToEnd(sandbox: RealClaude.Sandbox, api: [String: String], state: String) throws {
        let home = sandbox.home
        let logs = home + "/logs"
        let work = try sandbox.trustedWorkDirectory()
        var environment = sandbox.environment.merging(api) { $1 }
        environment["PET_LOG_DIR"] = logs
        environment["CLAUDE_CODE_MAX_RETRIES"] = "0"
        environment["PET_LOG_STORAGE_TYPE"] = "hybrid"
        // Issue 15's alerts: the fake's 42 % crosses 40; its limit is a limit hit. Each must arrive exactly once.
        let inbox = home + "/alerts-received"
        environment["PET_ALERT_COMMAND"] = "/bin/sh -c 'cat >> \(inbox)'"
        environment["PET_ALERT_THRESHOLDS"] = "40,95"
        defer { RealClaude.stopCompanion(logs) }

        let setup = Binary.shell(#""$UL" setup all --enable-logging"#, environment: environment)
        try #require(setup.status == 0, "\(setup.output)\(setup.error)")

        // A person's session: two prompts, then /exit (SessionEnd with reason prompt_input_exit).
        let session = try TerminalRunner().run(
            executable: sandbox.binary, arguments: [], workingDirectory: work, environment: environment,
            limits: RunLimits(timeoutMs: 120_000, graceMs: 2_000),
            observer: ClaudeConversation(prompts: ["Say hi", "Say hello again"]))
        #expect(!session.timedOut, "\(String(decoding: session.output.suffix(3_000), as: UTF8.self))")
        for prompt in ["hi", "hello"] {
            let run = RealClaude.shell(
                ["/bin/sh", "-c", "cd '\(work)' && exec '\(sandbox.binary)' -p '\(prompt)' < /dev/null"],
                environment: environment)
            #expect(run.status == 0, "\(run.output) \(run.error)")
        }
        let rows = records(logs + "/sessions.jsonl", count: 3)
        try #require(rows.count == 3, "\(rows)")
        for row in rows {
            let requests = try #require(row["requests"]?.intValue)
            #expect(requests >= 1, "\(row)")
            #expect(row["tokens"]?["input"]?.intValue == 12 * requests, "\(row)")
            #expect(row["tokens"]?["output"]?.intValue == 7 * requests, "\(row)")
            #expect(row["cwd"]?.stringValue == work)
        }
        #expect(rows[0]["end_reason"]?.stringValue == "prompt_input_exit", "\(rows[0])")
        #expect((rows[0]["requests"]?.intValue ?? 0) >= 2)  // both prompts of the interactive session

        // The statusline recorded the fake's plan windows.
        let usage = logRecords(logs + "/usage.jsonl").compactMap { $0["usage_data"] }
        let fromStatusline = try #require(usage.first { $0["source"]?.stringValue == "statusline" })
        let percents = (fromStatusline["windows"]?.arrayValue ?? []).compactMap { $0["used_percent"]?.intValue }
        #expect(percents == [42, 17], "\(fromStatusline)")

        // The fake refuses for a limit: StopFailure writes a `limited` record, that session's row counts it.
        try Data(#"{"mode": "limit"}"#.utf8).write(to: URL(fileURLWithPath: state))
        let refused = RealClaude.shell(
            ["/bin/sh", "-c", "cd '\(work)' && exec '\(sandbox.binary)' -p 'hi' < /dev/null"], environment: environment)
        #expect(refused.status != 0)
        let after = records(logs + "/sessions.jsonl", count: 4)
        let limited = logRecords(logs + "/usage.jsonl").filter { $0["usage_data"]?["source"]?.stringValue == "hook" }
        #expect(limited.count == 1)
        #expect(limited.first?["usage_data"]?["state"]?.stringValue == "limited")
        #expect(after.last?["limit_hits"]?.intValue == 1)
        #expect(logRecords(logs + "/usage.jsonl").allSatisfy { $0["session_id"] != nil })

        // `report` shows it, `doctor` finds everything installed.
        let report = Binary.shell(
            #""$UL" report hits --logs "$0""#.replacingOccurrences(of: "$0", with: logs), environment: environment)
        #expect(report.output.contains("request refused"), "\(report.output)\(report.error)")
        let doctor = Binary.shell(#""$UL" doctor"#, environment: environment)
        #expect(doctor.output.contains("✔ statusline"), "\(doctor.output)")

        // `once` looks for alerts after its probe, as the companion does after each turn; then once more.
        for _ in 0..<2 { _ = Binary.shell(#""$UL" once status"#, environment: environment) }
        RealClaude.stopCompanion(logs)
        let alerts = logRecords(inbox)
        #expect(alerts.filter { $0["event"]?.stringValue == "threshold" }.count == 1, "\(alerts)")
        #expect(alerts.first { $0["event"]?.stringValue == "threshold" }?["threshold"]?.intValue == 40)
        #expect(alerts.filter { $0["event"]?.stringValue == "limit_hit" }.count == 1, "\(alerts)")
        let database = try RecordDatabase(readingAt: logs + "/usage.db")
        for log in LogName.allCases {
            let stored = try database.count(log)
            #expect(stored == logRecords(logs + "/" + log.fileName).count, "\(log)")
        }
        let fromLogs = Binary.shell(
            #""$UL" report hits --logs "$0""#.replacingOccurrences(of: "$0", with: logs), environment: environment)
        let fromDatabase = Binary.shell(
            #""$UL" report hits --logs "$0""#.replacingOccurrences(of: "$0", with: logs + "/usage.db"),
            environment: environment)
        #expect(fromDatabase.output == fromLogs.output, "\(fromDatabase.error)")
        #expect(FileSystem.kind(of: logs + "/database-failing") == .missing)
        let left = ProcessSweep.processes(carrying: "HOME") { $0 == home }
        #expect(left.isEmpty, "\(left)")
    }

    /// The log's records once it holds `count` (a hook may finish just after `claude` exits), or after 15 s.
    private func records(_ path: String, count: Int) -> [JSONValue] {
        var found = logRecords(path)
        _ = waitUntil(milliseconds: 15_000, pollMilliseconds: 50) {
            found = logRecords(path)
            return found.count >= count
        }
        return found
    }
}
