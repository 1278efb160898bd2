import Foundation
import Testing

@testable import UsageLogger

/// The privacy options hold for every file written to disk, not only the logs: `state.json` keeps known
/// diagnostics (which name paths and addresses), `statusline.json` keeps the session's directory and model.
@Suite("Privacy of the state files", .serialized, .timeLimit(.minutes(1)))
struct PrivacyStateFilesTests {
    /// A home with an odd name, a fake claude inside it whose `/status` warnings name the home and an address.
    private func setUp(_ scratch: TemporaryDirectory) -> (home: String, environment: [String: String]) {
        let home = scratch.path + "/Jürgen Müller"
        let status = Fixtures.text("status-2.1.55.txt").replacingOccurrences(
            of: "Leftover npm global installation at ...",
            with: "Leftover npm global installation at \(home)/.npm (jürgen@bücher.de)")
        let screen = scratch.write("Jürgen Müller/status-screen.txt", status)
        let claude = scratch.write(
            "Jürgen Müller/.local/bin/claude", "#!/bin/sh\ncat '\(screen)'\n", executable: true)
        let environment = [
            "HOME": home, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": claude, "PET_USAGE_LOGGING_ENABLED": "1",
            "PET_LOG_DIR": scratch.path + "/logs", "PET_ANONYMIZE_EMAIL": "1", "PET_EXCLUDE_CWD": "1",
        ]
        return (home, environment)
    }

    @Test("state.json and the logs keep neither the address nor the home, and a warning appears once")
    func stateFile() throws {
        try withTemporaryDirectory { scratch throws in
            let (home, environment) = setUp(scratch)
            let logs = scratch.path + "/logs"
            for _ in 0..<2 {
                #expect(runCLI(["once", "status"], environment: environment).code == .success)
            }
            let state = try String(contentsOfFile: logs + "/state.json", encoding: .utf8)
            #expect(state.contains("Leftover npm global installation at ~/.npm (sha256:"))
            for file in ["state.json", "status.jsonl", "diagnostics.jsonl"] {
                let text = try String(contentsOfFile: logs + "/" + file, encoding: .utf8)
                #expect(!text.contains("bücher"), "\(file)")
                #expect(!text.contains("@"), "\(file)")
                #expect(!text.contains(home), "\(file)")
            }
            // The second run compares the warnings in their stored form: nothing new appeared.
            let appeared = logRecords(logs + "/diagnostics.jsonl").filter {
                $0["details"]?["event"] == .string("appeared")
            }
            #expect(appeared.count == 2)
            let probe = logRecords(logs + "/status.jsonl").first?["probe"]?["command"]
            #expect(probe == .array([.string("~/.local/bin/claude"), .string("/status")]))
        }
    }

    @Test("statusline.json keeps no working directory and no address")
    func sessionFile() throws {
        try withTemporaryDirectory { scratch throws in
            let (home, environment) = setUp(scratch)
            let project = home + "/My Projects/ツール"
            let input =
                #"{"session_id":"s","cwd":"\#(project)","model":{"display_name":"Opus for ops@localhost"},"#
                + #""version":"2.1.330","rate_limits":{"five_hour":{"used_percentage":5}}}"#
            #expect(runCLI(["statusline"], environment: environment, input: Array(input.utf8)).code == .success)
            let text = try String(contentsOfFile: scratch.path + "/logs/statusline.json", encoding: .utf8)
            #expect(!text.contains(project))
            #expect(!text.contains("ツール"))
            #expect(!text.contains("@localhost"))
            let saved = try #require(SessionContext.load(from: scratch.path + "/logs"))
            #expect(saved.cwd == nil)
            #expect(saved.sessionID == "s")
            #expect(saved.model == "Opus for sha256:" + SHA256.hex("ops@localhost"))
        }
    }
}
