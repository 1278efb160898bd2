import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// `usage-logger setup all --enable-logging` in a fresh sandbox HOME, then the real Claude Code started there:
    /// it must accept the settings we wrote (it ignores a whole file it finds invalid) and run our statusline,
    /// whose render records the session in the log directory's statusline.json.
    @Test("setup all writes settings the real Claude Code accepts: it runs our statusline, which records the session")
    func setupAllRunsInClaudeCode() throws {
        try RealClaude.withFakeAPI { api in
            try RealClaude.withSandbox { sandbox in
                let home = sandbox.home
                let logs = home + "/logs"
                let work = try sandbox.trustedWorkDirectory()
                var environment = sandbox.environment.merging(api) { $1 }
                environment["PET_LOG_DIR"] = logs
                environment["PET_USAGE_SOURCE"] = "statusline"
                defer { RealClaude.stopCompanion(logs) }

                let setup = Binary.shell(#""$UL" setup all --enable-logging"#, environment: environment)
                #expect(setup.status == 0, "\(setup.output)\(setup.error)")
                #expect(setup.output.contains("Logging is on"))
                let settingsPath = home + "/.claude/settings.json"
                let settings = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: settingsPath))))
                let command = try #require(settings["statusLine"]?["command"]?.stringValue)
                #expect(command.hasSuffix(" statusline"))
                #expect(settings["hooks"]?["SessionEnd"]?.arrayValue?.count == 1)

                let sessionFile = LogPaths(directory: logs).sessionContext
                let watcher = ClaudeConversation(prompts: [], exit: false) {
                    (try? String(contentsOfFile: sessionFile, encoding: .utf8))?.contains("session") == true
                }
                let outcome = try TerminalRunner().run(
                    executable: sandbox.binary, arguments: [], workingDirectory: work, environment: environment,
                    limits: RunLimits(timeoutMs: 90_000, graceMs: 2_000), observer: watcher)
                #expect(!outcome.timedOut, "\(String(decoding: outcome.output.suffix(3_000), as: UTF8.self))")
                let saved = try #require(SessionContext.load(from: logs))
                #expect(UUID(uuidString: saved.sessionID ?? "") != nil)
                #expect(saved.cwd == work)
                // Claude Code left the file as we wrote it (it rewrites a file it could not read).
                let after = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: settingsPath))))
                #expect(after["statusLine"] == settings["statusLine"])
                #expect(after["hooks"] == settings["hooks"])
            }
        }
    }
}
