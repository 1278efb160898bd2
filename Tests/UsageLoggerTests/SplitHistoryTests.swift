import Foundation
import Testing

@testable import UsageLogger

/// One history, not two: which log directory is used and why is said, and records elsewhere are pointed out.
@Suite("Split history", .serialized, .timeLimit(.minutes(1)))
struct SplitHistoryTests {
    @Test("config and doctor name the directory used, and warn when another candidate holds records")
    func configAndDoctorWarn() throws {
        try withTemporaryDirectory { home throws in
            let setup = OnceCommandTests.Setup(home: home)
            home.write(".claude/pets/logs/usage.jsonl", "{\"timestamp\":\"2026-11-30T00:00:00.000Z\"}\n")
            let environment = setup.environment(["PET_LOG_DIR": home.path + "/elsewhere"])
            let config = runCLI(["config"], environment: environment).output.standardOutput
            #expect(config.contains("\(home.path)/elsewhere (PET_LOG_DIR is set)"))
            #expect(config.contains("records are also in \(home.path)/.claude/pets/logs"))
            let doctor = runCLI(["doctor"], environment: environment).output.standardOutput
            #expect(doctor.contains("! split history: records also in \(home.path)/.claude/pets/logs"))
            let alone = runCLI(["config"], environment: setup.environment()).output.standardOutput
            #expect(!alone.contains("records are also in"))
        }
    }

    @Test("once at a terminal says where it logs and why, what it wrote, and about a split history")
    func onceAtATerminal() throws {
        try withTemporaryDirectory { home throws in
            let setup = OnceCommandTests.Setup(home: home)
            home.write("elsewhere/status.jsonl", "{}\n")
            let capture = CapturingConsole()
            var console = capture.console
            console.errorIsTerminal = true
            let code = CLI.run(
                arguments: ["once", "usage"], environment: setup.environment(["PET_LOG_DIR": home.path + "/elsewhere"]),
                console: console, currentDirectory: home.path)
            #expect(code == .success)
            #expect(capture.standardError.contains("logging to \(home.path)/elsewhere (PET_LOG_DIR is set)"))
            #expect(capture.standardError.contains("usage: recorded in \(home.path)/elsewhere/usage.jsonl"))
            // Cron mails any output: without a terminal, a successful run says nothing.
            let quiet = setup.run(["once", "usage"], ["PET_LOG_DIR": home.path + "/elsewhere"])
            #expect(quiet.output.standardError.isEmpty, "\(quiet.output.standardError)")
        }
    }
}
