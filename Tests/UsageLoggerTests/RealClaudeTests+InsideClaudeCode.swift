import Foundation
import Testing

@testable import UsageLogger

extension RealClaudeTests {
    /// A subscriber signed in through `CLAUDE_CODE_OAUTH_TOKEN` runs Claude Code with our statusline: Claude Code
    /// passes the statusline its session plumbing but not the token. The companion the statusline starts must
    /// probe without the plumbing, and report the signed-out probes instead of recording empty windows.
    @Test("inside Claude Code: the companion's probes carry none of its session plumbing; signed out is reported")
    func insideClaudeCode() throws {
        try RealClaude.withFakeAPI { api in
            try RealClaude.withSandbox { sandbox in
                let home = sandbox.home
                let logs = home + "/logs"
                let work = try sandbox.trustedWorkDirectory()
                // Both our commands write down the environment they were given, then become what they stand for.
                let probeClaude = writeScript(
                    home + "/bin/claude", "env > \"\(home)/probe-env.$$\"; exec '\(sandbox.binary)' \"$@\"")
                let statusline = writeScript(
                    home + "/bin/statusline", "env > \"\(home)/statusline-env\"; exec '\(Binary.path)' statusline")
                try FileManager.default.createDirectory(atPath: home + "/.claude", withIntermediateDirectories: true)
                try Data(#"{"statusLine": {"type": "command", "command": "\#(statusline)"}}"#.utf8)
                    .write(to: URL(fileURLWithPath: home + "/.claude/settings.json"))
                var environment = sandbox.environment.merging(api) { $1 }
                environment["PET_USAGE_LOGGING_ENABLED"] = "true"
                environment["PET_LOG_DIR"] = logs
                environment["PET_CLAUDE_COMMAND"] = probeClaude
                environment["PET_STATUS_LOG_INTERVAL"] = "1h"
                environment["PET_USAGE_LOG_INTERVAL"] = "5s"
                defer { RealClaude.stopCompanion(logs) }

                let conversation = ClaudeConversation(prompts: ["Say hi"], exit: false) {
                    logRecords(logs + "/diagnostics.jsonl").contains {
                        $0["diagnostic_type"]?.stringValue == "probe_signed_out"
                    }
                }
                let outcome = try TerminalRunner().run(
                    executable: sandbox.binary, arguments: [], workingDirectory: work, environment: environment,
                    limits: RunLimits(timeoutMs: 150_000, graceMs: 2_000), observer: conversation)
                #expect(!outcome.timedOut, "\(String(decoding: outcome.output.suffix(3_000), as: UTF8.self))")

                // What Claude Code gave the statusline: its plumbing, and no token.
                let given = environmentFile(home + "/statusline-env")
                let messagingToken = try #require(given["CLAUDE_CODE_MESSAGING_TOKEN"])
                let socket = try #require(given["CLAUDE_CODE_MESSAGING_SOCKET"])
                #expect(given["CLAUDE_CODE_OAUTH_TOKEN"] == nil)

                // Every probe's claude: none of it.
                let probes = try FileManager.default.contentsOfDirectory(atPath: home).filter {
                    $0.hasPrefix("probe-env.")
                }
                #expect(probes.count >= 2)
                for name in probes {
                    let probe = environmentFile(home + "/" + name)
                    #expect(probe.keys.filter(ClaudeCodeEnvironment.isSessionVariable).isEmpty, "\(name)")
                    #expect(probe["CLAUDE_CODE_OAUTH_TOKEN"] == nil)
                    #expect(probe[ProbeMarker.variable] != nil)
                    #expect(probe["PWD"] == sandbox.environment["PROBE_DIR"])
                }
                // Nor the companion itself.
                let companion = try #require(RealClaude.runningCompanion(logs))
                let companionEnvironment = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(companion)/environ")))
                    .map { String(decoding: $0, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\n") }
                #expect(companionEnvironment?.contains("PET_LOG_DIR=") == true)
                #expect(companionEnvironment?.contains("CLAUDE_CODE_MESSAGING") == false)
                #expect(companionEnvironment?.contains("CLAUDECODE=") == false)
                // No record or state file holds the messaging token, the user's socket, or the sign-in token.
                for name in try FileManager.default.contentsOfDirectory(atPath: logs) {
                    let text = (try? String(contentsOfFile: logs + "/" + name, encoding: .utf8)) ?? ""
                    for secret in [messagingToken, socket, api["CLAUDE_CODE_OAUTH_TOKEN"] ?? "-"] {
                        #expect(!text.contains(secret), "\(name) contains \(secret)")
                    }
                }

                // The signed-out probe is reported, once, and said on its record; the statusline recorded the
                // plan windows meanwhile.
                let signedOut = logRecords(logs + "/diagnostics.jsonl").filter {
                    $0["diagnostic_type"]?.stringValue == "probe_signed_out"
                }
                #expect(signedOut.count == 1)
                let usage = logRecords(logs + "/usage.jsonl").compactMap { $0["usage_data"] }
                #expect(usage.contains { $0["source"]?.stringValue == "command" && $0["signed_out"] == .bool(true) })
                let fromStatusline = usage.first { $0["source"]?.stringValue == "statusline" }
                #expect(fromStatusline?["windows"]?.arrayValue?.count == 2)
                let (_, doctor) = runCLI(["doctor"], environment: given)
                #expect(doctor.standardOutput.contains("! companion sign-in"))
            }
        }
    }

    private func writeScript(_ path: String, _ body: String) -> String {
        try? FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: path, contents: Data("#!/bin/sh\n\(body)\n".utf8))
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    private func environmentFile(_ path: String) -> [String: String] {
        var environment: [String: String] = [:]
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { environment[String(parts[0])] = String(parts[1]) }
        }
        return environment
    }
}
