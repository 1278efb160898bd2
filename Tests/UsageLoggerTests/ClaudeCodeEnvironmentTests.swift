import Foundation
import Testing

@testable import UsageLogger

/// A `claude` we start from inside Claude Code (the statusline starts the companion, which probes) must not carry
/// the session's plumbing: the environment below is what the real Claude Code 2.1.332 gave its statusLine command.
@Suite("Claude Code's environment")
struct ClaudeCodeEnvironmentTests {
    /// `NAME=value` lines as `env` printed them.
    private static func environment(_ text: String) -> [String: String] {
        var environment: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2 { environment[String(parts[0])] = String(parts[1]) }
        }
        return environment
    }

    private static let statusline = environment(Fixtures.text("statusline-environment-2.1.332.txt"))
    private static let hook = environment(Fixtures.text("hook-environment-2.1.332.txt"))
    /// What the user's own shell had before Claude Code started (the capture's parent environment).
    private static let users: Set<String> = [
        "ANTHROPIC_BASE_URL", "DISABLE_AUTOUPDATER", "DISABLE_TELEMETRY", "HOME", "MY_VAR", "PATH", "TERM",
    ]

    @Test("every variable Claude Code added for its statusline and hooks is removed, the user's are kept")
    func removesEverythingClaudeCodeAdded() {
        for captured in [Self.statusline, Self.hook] {
            let added = Set(captured.keys).subtracting(Self.users).subtracting(["PWD"])
            #expect(added.count >= 15)
            let cleaned = ClaudeCodeEnvironment.withoutSessionPlumbing(captured)
            #expect(Set(cleaned.keys).intersection(added).isEmpty, "\(Set(cleaned.keys).intersection(added))")
            for name in Self.users { #expect(cleaned[name] == captured[name]) }
        }
    }

    @Test("the user's sign-in and settings stay; later plumbing of the same families goes")
    func keepsTheUsers() {
        let user = [
            "CLAUDE_CODE_OAUTH_TOKEN": "t", "CLAUDE_CONFIG_DIR": "/c", "ANTHROPIC_API_KEY": "k",
            "CLAUDE_CODE_USE_BEDROCK": "1", "HTTPS_PROXY": "http://proxy", "PET_LOG_DIR": "/l",
        ]
        #expect(ClaudeCodeEnvironment.withoutSessionPlumbing(user) == user)
        let later = [
            "CLAUDE_CODE_MESSAGING_PORT": "1", "CLAUDE_CODE_CHILD_DEPTH": "2", "CLAUDE_CODE_SESSION_NAME": "x",
        ]
        #expect(ClaudeCodeEnvironment.withoutSessionPlumbing(later).isEmpty)
    }

    @Test("a probe started from the statusline's environment runs claude without any of it")
    func probeChild() throws {
        try withTemporaryDirectory { home in
            let seen = home.path + "/child-environment"
            let fake = FakeClaude(in: home, sample: "status-2.1.55.txt", "env > '\(seen)'")
            let environment = probeEnvironment(fake, home: home, Self.statusline.filter { $0.key != "HOME" })
            let (code, _) = runCLI(["probe", "status"], environment: environment)
            #expect(code == .success)
            let child = Self.environment(try String(contentsOfFile: seen, encoding: .utf8))
            let plumbing = child.keys.filter(ClaudeCodeEnvironment.isSessionVariable)
            #expect(plumbing.isEmpty, "\(plumbing)")
            #expect(child["CLAUDE_CODE_MESSAGING_TOKEN"] == nil && child["CLAUDE_CODE_MESSAGING_SOCKET"] == nil)
            #expect(child["ANTHROPIC_BASE_URL"] == Self.statusline["ANTHROPIC_BASE_URL"])
            #expect(child["MY_VAR"] == "1")
            #expect(child[ProbeMarker.variable]?.hasPrefix("\(getpid())-") == true)
            #expect(child["TERM"] == "xterm-256color")
            #expect(child["PWD"] == home.path + "/probe")
        }
    }

    @Test("the companion the statusline starts gets none of it either")
    func companionChild() throws {
        try withTemporaryDirectory { home in
            let seen = home.path + "/companion-environment"
            let companion = home.write(
                "companion", "#!/bin/sh\nenv > '\(seen).part' && mv '\(seen).part' '\(seen)'\n", executable: true)
            let logs = home.subdirectory("logs")
            let configuration = try Configuration(environment: ["HOME": home.path])
            let pid = CompanionLauncher.startIfNeeded(
                executable: companion, directory: logs.path, configuration: configuration,
                environment: Self.statusline)
            #expect(pid != nil)
            #expect(waitUntil { FileManager.default.fileExists(atPath: seen) })
            let child = Self.environment(try String(contentsOfFile: seen, encoding: .utf8))
            #expect(child.keys.filter(ClaudeCodeEnvironment.isSessionVariable).isEmpty)
            #expect(child["PET_LOG_DIR"] == logs.path)
            #expect(child["MY_VAR"] == "1")
        }
    }
}
