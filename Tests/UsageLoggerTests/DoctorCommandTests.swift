import Foundation
import Testing

@testable import UsageLogger

@Suite("doctor command", .serialized)
struct DoctorCommandTests {
    @Test("healthy with claude found and signed in; the email masked when asked; never a token")
    func healthy() throws {
        withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, sample: nil,
                """
                case "$1" in
                  --version) echo '2.1.330 (Claude Code)' ;;
                  auth) cat '\(Fixtures.path("auth-status.json"))' ;;
                esac
                """)
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_USAGE_LOGGING_ENABLED": "true",
                "PET_ANONYMIZE_EMAIL": "true",
            ]
            #expect(runCLI(["append", "usage"], environment: environment, input: Array("{}\n".utf8)).code == .success)
            let (code, output) = runCLI(["doctor"], environment: environment)
            let text = output.standardOutput
            #expect(code == .success, "\(text)")
            #expect(text.contains("✔ claude: 2.1.330 (Claude Code)"))
            #expect(text.contains("✔ signed in: sha256:"))
            #expect(text.contains("max"))
            #expect(!text.contains("user@example.com"))
            #expect(text.contains("✔ usage.jsonl: last record"))
            #expect(text.contains("✔ log directory: \(home.path)/.claude/pets/logs (mode 700)"))
            // Two logs still empty, nothing installed in Claude Code's settings: healthy, those warnings counted.
            #expect(text.hasSuffix("healthy, with 4 warnings (!) above\n"), "\(text)")
        }
    }

    @Test("a missing claude fails with a fix, exit 1")
    func missingClaude() {
        withTemporaryDirectory { home in
            let (code, output) = runCLI(["doctor"], environment: ["HOME": home.path, "PATH": home.path])
            #expect(code == .failure)
            #expect(output.standardOutput.contains("✘ claude: PET_CLAUDE_COMMAND: 'claude' was not found on PATH"))
            #expect(output.standardOutput.contains("fix: install Claude Code"))
            #expect(output.standardOutput.components(separatedBy: "install Claude Code").count == 2, "the fix once")
        }
    }

    @Test("a log that is not a regular file is a failure")
    func badLogFile() throws {
        try withTemporaryDirectory { home in
            let fake = FakeClaude(in: home, sample: nil, "echo '2.1.1 (Claude Code)'")
            let logs = home.path + "/logs"
            try FileManager.default.createDirectory(atPath: logs + "/status.jsonl", withIntermediateDirectories: true)
            let (code, output) = runCLI(
                ["doctor"],
                environment: [
                    "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path, "PET_LOG_DIR": logs,
                ])
            #expect(code == .failure)
            #expect(output.standardOutput.contains("✘ status.jsonl: \(logs)/status.jsonl is not a regular file"))
        }
    }

    @Test("a fresh install is not called healthy: logging off says what to run next")
    func freshInstall() {
        withTemporaryDirectory { home in
            let (code, output) = runCLI(["doctor"], environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"])
            #expect(code == .failure || code == .success)
            #expect(!output.standardOutput.hasSuffix("healthy\n"))
            #expect(
                output.standardOutput.contains("next: usage-logger setup all --enable-logging")
                    || output.standardOutput.contains("problem"), "\(output.standardOutput)")
        }
    }
}
