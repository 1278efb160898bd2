import Foundation
import Testing

@testable import UsageLogger

/// `/usage` probes that run signed out (the user signs in through `CLAUDE_CODE_OAUTH_TOKEN`, which Claude Code does
/// not pass to its statusline) while the statusline shows plan limits: said once in `diagnostics.jsonl`, on the
/// record, in `doctor`, and the companion stops probing `/usage` every minute.
@Suite("Signed-out probes", .serialized, .timeLimit(.minutes(1)))
struct SignedOutProbeTests {
    /// A fake claude whose `/usage` shows `usage` (no plan windows by default: what a signed-out claude shows).
    private static func fake(in home: TemporaryDirectory, usage: String = "usage-2.1.330-api-screen.txt") -> FakeClaude
    {
        FakeClaude(
            in: home, sample: nil,
            """
            case "$1" in
              /status) cat '\(Fixtures.path("status-2.1.330-screen.txt"))' ;;
              /usage) cat '\(Fixtures.path(usage))' ;;
            esac
            """)
    }

    private static func environment(_ fake: FakeClaude, _ home: TemporaryDirectory) -> [String: String] {
        probeEnvironment(
            fake, home: home, ["PET_USAGE_LOGGING_ENABLED": "true", "PET_LOG_DIR": home.path + "/logs"])
    }

    /// Claude Code's statusline input with `rate_limits`, as the real 2.1.330 sent it to a subscriber.
    private static func renderStatusline(_ environment: [String: String]) {
        _ = runCLI(
            ["statusline"], environment: environment,
            input: Fixtures.bytes("statusline-input-2.1.330-ratelimits.json"))
    }

    private static func signedOutEvents(_ logs: String) -> [String] {
        logRecords(logs + "/diagnostics.jsonl")
            .filter { $0["diagnostic_type"]?.stringValue == "probe_signed_out" }
            .compactMap { $0["details"]?["event"]?.stringValue }
    }

    private static func commandUsage(_ logs: String) -> [JSONValue] {
        logRecords(logs + "/usage.jsonl").compactMap { $0["usage_data"] }
            .filter { $0["source"]?.stringValue == "command" }
    }

