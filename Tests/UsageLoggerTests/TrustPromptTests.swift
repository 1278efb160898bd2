import Foundation
import Testing

@testable import UsageLogger

/// The folder-trust prompt in each wording real releases used, read from captures: the key to press comes from
/// the screen (`❯` on `1. Yes, proceed` in 2.1.1, on `1. Yes, I trust this folder` in 2.1.139, on `No, exit` in
/// 2.1.330), and the probe answers it only in its own directory.
@Suite("Trust prompt of real releases", .serialized, .timeLimit(.minutes(1)))
struct TrustPromptTests {
    private func screen(_ fixture: String) -> [String] {
        VirtualScreen.frames(of: Fixtures.bytes(fixture)).last ?? []
    }

    @Test(
        "the key that accepts each wording",
        arguments: [
            ("releases/2.1.1-trust.raw", TrustPrompt.Key.enter), ("releases/2.1.139-trust.raw", .enter),
            ("trust-prompt-2.1.330-pty.raw", .down),
        ])
    func key(_ fixture: String, _ expected: TrustPrompt.Key) {
        #expect(TrustPrompt.isShown(in: screen(fixture)))
        #expect(TrustPrompt.nextKey(in: screen(fixture)) == expected)
    }

    @Test("an arrow when the accepting option is elsewhere; nothing while no option is selected yet")
    func arrows() {
        #expect(TrustPrompt.nextKey(in: [" ❯ No, exit", "   Yes, I trust this folder"]) == .down)
        #expect(TrustPrompt.nextKey(in: ["   1. Yes, proceed", " ❯ 2. No, exit"]) == .up)
        #expect(TrustPrompt.nextKey(in: ["   1. Yes, proceed", "   2. No, exit"]) == nil)
    }

    /// A fake that shows a real release's prompt, wants Enter (the accepting option is already selected), then
    /// shows the same release's Status dialog and waits for Esc.
    private func fake(_ version: String, escOffset: Int, in home: TemporaryDirectory) -> FakeClaude {
        FakeClaude(
            in: home,
            """
            stty raw -echo
            cat '\(Fixtures.path("releases/\(version)-trust.raw"))'
            key=$(dd bs=1 count=1 2>/dev/null | od -An -c | tr -d ' ')
            [ "$key" = '\\r' ] || { echo "unexpected key $key"; exit 2; }
            printf '\\033[2J\\033[H'
            head -c \(escOffset) '\(Fixtures.path("releases/\(version)-status.raw"))'
            dd bs=1 count=1 >/dev/null 2>&1
            "$sleeper" 30
            """)
    }

    @Test(
        "in the dedicated probe directory, the prompt with Yes already selected is answered with Enter",
        arguments: [("2.1.1", 9_610), ("2.1.139", 5_685)])
    func answered(_ version: String, _ escOffset: Int) {
        withTemporaryDirectory { home in
            let fake = fake(version, escOffset: escOffset, in: home)
            let environment = [
                "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
                "PET_PROBE_DIR": home.path + "/probe", "CLAUDE_CONFIG_DIR": home.path + "/.claude",
            ]
            let started = ContinuousClock.now
            let (code, output) = runCLI(["probe", "status"], environment: environment)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.json?["version"] as? String == version)
            #expect(ContinuousClock.now - started < .seconds(15))
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }
}
