import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// The issue's acceptance check, tried as a new user would: the real Claude Code open with our statusline
    /// (re-rendered every second by `refreshInterval`), `auto` by default, over a scaled-down hour (usage interval
    /// 2.1 s for a minute, so 126 s for an hour and 31.5 s for the 15-minute screen interval). Once the statusline has
    /// `rate_limits`, the companion probes `/usage` only for the screen, `/status` once, and every usage interval
    /// still has a usage record. The probes' claude is signed in (a wrapper gives it the token, as `claude auth
    /// login` would), so that no signed-out back-off hides the screen interval.
    @Test("Claude Code open, auto: the screen at most every screen interval, one /status, a record every interval")
    func footprintWithClaudeCodeOpen() throws {
        try RealClaude.withFakeAPI { api in
            try RealClaude.withSandbox { sandbox in
                let home = sandbox.home
                let logs = home + "/logs"
                let work = try sandbox.trustedWorkDirectory()
                try FileManager.default.createDirectory(atPath: home + "/bin", withIntermediateDirectories: true)
                let signedIn = api.map { "\($0.key)='\($0.value)'" }.sorted().joined(separator: " ")
                let probeClaude = home + "/bin/claude"
                _ = FileManager.default.createFile(
                    atPath: probeClaude,
                    contents: Data("#!/bin/sh\nexport \(signedIn)\nexec '\(sandbox.binary)' \"$@\"\n".utf8),
                    attributes: [.posixPermissions: 0o755])
                try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
                let statusLine = #"{"type": "command", "command": "\#(Binary.path) statusline", "refreshInterval": 1}"#
                try Data(#"{"statusLine": \#(statusLine)}"#.utf8)
                    .write(to: URL(fileURLWithPath: home + "/.claude/settings.json"))
                var environment = sandbox.environment.merging(api) { $1 }
                environment["PET_USAGE_LOGGING_ENABLED"] = "true"
                environment["PET_LOG_DIR"] = logs
                environment["PET_CLAUDE_COMMAND"] = probeClaude
                environment["PET_USAGE_LOG_INTERVAL"] = "2100ms"
                environment["PET_USAGE_SCREEN_INTERVAL"] = "31500ms"
                environment["PET_STATUS_LOG_INTERVAL"] = "126s"
                defer { RealClaude.stopCompanion(logs) }

                // From the first statusline record (the first reply brought rate_limits), watch 40 s.
                let window = 40.0
                let conversation = ClaudeConversation(prompts: ["Say hi"], exit: false) {
                    guard let first = Self.usageTimes(logs, source: "statusline").first else { return false }
                    return Date().timeIntervalSince(first) >= window
                }
                let outcome = try TerminalRunner().run(
                    executable: sandbox.binary, arguments: [], workingDirectory: work, environment: environment,
                    limits: RunLimits(timeoutMs: 90_000, graceMs: 2_000), observer: conversation)
                #expect(!outcome.timedOut, "\(String(decoding: outcome.output.suffix(3_000), as: UTF8.self))")
                RealClaude.stopCompanion(logs)

                let start = try #require(Self.usageTimes(logs, source: "statusline").first)
                let end = start.addingTimeInterval(window)
                let screens = Self.usageTimes(logs, source: "command").filter { $0 >= start && $0 < end }
                // 40 s is 0.32 of the scaled hour: at most 4 an hour is 1.3 here; the first may come at once (the
                // turn before the statusline had limits was a probe), so one or two.
                #expect(
                    (1...2).contains(screens.count), "screen probes at \(screens.map { $0.timeIntervalSince(start) })")
                #expect(logRecords(logs + "/status.jsonl").count == 1)
                // Every usage interval has a record, from either source.
                let all = (Self.usageTimes(logs, source: "statusline") + Self.usageTimes(logs, source: "command"))
                    .filter { $0 >= start && $0 < end }.sorted()
                let gaps = zip(all, all.dropFirst()).map { $1.timeIntervalSince($0) }
                #expect((gaps.max() ?? 99) <= 2.1 + 0.5, "gaps \(gaps)")
                #expect(all.count >= Int(window / 2.1) - 1)
                // Signed in: no signed-out back-off was involved.
                #expect(
                    !logRecords(logs + "/diagnostics.jsonl").contains {
                        $0["diagnostic_type"]?.stringValue == "probe_signed_out"
                    })
            }
        }
    }

    /// The times of the usage records from `source` (`command` or `statusline`), oldest first.
    private static func usageTimes(_ logs: String, source: String) -> [Date] {
        logRecords(logs + "/usage.jsonl").filter { $0["usage_data"]?["source"]?.stringValue == source }
            .compactMap { $0["timestamp"]?.stringValue.flatMap(Timestamp.date(from:)) }.sorted()
    }
}
