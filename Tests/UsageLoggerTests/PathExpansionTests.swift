import Foundation
import Testing

@testable import UsageLogger

@Suite("~ in the claude command settings", .serialized)
struct PathExpansionTests {
    @Test("a leading ~/ or a bare ~ in PET_CLAUDE_COMMAND and in the first word of the full commands is the home")
    func expanded() throws {
        let claude = try Configuration(environment: ["HOME": "/home/u", "PET_CLAUDE_COMMAND": "~/bin/claude"])
        #expect(claude.claudeCommand == "/home/u/bin/claude")
        #expect(claude.statusCommand == ["/home/u/bin/claude", "/status"])
        #expect(claude.usageCommand == ["/home/u/bin/claude", "/usage"])
        let full = try Configuration(environment: [
            "HOME": "/home/u", "PET_STATUS_COMMAND": "~/bin/claude --model ~/x /status", "PET_USAGE_COMMAND": "~",
        ])
        #expect(full.statusCommand == ["/home/u/bin/claude", "--model", "~/x", "/status"])
        #expect(full.usageCommand == ["/home/u"])
        #expect(full.claudeCommand == "claude")
    }

    @Test(
        "only the start is expanded: ~user, a ~ inside the word and a quoted word stay as written",
        arguments: ["~bob/claude", "bin/~/claude", "~claude", "/opt/~/claude"])
    func notExpanded(value: String) throws {
        let configuration = try Configuration(environment: ["HOME": "/home/u", "PET_CLAUDE_COMMAND": value])
        #expect(configuration.claudeCommand == value)
        #expect(configuration.statusCommand == [value, "/status"])
    }

    @Test("doctor finds claude at PET_CLAUDE_COMMAND=~/…, and config shows the commands as they will run")
    func doctorFindsIt() {
        withTemporaryDirectory { home in
            _ = FakeClaude(in: home, sample: nil, "echo '2.1.330 (Claude Code)'")
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": "~/claude-fake/bin/claude",
            ]
            let (_, output) = runCLI(["doctor"], environment: environment)
            #expect(output.standardOutput.contains("✔ claude: 2.1.330 (Claude Code)"), "\(output.standardOutput)")
            let config = runCLI(["config"], environment: environment).output.standardOutput
            #expect(
                config.contains("PET_STATUS_COMMAND            \(home.path)/claude-fake/bin/claude /status  [default]"))
        }
    }

    @Test("when claude is not found and the value has a ~ elsewhere, the fix says only a leading ~/ is expanded")
    func hint() {
        withTemporaryDirectory { home in
            let hint = "(only a leading ~/ is expanded, as in ~/bin/claude)"
            let environment = ["HOME": home.path, "PATH": home.path, "PET_CLAUDE_COMMAND": "~claude"]
            let doctor = runCLI(["doctor"], environment: environment).output.standardOutput
            #expect(
                doctor.contains(
                    "✘ claude: PET_CLAUDE_COMMAND: '~claude' was not found on PATH\n    fix: install Claude Code or "
                        + "set PET_CLAUDE_COMMAND to the full path of claude \(hint)\n"), "\(doctor)")
            let probe = runCLI(
                ["probe", "usage"],
                environment: ["PET_CLAUDE_COMMAND": "bin/~/claude"].merging(
                    environment, uniquingKeysWith: { first, _ in first }))
            #expect(probe.code == .unavailable)
            #expect(
                probe.output.standardError.contains(
                    "is not an executable file; set PET_CLAUDE_COMMAND to the path of claude \(hint)"))
            let plain = runCLI(["doctor"], environment: ["HOME": home.path, "PATH": home.path]).output.standardOutput
            #expect(!plain.contains("leading ~/"))
        }
    }
}
