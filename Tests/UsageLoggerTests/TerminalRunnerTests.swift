import Foundation
import Testing

@testable import UsageLogger

/// Runs fake `claude` scripts through the real pseudo-terminal runner. Each test checks the outcome, a bound on
/// the time taken (generous: the point is "bounded", not "fast") and that no process is left.
@Suite("Terminal runner", .serialized, .timeLimit(.minutes(1)))
struct TerminalRunnerTests {
    private func run(
        _ fake: FakeClaude, arguments: [String] = ["/status"], kind: ProbeKind = .status, timeoutMs: Int = 10_000,
        graceMs: Int = 500, outputCap: Int = 1024 * 1024, observe: Bool = true
    ) throws -> RunOutcome {
        let workingDirectory = fake.directory.path
        let driver = ProbeDriver(kind: kind, workingDirectory: workingDirectory, mayAcceptTrustPrompt: false)
        return try TerminalRunner().run(
            executable: fake.path, arguments: arguments, workingDirectory: workingDirectory,
            environment: ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color"],
            limits: RunLimits(timeoutMs: timeoutMs, outputCap: outputCap, graceMs: graceMs),
            observer: observe ? driver : nil)
    }

    @Test("a command that prints a sample and exits: exit 0, the whole output, no process left")
    func printsAndExits() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(in: directory, sample: "status-2.1.55.txt")
            let outcome = try run(fake)
            #expect(outcome.exitStatus == 0)
            #expect(outcome.succeeded)
            #expect(!outcome.timedOut)
            #expect(StatusParser.parse(outcome.output).version == "2.1.55")
            #expect(outcome.durationMs < 5_000)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("a screen that waits for Esc like the real dialog is closed once complete and quiet")
    func waitsForEscape() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(in: directory, sample: "status-2.1.55.txt", FakeClaude.waitForKey)
            let outcome = try run(fake)
            #expect(outcome.succeeded)
            #expect(!outcome.timedOut)
            #expect(outcome.durationMs < ScreenCompleteness(kind: .status).settleMs + 4_000)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("a usage screen that never finishes loading times out, and the group is ended")
    func hangs() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(in: directory, sample: nil, "echo 'Loading usage data…'; exec \"$sleeper\" 1000")
            let outcome = try run(fake, kind: .usage, timeoutMs: 1_000)
            #expect(outcome.timedOut)
            #expect(!outcome.succeeded)
            #expect(outcome.signal == SIGTERM)
            #expect(outcome.durationMs < 1_000 + 500 + 2_000)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("a grandchild holding the terminal open neither delays the end nor survives it")
    func grandchild() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(in: directory, sample: "status-2.1.55.txt", "\"$sleeper\" 1000 &\nexit 0")
            let outcome = try run(fake, observe: false)
            #expect(outcome.exitStatus == 0)
            #expect(outcome.durationMs < 3_000)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("a command that ignores SIGTERM is killed after the grace period")
    func ignoresTerminate() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(
                in: directory, sample: nil, "trap '' TERM\necho starting\nwhile :; do \"$sleeper\" 1; done")
            let outcome = try run(fake, kind: .usage, timeoutMs: 800, graceMs: 400)
            #expect(outcome.timedOut)
            #expect(outcome.signal == SIGKILL)
            #expect(outcome.durationMs < 800 + 400 + 2_000)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("50 MB of output is drained but only the cap is kept")
    func hugeOutput() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(
                in: directory, sample: nil, "yes 'Version: 2.1.55 and a long line of text' | head -c 52428800\nexit 0")
            let outcome = try run(fake, outputCap: 64 * 1024, observe: false)
            #expect(outcome.exitStatus == 0)
            #expect(outcome.output.count == 64 * 1024)
            #expect(outcome.outputBytes >= 52_428_800)
            #expect(outcome.truncated)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("invalid UTF-8 is kept as bytes and parsed around")
    func invalidUTF8() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(
                in: directory, sample: nil, #"printf '\377\376  Version: 2.1.9\300\n  Email: user@example.com\n'"#)
            let outcome = try run(fake, observe: false)
            #expect(outcome.exitStatus == 0)
            #expect(outcome.output.contains(0xFF))
            let report = StatusParser.parse(outcome.output)
            #expect(report.version == "2.1.9")
            #expect(report.email == "user@example.com")
        }
    }

    @Test("exit 1 with a message on stderr: status 1 and the message in the output")
    func failsWithMessage() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(in: directory, sample: nil, "echo 'claude: config is broken' >&2\nexit 1")
            let outcome = try run(fake)
            #expect(outcome.exitStatus == 1)
            #expect(!outcome.succeeded)
            #expect(String(decoding: outcome.output, as: UTF8.self).contains("claude: config is broken"))
        }
    }

    @Test("a cursor-position query is answered")
    func answersCursorQuery() throws {
        try withTemporaryDirectory { directory in
            let fake = FakeClaude(
                in: directory, sample: nil,
                #"stty raw -echo; printf 'ab\033[6n'; reply=$(dd bs=1 count=6 2>/dev/null); stty sane; printf '\nVersion: 1.2.3 reply=%s\n' "$(printf '%s' "$reply" | tr -d '\033')""#
            )
            let outcome = try run(fake, timeoutMs: 5_000)
            #expect(String(decoding: outcome.output, as: UTF8.self).contains("reply=[1;3R"))
        }
    }

    @Test("a command that cannot start throws")
    func cannotStart() {
        #expect(throws: (any Error).self) {
            try TerminalRunner().run(
                executable: "/nonexistent/claude", arguments: [], workingDirectory: "/", environment: [:],
                limits: RunLimits(timeoutMs: 1_000))
        }
    }
}
