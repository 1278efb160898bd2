import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger probe` against replays of real releases: a fake `claude` prints a capture up to the point where
/// the capture's Esc was pressed, waits for our Esc, then prints the rest (what the release drew after Esc), and
/// stays until it is ended, as the real one does.
@Suite("Probes of real releases, replayed", .serialized, .timeLimit(.minutes(1)))
struct ReleaseProbeTests {
    /// A fake that replays `releases/<name>.raw`: the first `escOffset` bytes, then, after a key, the rest.
    private func replay(_ name: String, escOffset: Int, in home: TemporaryDirectory) -> FakeClaude {
        let file = Fixtures.path("releases/\(name).raw")
        return FakeClaude(
            in: home,
            """
            stty raw -echo 2>/dev/null
            head -c \(escOffset) '\(file)'
            dd bs=1 count=1 >/dev/null 2>&1
            tail -c +\(escOffset + 1) '\(file)'
            "$sleeper" 30
            """)
    }

    private func probe(_ kind: String, _ fake: FakeClaude, _ home: TemporaryDirectory, _ extra: [String: String] = [:])
        -> (ExitCode, [String: Any]?, String)
    {
        let (code, output) = runCLI(["probe", kind], environment: probeEnvironment(fake, home: home, extra))
        return (code, output.json, output.standardError)
    }

    @Test(
        "the probe keeps every row of the Session block the screen showed before Esc (2.1.139, 2.1.235)",
        arguments: [("2.1.139-usage", 4_730), ("2.1.235-usage", 4_870)])
    func sessionBlock(_ name: String, _ escOffset: Int) {
        withTemporaryDirectory { home in
            let fake = replay(name, escOffset: escOffset, in: home)
            let (code, json, error) = probe("usage", fake, home)
            #expect(code == .success, "\(error)")
            let cost = (json?["usage_data"] as? [String: Any])?["cost"] as? [String: Any]
            #expect(cost?["total_cost"] as? String == "$0.0000")
            #expect(cost?["api_duration"] as? String == "0s")
            #expect(cost?["wall_duration"] as? String != nil)
            #expect(cost?["code_changes"] as? String == "0 lines added, 0 lines removed")
            #expect((cost?["tokens"] as? [String: Any])?["input"] as? Int == 0)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test(
        "`/usage is only available for subscription plans.` is state unavailable with that message (2.1.19, 2.1.71)",
        arguments: [("2.1.19-usage", 12_172), ("2.1.71-usage", 4_739)])
    func subscriptionOnly(_ name: String, _ escOffset: Int) {
        withTemporaryDirectory { home in
            let fake = replay(name, escOffset: escOffset, in: home)
            let (code, json, error) = probe("usage", fake, home)
            #expect(code == .success, "\(error)")
            let data = json?["usage_data"] as? [String: Any]
            #expect(data?["state"] as? String == "unavailable")
            #expect(data?["message"] as? String == "/usage is only available for subscription plans.")
            #expect(data?["error"] is NSNull)
            #expect(json?["error"] == nil)
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test("`Unknown skill: usage` (no Usage dialog, 2.1.97) is recognised at once: unavailable, and the probe ends")
    func unknownSkill() {
        withTemporaryDirectory { home in
            let fake = replay("2.1.97-usage", escOffset: 4_371, in: home)
            let started = ContinuousClock.now
            let (code, json, error) = probe("usage", fake, home)
            #expect(ContinuousClock.now - started < .seconds(10), "the probe waited for a dialog that never comes")
            #expect(code == .success, "\(error)")
            let data = json?["usage_data"] as? [String: Any]
            #expect(data?["state"] as? String == "unavailable")
            #expect(data?["message"] as? String == "Unknown skill: usage")
            #expect(ProcessTable.survivors(of: fake.marker).isEmpty)
        }
    }

    @Test(
        "with PET_LOGGING_DEBUG, raw holds the text of the frame that was parsed, not the screen after Esc",
        arguments: [
            ("status", "2.1.283-status", 5_192, "System diagnostics"), ("usage", "2.1.283-usage", 3_959, "Usage:"),
            ("status", "2.1.332-status", 5_078, "System diagnostics"),
            ("usage", "2.1.139-usage", 4_730, "Total code changes:"),
            ("usage", "2.1.19-usage", 12_172, "/usage is only available for subscription plans."),
        ])
    func rawIsTheParsedFrame(_ kind: String, _ name: String, _ escOffset: Int, _ row: String) {
        withTemporaryDirectory { home in
            let fake = replay(name, escOffset: escOffset, in: home)
            let (code, json, error) = probe(kind, fake, home, ["PET_LOGGING_DEBUG": "true"])
            #expect(code == .success, "\(error)")
            let raw = json?["raw"] as? String ?? ""
            #expect(raw.contains(row), "\(raw)")
            #expect(raw.contains("Esc to c"))
            #expect(!raw.contains("dialog dismissed"))
        }
    }

    @Test("a claude that exits at once puts the reason its screen gave into the error (2.1.332, first run offline)")
    func exitsAtOnce() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, "stty raw -echo; cat '\(Fixtures.path("releases/2.1.332-offline-first-run.raw"))'; exit 1")
            let (code, json, error) = probe("status", fake, home)
            #expect(code == .unavailable)
            let expected =
                "claude exited with status 1: Unable to connect to Anthropic services; "
                + "Failed to connect to api.anthropic.com: ENOTFOUND"
            #expect(json?["error"] as? String == expected)
            #expect(error.contains(expected))
        }
    }
}
