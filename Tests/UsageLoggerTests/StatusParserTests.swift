import Foundation
import Testing

@testable import UsageLogger

@Suite("Status parser")
struct StatusParserTests {
    struct Expected: Sendable, CustomTestStringConvertible {
        let file: String
        let version: String?
        let email: String?
        let model: String?
        let sessionID: String?
        let cwd: String?
        let warnings: [String]
        let types: [Diagnostic.Kind]
        var testDescription: String { file }
    }

    static let samples: [Expected] = [
        Expected(
            file: "status-1.0.31.txt", version: "1.0.31", email: "user@example.com",
            model: "Sonnet Sonnet 4 for daily use", sessionID: "099c6fac-a484-413d-83f3-e3a548bc8cc2",
            cwd: "/Users/user/Development", warnings: [], types: []),
        Expected(
            file: "status-1.0.55.txt", version: "1.0.55", email: nil, model: nil,
            sessionID: "d00b7990-84a5-4b9e-bcd2-c6ff27828293", cwd: #"D:\ai_project\claude_test"#,
            warnings: ["Config mismatch: running npm-global but config says unknown"], types: [.configMismatch]),
        Expected(
            file: "status-2.1.3.txt", version: "2.1.3", email: "user@example.com",
            model: "opus (claude-opus-4-5-20251101)", sessionID: "4eb36de6-c9f2-4c22-8ad3-a8232ea6c078",
            cwd: "/Users/user", warnings: [], types: []),
        Expected(
            file: "status-2.1.55.txt", version: "2.1.55", email: "user@example.com",
            model: "Default Opus 4.6 · Most capable for complex work",
            sessionID: "c1489b81-4e61-4f0d-98e0-a7f3e2c378fd",
            cwd: "/Users/user/Develop/claude-tauri-boilerplate",
            warnings: [
                "Running native installation but config install method is 'global'",
                "Leftover npm global installation at ...",
            ], types: [.configMismatch, .leftoverInstallation]),
        Expected(
            file: "status-2.1.330-screen.txt", version: "2.1.330", email: nil, model: "Default (claude-opus-5-5)",
            sessionID: "acdc315d-4ab8-44f7-9a2c-8bd06c563d63", cwd: "/home/dev/probe",
            warnings: realWarnings, types: [.path, .configMismatch, .path]),
        Expected(
            file: "status-2.1.330-pty.raw", version: "2.1.330", email: nil, model: "Default (claude-opus-5-5)",
            sessionID: "17cb0a74-a3c5-4d71-a4b9-a748849e22a5", cwd: "/home/dev/probe",
            warnings: realWarnings, types: [.path, .configMismatch, .path]),
    ]

    static let realWarnings = [
        #"Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc && source ~/.bashrc"#,
        "Running native installation but config install method is 'not set'",
        "claude command at /home/dev/.local/bin/claude missing or broken (/home/dev/.local/bin does not exist)",
    ]

    @Test("every sample gives its exact values", arguments: samples)
    func sample(_ expected: Expected) {
        let report = StatusParser.parse(Fixtures.bytes(expected.file))
        #expect(report.version == expected.version)
        #expect(report.email == expected.email)
        #expect(report.model == expected.model)
        #expect(report.sessionID == expected.sessionID)
        #expect(report.workingDirectory == expected.cwd)
        #expect(report.diagnostics.map(\.message) == expected.warnings)
        #expect(report.diagnostics.map(\.kind) == expected.types)
    }

    @Test("the 1.0.31 report keeps its account rows")
    func accountRows() {
        let report = StatusParser.parse(Fixtures.bytes("status-1.0.31.txt"))
        #expect(report.loginMethod == "Claude Pro Account")
        #expect(report.organization == "user@example.com's Organization")
        #expect(report.extra.isEmpty)
    }

