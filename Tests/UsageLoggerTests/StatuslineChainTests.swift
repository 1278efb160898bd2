import Foundation
import Testing

@testable import UsageLogger

@Suite("statusline --chain: another statusLine after ours", .serialized, .timeLimit(.minutes(1)))
struct StatuslineChainTests {
    static let input = #"{"session_id": "7e5b0c1e-0000-4000-8000-000000000001", "model": {"display_name": "Opus"}}"#

    private func render(_ chain: String, home: TemporaryDirectory) -> (line: String, milliseconds: Int64) {
        let start = MonotonicClock.nowMilliseconds()
        let (code, output) = runCLI(
            ["statusline", "--chain", chain], environment: ["HOME": home.path, "PATH": "/usr/bin:/bin"],
            input: Array(Self.input.utf8), currentDirectory: home.path)
        #expect(code == .success)
        return (output.standardOutput, MonotonicClock.nowMilliseconds() - start)
    }

    @Test("setup --chain writes a command the shell runs: the real binary prints our line, then the other's")
    func chainedThroughSettings() throws {
        try withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home, executable: Binary.path)
            // The other statusLine reads the same JSON: it prints the model it was given.
            let other = home.write(
                "bin/other line", "#!/bin/sh\nsed -n 's/.*\"display_name\": \"\\([^\"]*\\)\".*/other sees \\1/p'\n",
                executable: true)
            sandbox.writeSettings(
                #"{"statusLine": {"type": "command", "command": "'\#(other)'"}}"#)
            #expect(sandbox.setup(["statusline", "--chain"]).code == .success)
            let command = try #require(sandbox.statuslineCommand)
            #expect(command.hasPrefix(ShellWord.quoted(Binary.path) + " statusline --chain "))
            let result = Binary.shell(
                "printf '%s' \(ShellWord.quoted(Self.input)) | \(command)",
                environment: ["HOME": home.path, "PATH": "/usr/bin:/bin", "NO_COLOR": "1"])
            #expect(result.status == 0)
            #expect(result.output == "Opus | other sees Opus\n", "\(result.error)")
        }
    }

    @Test("a chained command that hangs is killed with its group after 200 ms; ours is printed alone")
    func hanging() {
        withTemporaryDirectory { home in
            // The shell's command line carries the marker; its `sleep` child is in its process group.
            let marker = "hang-\(UUID().uuidString)"
            let (line, elapsed) = render("sleep 30; : \(marker)", home: home)
            #expect(line == "Opus\n")
            #expect(elapsed >= 200 && elapsed < 1_500, "\(elapsed) ms")
            #expect(ProcessTable.processes(containing: marker).isEmpty)
        }
    }

    @Test(
        "a chained command that fails, prints nothing, or prints escapes never breaks our line",
        arguments: [
            ("echo partial; exit 3", "Opus\n"),
            ("true", "Opus\n"),
            ("printf '\\n\\n  second  \\nthird\\n'", "Opus | second\n"),
            ("printf '\\033]0;pwned\\007\\033[2Jclean\\n'", "Opus | clean\n"),
            ("echo first; sleep 30", "Opus | first\n"),
            ("/nonexistent/statusline", "Opus\n"),
        ])
    func misbehaving(chain: String, expected: String) {
        withTemporaryDirectory { home in
            let (line, elapsed) = render(chain, home: home)
            #expect(line == expected)
            #expect(elapsed < 1_500)
        }
    }

    @Test("colours of the other line are kept with colour on, and reset at its end; removed with NO_COLOR")
    func colours() {
        #expect(ChainedStatusline.safe("\u{1B}[31mred\u{1B}[0m x", color: true) == "\u{1B}[31mred\u{1B}[0m x\u{1B}[0m")
        #expect(ChainedStatusline.safe("\u{1B}[31mred\u{1B}[0m x", color: false) == "red x")
        #expect(ChainedStatusline.safe("a\u{1B}]8;;http://x\u{7}link\u{1B}]8;;\u{7}", color: true) == "alink")
    }
}