    @Test("no plan windows on /usage while the statusline shows limits: a record that says why, one diagnostic")
    func reportedOnce() {
        withTemporaryDirectory { home in
            let fake = Self.fake(in: home)
            let environment = Self.environment(fake, home)
            let logs = home.path + "/logs"
            Self.renderStatusline(environment)
            let (code, output) = runCLI(["once", "usage"], environment: environment)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardError.contains("is signed out while Claude Code's statusline shows plan limits"))
            #expect(output.standardError.contains("PET_USAGE_SOURCE=statusline"))
            let usage = Self.commandUsage(logs).last
            #expect(usage?["signed_out"] == .bool(true))
            #expect(usage?["message"]?.stringValue?.contains("CLAUDE_CODE_OAUTH_TOKEN") == true)
            #expect(Self.signedOutEvents(logs) == ["appeared"])
            #expect(StateStore(directory: logs).load().signedOutSince != nil)

            // Seen again: no second diagnostic, nothing said again.
            let (_, again) = runCLI(["once", "usage"], environment: environment)
            #expect(!again.standardError.contains("signed out"))
            #expect(Self.signedOutEvents(logs) == ["appeared"])

            let (_, doctor) = runCLI(["doctor"], environment: environment)
            #expect(doctor.standardOutput.contains("! companion sign-in: since "))
            #expect(doctor.standardOutput.contains("fix: sign in with `claude auth login`"))

            // Signed in again: plan windows on the screen resolve it.
            let signedIn = Self.fake(in: home, usage: "usage-2.1.55.txt")
            _ = runCLI(["once", "usage"], environment: Self.environment(signedIn, home))
            #expect(Self.signedOutEvents(logs) == ["appeared", "resolved"])
            #expect(StateStore(directory: logs).load().signedOutSince == nil)
            #expect(Self.commandUsage(logs).last?["signed_out"] == nil)
            let (_, healthy) = runCLI(["doctor"], environment: environment)
            #expect(!healthy.standardOutput.contains("companion sign-in"))
        }
    }

    @Test("an account without a subscription (no limits on the statusline) is not signed out")
    func apiBillingIsNotSignedOut() {
        withTemporaryDirectory { home in
            let fake = Self.fake(in: home)
            let environment = Self.environment(fake, home)
            let logs = home.path + "/logs"
            _ = runCLI(
                ["statusline"], environment: environment, input: Fixtures.bytes("statusline-input-2.1.330-real.json"))
            let (code, output) = runCLI(["once", "usage"], environment: environment)
            #expect(code == .success)
            #expect(!output.standardError.contains("signed out"))
            #expect(Self.commandUsage(logs).last?["signed_out"] == nil)
            #expect(Self.signedOutEvents(logs).isEmpty)
        }
    }

    @Test("the rule: windows never, an error tells nothing, old limits are no evidence")
    func rule() {
        let now = Date()
        let signedOut = UsageParser.parse(Fixtures.bytes("usage-2.1.330-api-screen.txt"), capturedAt: now)
        let windows = UsageParser.parse(Fixtures.bytes("usage-2.1.55.txt"), capturedAt: now)
        let failed = UsageParser.parse(Fixtures.bytes("usage-error-expired.txt"), capturedAt: now)
        #expect(SignedOutProbe.check(signedOut, limitsSeenAt: now.addingTimeInterval(-60), capturedAt: now) == true)
        #expect(SignedOutProbe.check(signedOut, limitsSeenAt: nil, capturedAt: now) == false)
        #expect(
            SignedOutProbe.check(
                signedOut, limitsSeenAt: now.addingTimeInterval(-SignedOutProbe.evidenceWindow - 60), capturedAt: now)
                == false)
        #expect(SignedOutProbe.check(windows, limitsSeenAt: now, capturedAt: now) == false)
        #expect(SignedOutProbe.check(failed, limitsSeenAt: now, capturedAt: now) == nil)
    }

    @Test("doctor warns ahead when claude is signed in only through CLAUDE_CODE_OAUTH_TOKEN")
    func doctorWarnsAhead() {
        withTemporaryDirectory { home in
            let fake = FakeClaude(
                in: home, sample: nil,
                """
                case "$1" in
                  --version) echo '2.1.332 (Claude Code)' ;;
                  auth) cat '\(Fixtures.path("auth-status-oauth-token-2.1.332.json"))' ;;
                esac
                """)
            let environment = Self.environment(fake, home)
            let (_, output) = runCLI(["doctor"], environment: environment)
            #expect(
                output.standardOutput.contains(
                    "! signed in: oauth_token through CLAUDE_CODE_OAUTH_TOKEN, which Claude Code does not pass"))
            #expect(output.standardOutput.contains("or set PET_USAGE_SOURCE=statusline"))
            let statuslineOnly = environment.merging(["PET_USAGE_SOURCE": "statusline"]) { $1 }
            let (_, settled) = runCLI(["doctor"], environment: statuslineOnly)
            #expect(settled.standardOutput.contains("✔ signed in: oauth_token"))
        }
    }

    /// Collects what the companion reports.
    private final class Events {
        var all: [Companion.Event] = []
    }

    @Test("the companion then probes /usage only at the status interval")
    func companionBacksOff() throws {
        try withTemporaryDirectory { home in
            let fake = Self.fake(in: home)
            var environment = Self.environment(fake, home)
            environment["PET_STATUS_LOG_INTERVAL"] = "1h"
            environment["PET_USAGE_LOG_INTERVAL"] = "100"
            Self.renderStatusline(environment)
            let events = Events()
            var companion = Companion(
                context: CollectorContext(
                    configuration: try Configuration(environment: environment), environment: environment,
                    currentDirectory: home.path),
                directory: LogDirectory(path: home.path + "/logs", reason: "test", isExplicit: true),
                cancellation: Cancellation(), idleExitMs: nil, onEvent: { events.all.append($0) })
            companion.probeLimit = 2
            #expect(companion.run() == .probeLimitReached)
            let usageTurns = events.all.compactMap { event -> Int64? in
                if case .turnEnded(.usage, _, _, _, let inMs) = event { return inMs }
                return nil
            }
            // After the signed-out /usage turn the next turn is about an hour away, not 100 ms.
            #expect(usageTurns.count == 1)
            #expect((usageTurns.first ?? 0) > 3_000_000, "\(usageTurns)")
        }
    }
}