    @Test("the 1.0.55 IDE text that wraps is joined with one space")
    func wrappedIDE() {
        let report = StatusParser.parse(Fixtures.bytes("status-1.0.55.txt"))
        #expect(
            report.ide
                == "Installed PyCharm plugin but connection is not established. Please restart your IDE or try installing from https://docs.anthropic.com/s/claude-code-jetbrains"
        )
    }

    @Test("2.x rows: MCP servers with states, wrapped memory, setting sources, placeholders")
    func settingsPanelRows() {
        let report = StatusParser.parse(Fixtures.bytes("status-2.1.55.txt"))
        #expect(
            report.mcpServers.map(\.name) == ["plugin:context7:context7", "pencil", "tally-wallet", "claude-in-chrome"])
        #expect(report.mcpServers.map(\.state) == ["connected", "connected", "failed", "connected"])
        #expect(
            report.memory
                == "user (~/.claude/CLAUDE.md), project (CLAUDE.md), auto memory (~/.claude/projects/.../memory/MEMORY.md)"
        )
        #expect(report.settingSources == "User settings")
        #expect(report.loginMethod == "Claude Max Account")
        #expect(report.sessionName == nil)
        #expect(
            report.configMismatches == [
                ConfigMismatch(
                    running: "native", configured: "global",
                    message: "Running native installation but config install method is 'global'")
            ])
    }

    @Test("2.1.330 rows: unknown labels kept as extra, empty values stay empty, auth source kept")
    func newRows() {
        let report = StatusParser.parse(Fixtures.bytes("status-2.1.330-screen.txt"))
        #expect(report.sessionKind == "interactive")
        #expect(report.authToken == "none")
        #expect(report.settingSources == nil)
        #expect(report.modelID == "claude-opus-5-5")
        #expect(report.extra.map(\.label) == ["Peer address", "Additional CA cert(s)", "Auto mode server", "Features"])
        #expect(
            report.extra.last?.value.hasSuffix(
                "such as /advisor, /import, /skill-doctor: https://code.claude.com/docs/en/env-vars#features-that-need-feature-flag-fetching"
            ) == true)
    }

    @Test("ANSI colours, bold labels and CR LF line ends change nothing")
    func ansiVariant() {
        let text =
            "\u{1B}[1mVersion:\u{1B}[22m 2.1.55\r\n\u{1B}[1mLogin method: \u{1B}[22mClaude Max Account\u{1B}[0m\r\n"
            + "\u{1B}[1mEmail:\u{1B}[22m user@example.com\r\n\r\n\u{1B}[1mSystem Diagnostics\u{1B}[22m\r\n"
            + " \u{1B}[31m⚠\u{1B}[39m No write permissions for auto-updates (requires sudo)\r\n"
        let report = StatusParser.parse(Array(text.utf8))
        #expect(report.version == "2.1.55")
        #expect(report.loginMethod == "Claude Max Account")
        #expect(report.email == "user@example.com")
        #expect(report.permissions == UpdatePermissions(autoUpdate: false, requiresSudo: true))
    }

    @Test("a capture that lost its spaces still gives labels and values")
    func lostSpaces() {
        let text =
            "Version:2.1.55\nSessionID:c1489b81-4e61-4f0d-98e0-a7f3e2c378fd\nLoginmethod:ClaudeMaxAccount\nEmail:user@example.com\nSystemDiagnostics\n⚠Runningnativeinstallationbutconfiginstallmethodis'global'\n"
        let report = StatusParser.parse(Array(text.utf8))
        #expect(report.version == "2.1.55")
        #expect(report.sessionID == "c1489b81-4e61-4f0d-98e0-a7f3e2c378fd")
        #expect(report.loginMethod == "ClaudeMaxAccount")
        #expect(report.email == "user@example.com")
        #expect(report.diagnostics.first?.kind == .configMismatch)
        #expect(report.configMismatches.first?.configured == "global")
    }

    @Test("a wrapped warning is joined; several diagnostics are each classified")
    func severalDiagnostics() {
        let text = """
              Version: 2.0.76
              Email: user@example.com

              System Diagnostics
               ⚠ Multiple installations detected (2 found)
               ⚠ Found invalid settings files: /home/user/.claude/settings.json.
                 They will be ignored.
               ⚠ Installation config mismatch: running npm-global but config says npm-global
               ⚠ Insufficient permissions for auto-updates
               ⚠ Large ~/.claude/CLAUDE.md will impact performance (45000 chars > 40000)
               ⚠ Something new that no version printed before
            """
        let report = StatusParser.parse(Array(text.utf8))
        #expect(
            report.diagnostics.map(\.kind) == [
                .multipleInstallations, .invalidSettings, .configMismatch, .updatePermissions, .largeMemoryFile, .other,
            ])
        #expect(
            report.diagnostics[1].message
                == "Found invalid settings files: /home/user/.claude/settings.json. They will be ignored.")
        #expect(report.diagnostics[0].details == ["count": "2"])
        #expect(
            report.configMismatches.first
                == ConfigMismatch(
                    running: "npm-global", configured: "npm-global",
                    message: "Installation config mismatch: running npm-global but config says npm-global"))
        #expect(report.permissions == UpdatePermissions(autoUpdate: false, requiresSudo: nil))
        #expect(report.diagnostics[4].details == ["path": "~/.claude/CLAUDE.md", "chars": "45000", "max": "40000"])
    }

    @Test("in 1.x MCP and IDE sections a ⚠ is that section's state, not an installation warning")
    func sectionWarnings() {
        let text = """
             Claude Code v1.0.100

              └ Session ID: 11111111-2222-3333-4444-555555555555

             MCP servers • /mcp
              ⚠  github
              ✔  notion

             IDE Integration • /config
              ⚠  Not connected to VS Code

             System Diagnostics • /doctor
              ⚠  Config mismatch: running npm-global but config says unknown
            """
        let report = StatusParser.parse(Array(text.utf8))
        #expect(report.version == "1.0.100")
        #expect(report.sessionID == "11111111-2222-3333-4444-555555555555")
        #expect(
            report.mcpServers == [.init(name: "github", state: "warning"), .init(name: "notion", state: "connected")])
        #expect(report.ide == "Not connected to VS Code")
        #expect(report.diagnostics.map(\.kind) == [.configMismatch])
    }

    @Test("third-party endpoints: no email row means no email, never a guess")
    func noEmail() {
        let text =
            "  Version: 2.1.88\n  Auth token: ANTHROPIC_AUTH_TOKEN\n  Anthropic base URL: https://gateway.example.com/anthropic\n  Model: claude-sonnet-4-6\n"
        let report = StatusParser.parse(Array(text.utf8))
        #expect(report.email == nil)
        #expect(report.authToken == "ANTHROPIC_AUTH_TOKEN")
        #expect(report.extra.first?.label == "Anthropic base URL")
        #expect(report.extra.first?.value == "https://gateway.example.com/anthropic")
        #expect(report.modelID == "claude-sonnet-4-6")
    }

    @Test("the startup banner's block art is not a row; the MCP summary form is kept")
    func bannerAndSummary() {
        let text =
            " ▐▛███▜▌   Claude Code v2.1.88\n▝▜█████▛▘  Opus 4.6 · Claude Max\n  Settings:  Status   Config   Usage  (←/→ or tab to cycle)\n  Version: 2.1.88\n  MCP servers: 2 connected, 1 need auth, 0 pending, 0 failed · /mcp\n  Esc to cancel\n"
        let report = StatusParser.parse(Array(text.utf8))
        #expect(report.version == "2.1.88")
        #expect(report.model == nil)
        #expect(report.mcpSummary == "2 connected, 1 need auth, 0 pending, 0 failed")
        #expect(report.extra.isEmpty)
    }

    @Test("text that is no status screen yields nothing")
    func nothing() {
        #expect(!StatusParser.parse(Array("hello\nworld\n".utf8)).foundAnything)
        #expect(!StatusParser.parse([UInt8]()).foundAnything)
        #expect(!StatusParser.parse(Fixtures.bytes("trust-prompt-2.1.330-pty.raw")).foundAnything)
    }
}
