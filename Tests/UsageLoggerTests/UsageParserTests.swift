import Foundation
import Testing

@testable import UsageLogger

@Suite("Usage parser")
struct UsageParserTests {
    /// 2026-03-18 15:00 in New York (UTC-4 after the March change).
    static let march18 = Date(timeIntervalSince1970: 1_773_860_400)
    /// 2025-12-31 10:00 UTC.
    static let december31 = Date(timeIntervalSince1970: 1_767_175_200)

    private func parse(_ text: String, at date: Date = march18) -> UsageReport {
        UsageParser.parse(Array(text.utf8), capturedAt: date)
    }

    @Test("2.1.55: three windows with percentages, reset texts and instants")
    func sample2155() {
        let report = UsageParser.parse(Fixtures.bytes("usage-2.1.55.txt"), capturedAt: Self.march18)
        #expect(report.state == .ok)
        #expect(
            report.windows.map(\.name) == [
                "Current session", "Current week (all models)", "Current week (Sonnet only)",
            ])
        #expect(report.windows.map(\.usedPercent) == [6, 24, 13])
        #expect(
            report.windows.map(\.resets) == [
                "12pm (America/New_York)", "Mar 19 at 11pm (America/New_York)", "Mar 20 at 9am (America/New_York)",
            ])
        #expect(
            report.windows.map { $0.resetsAt.map(Timestamp.string(from:)) } == [
                "2026-03-19T16:00:00.000Z", "2026-03-20T03:00:00.000Z", "2026-03-20T13:00:00.000Z",
            ])
        #expect(report.totalTokens == nil)
    }

    @Test("Dec 2025: the older date form with a year, a 0% window without reset, extra usage disabled")
    func sampleExtra() {
        let report = UsageParser.parse(Fixtures.bytes("usage-2025-12-extra.txt"), capturedAt: Self.december31)
        #expect(report.windows.map(\.usedPercent) == [1, 1, 0])
        #expect(report.windows[1].resets == "Jan 2, 2026, 10:59pm (Europe/Helsinki)")
        #expect(report.windows[1].resetsAt.map(Timestamp.string(from:)) == "2026-01-02T20:59:00.000Z")
        #expect(report.windows[0].resetsAt.map(Timestamp.string(from:)) == "2025-12-31T13:59:00.000Z")
        #expect(report.windows[2].resets == nil)
        #expect(report.extraUsage?.enabled == false)
        #expect(report.extraUsage?.text == "Extra usage not enabled • /extra-usage to enable")
    }

    @Test("the expired-login error panel keeps type, message and code from JSON wrapped over lines")
    func errorPanel() {
        let report = UsageParser.parse(Fixtures.bytes("usage-error-expired.txt"), capturedAt: Self.march18)
        #expect(report.state == .error)
        #expect(
            report.error
                == UsageReport.LoadError(
                    type: "authentication_error",
                    message: "OAuth token has expired. Please obtain a new token or refresh your existing token.",
                    code: "token_expired"))
    }

    @Test(
        "2.1.330 without a subscription: the Session cost block, as text and through the real byte stream",
        arguments: ["usage-2.1.330-api-screen.txt", "usage-2.1.330-api-pty.raw"])
    func apiSession(file: String) {
        let report = UsageParser.parse(Fixtures.bytes(file), capturedAt: Self.march18)
        #expect(report.state == .ok)
        #expect(report.windows.isEmpty)
        #expect(report.cost?.totalCost == "$0.0000")
        #expect(report.cost?.apiDuration == "0s")
        #expect(report.cost?.codeChanges == "0 lines added, 0 lines removed")
        #expect(report.cost?.tokens == UsageReport.TokenCounts())
        #expect(report.totalTokens == 0)
    }

    @Test("the cost block with per-model rows sums tokens")
    func costBlock() {
        let report = parse(
            """
            Total cost:            $0.55
            Total duration (API):  6m 20s
            Total duration (wall): 6h 33m 10s
            Total code changes:    0 lines added, 0 lines removed
            Usage by model:
                   claude-sonnet-4-6:  1.2k input, 5.3k output, 940.0k cache read, 50.0k cache write ($0.55)
                    claude-haiku-4-5:  310 input, 12 output, 0 cache read, 0 cache write, 1 web search ($0.0004)
              Current session
              █████                     100% used
              Resets 5pm (America/New_York)
            """)
        #expect(report.cost?.totalCostUSD == 0.55)
        #expect(report.cost?.models.map(\.model) == ["claude-sonnet-4-6", "claude-haiku-4-5"])
        #expect(report.cost?.models.first?.cost == "$0.55")
        #expect(report.totalTokens == 1_200 + 5_300 + 940_000 + 50_000 + 310 + 12)
        #expect(report.windows.map(\.usedPercent) == [100])
    }

    @Test("a `% left` display is converted to used and marked")
    func percentLeft() {
        let report = parse("Current session\n███ 70% left\nResets 7pm (Europe/Berlin)\n")
        #expect(report.windows.first?.usedPercent == 30)
        #expect(report.windows.first?.shownAs == .left)
    }

    @Test("inline resets, packed windows and unknown scoped titles")
    func inlineAndPacked() {
        let report = parse(
            """
            Current session
            4% used  (Resets 7pm (Europe/Berlin))
            Current week (Fable)
            ██ 12% used
            Resets Mar 21 at 9am (Europe/Berlin)
            Weekly, Fable
            3% used
            """)
        #expect(report.windows.map(\.name) == ["Current session", "Current week (Fable)", "Weekly, Fable"])
        #expect(report.windows.first?.resets == "7pm (Europe/Berlin)")
        #expect(report.windows[1].resets == "Mar 21 at 9am (Europe/Berlin)")
    }

    @Test("a capture that lost spaces and letters is recovered loosely and marked")
    func mangled() {
        let report = parse(
            "Curent session\n██▌42%used\nResetsApr3at9am(Europe/Paris)\nCurrentweek(allmodels)\n██7%used\n")
        #expect(report.windows.map(\.name) == ["Current session", "Current week (all models)"])
        #expect(report.windows.map(\.usedPercent) == [42, 7])
        #expect(report.windows.map(\.recoveredLoosely) == [true, true])
        #expect(report.windows.first?.resets == "Apr3at9am(Europe/Paris)")
        #expect(report.windows.first?.resetsAt.map(Timestamp.string(from:)) == "2026-04-03T07:00:00.000Z")
        #expect(report.recoveredLoosely)
    }

    @Test("loading alone is loading; a stale loading line before windows is complete")
    func loading() {
        #expect(parse("Loading usage data…\n").state == .loading)
        #expect(parse("Loading usage data…\nCurrent session\n5% used\n").state == .ok)
    }

    @Test(
        "only a row that is the loading message is loading (spinner or short hint allowed); prose mentioning it is not",
        arguments: [
            ("  ✻ Loading usage data…", UsageReport.State?.some(.loading)), ("⠋ Loadingusagedata…", .loading),
            ("Loading usage data… (3s)", .loading),
            ("- `state`: `ok`, `loading` (only \"Loading usage data…\" was seen), `error`", nil),
            ("We were loading usage data from the cache", nil),
            ("Loading usage data is what the screen says first, before the windows and the resets appear", nil),
        ])
    func loadingRow(line: String, state: UsageReport.State?) {
        #expect(parse(line + "\n").state == state)
    }

    @Test("a rate-limit error that lost its spaces keeps its type")
    func rateLimit() {
        let report = parse(#"Error:Failedtoloadusagedata:{"error":{"message":"Ratelimited","type":"rate_limit_error"}"#)
        #expect(report.state == .error)
        #expect(report.error?.type == "rate_limit_error")
    }

    @Test("an error without a body, and the subscription-only notice")
    func otherStates() {
        #expect(parse("Error: Failed to load usage data\n").state == .error)
        #expect(parse("/usage is only available for subscription plans.\n").state == .unavailable)
    }

    @Test("usage credits enabled: spent and limit in dollars")
    func credits() {
        let report = parse("Usage credits\n████ 25% used\n$12.50 / $50.00 spent\n")
        #expect(report.extraUsage?.enabled == true)
        #expect(report.extraUsage?.used == 12.5)
        #expect(report.extraUsage?.limit == 50)
        #expect(report.extraUsage?.usedPercent == 25)
        #expect(report.windows.isEmpty)
    }

    @Test("percentages that are not readings, and numbers over 100, are not taken at face value")
    func otherPercentages() {
        #expect(parse("Context 42%\nsomething 10% off\n").state == nil)
        let report = parse("Current session\n250% used\n")
        #expect(report.windows.first?.usedPercent == nil)
    }

    @Test("the rate-limited fallback is flagged stale")
    func stale() {
        let report = parse("Showing last-known usage\nCurrent session\n5% used\n")
        #expect(report.stale)
    }
}
