import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger probe` started from a terminal, as a person types it: `claude` gets a terminal of its own.
@Suite("Probe from a terminal", .serialized, .timeLimit(.minutes(1)))
struct ProbeFromTerminalTests {
    @Test("with a terminal on our own stdin, claude is on another terminal, in another session")
    func ownTerminal() throws {
        try withTemporaryDirectory { home throws in
            let fake = FakeClaude(
                in: home, sample: "usage-2.1.55.txt",
                "tty > \"$0.tty\"; ps -o sid= -p $$ | tr -d ' ' > \"$0.sid\"")
            let script = """
                tty > '\(home.path)/outer.tty'; ps -o sid= -p $$ | tr -d ' ' > '\(home.path)/outer.sid'
                exec '\(Binary.path)' probe usage
                """
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_PROBE_DIR": home.path + "/probe", "CLAUDE_CONFIG_DIR": home.path + "/.claude",
            ]
            let outcome = try TerminalRunner().run(
                executable: "/bin/sh", arguments: ["-c", script], workingDirectory: home.path,
                environment: environment, limits: RunLimits(timeoutMs: 20_000, graceMs: 500))
            #expect(outcome.exitStatus == 0, "\(String(decoding: outcome.output, as: UTF8.self))")
            func read(_ path: String) -> String {
                ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(
                    in: .whitespacesAndNewlines)
            }
            let (outer, inner) = (read(home.path + "/outer.tty"), read(fake.path + ".tty"))
            #expect(outer.hasPrefix("/dev/pts/") && inner.hasPrefix("/dev/pts/") && outer != inner, "\(outer) \(inner)")
            #expect(read(home.path + "/outer.sid") != read(fake.path + ".sid"))
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }
}
