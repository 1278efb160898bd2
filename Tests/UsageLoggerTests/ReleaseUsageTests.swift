import Foundation
import Testing

@testable import UsageLogger

/// `/usage` as each real release from 2.1.1 to 2.1.332 drew it (see `ReleaseStatusTests`), offline and not signed
/// in, and with `fake-anthropic-api` as a signed-in subscriber (`-api`): the exact values the screen showed. Each
/// capture is read as the probe reads it: every frame, then the frames it had seen when it pressed Esc (the byte
/// offset of the Esc is part of the capture).
@Suite("Usage screens of real releases")
struct ReleaseUsageTests {
    struct Capture: Sendable, CustomTestStringConvertible {
        let name: String
        let escOffset: Int
        let state: UsageReport.State
        var cost: UsageReport.Cost?
        var windows: [String] = []
        var message: String?
        var testDescription: String { name }
    }

    /// The Session block of a fresh, offline session (`Estimated cost` from 2.1.330 on).
    static let emptySession = UsageReport.Cost(
        totalCost: "$0.0000", apiDuration: "0s", wallDuration: "0s", codeChanges: "0 lines added, 0 lines removed",
        tokens: UsageReport.TokenCounts())
    /// The same a second later: the dialog counts the wall time while it is open.
    static let oneSecond = UsageReport.Cost(
        totalCost: "$0.0000", apiDuration: "0s", wallDuration: "1s", codeChanges: "0 lines added, 0 lines removed",
        tokens: UsageReport.TokenCounts())
    static let planWindows = [
        "Current session: 42 (6:29am (UTC))", "Current week (all models): 17 (Dec 3, 6:29am (UTC))",
    ]

    static let captures: [Capture] = [
        Capture(name: "2.1.1-usage", escOffset: 9_057, state: .unavailable, message: subscriptionOnly),
        // The message is replaced by `Status dialog dismissed` after Esc without an erase: only the frames from
        // before the Esc hold it.
        Capture(name: "2.1.19-usage", escOffset: 12_172, state: .unavailable, message: subscriptionOnly),
        Capture(name: "2.1.71-usage", escOffset: 4_739, state: .unavailable, message: subscriptionOnly),
        // Signed out, 2.1.97 has no Usage dialog: the prompt answers `Unknown skill: usage`.
        Capture(name: "2.1.97-usage", escOffset: 4_371, state: .unavailable, message: "Unknown skill: usage"),
        Capture(name: "2.1.97-usage-api", escOffset: 4_387, state: .unavailable, message: subscriptionOnly),
        Capture(name: "2.1.1-usage-api", escOffset: 8_526, state: .error),
        Capture(name: "2.1.139-usage", escOffset: 4_730, state: .ok, cost: oneSecond),
        Capture(
            name: "2.1.139-usage-api", escOffset: 5_238, state: .ok,
            cost: oneSecond, windows: planWindows),
        Capture(name: "2.1.176-usage", escOffset: 6_853, state: .ok, cost: emptySession),
        Capture(name: "2.1.235-usage", escOffset: 4_870, state: .ok, cost: emptySession),
        Capture(name: "2.1.283-usage", escOffset: 3_959, state: .ok, cost: emptySession),
        Capture(name: "2.1.314-usage", escOffset: 3_783, state: .ok, cost: emptySession),
        Capture(name: "2.1.330-usage", escOffset: 3_885, state: .ok, cost: emptySession),
        Capture(name: "2.1.332-usage", escOffset: 3_884, state: .ok, cost: emptySession),
        Capture(name: "2.1.332-usage-api", escOffset: 6_076, state: .ok, cost: emptySession, windows: planWindows),
    ]

    static let subscriptionOnly = "/usage is only available for subscription plans."

    /// 2026-11-30 05:29:45 UTC, a few seconds before the `-api` captures.
    static let capturedAt = Date(timeIntervalSince1970: 1_796_016_585)

    /// The frames a probe hands the parser for this capture.
    static func frames(_ name: String, escOffset: Int) -> [[String]] {
        let bytes = Fixtures.bytes("releases/\(name).raw")
        return ProbeResult.frames(of: bytes, beforeEsc: VirtualScreen.frames(of: bytes.prefix(escOffset)))
    }

    @Test("every release's /usage gives its exact state, Session block and plan windows", arguments: captures)
    func release(_ expected: Capture) {
        let report = UsageParser.parse(
            frames: Self.frames(expected.name, escOffset: expected.escOffset), capturedAt: Self.capturedAt)
        #expect(report.state == expected.state)
        #expect(report.cost == expected.cost)
        #expect(
            report.windows.map { "\($0.name): \(Int($0.usedPercent ?? -1)) (\($0.resets ?? "-"))" } == expected.windows)
        #expect(report.windows.allSatisfy { $0.resetsAt != nil })
        #expect(report.unavailableReason == expected.message)
    }

    @Test(
        "a half-erased redraw after Esc does not win over the complete Session block (2.1.139 to 2.1.235)",
        arguments: ["2.1.139-usage", "2.1.176-usage", "2.1.235-usage"])
    func halfErasedRedraw(_ name: String) {
        // Without the frames from before Esc too: the complete block must win on what it holds alone.
        let report = UsageParser.parse(Fixtures.bytes("releases/\(name).raw"), capturedAt: Self.capturedAt)
        #expect(report.cost?.wallDuration != nil)
        #expect(report.cost?.codeChanges == "0 lines added, 0 lines removed")
        #expect(report.totalTokens == 0)
    }

    @Test("of two equally complete frames, the one seen before our Esc wins")
    func beforeEscWins() {
        let before = ["  Current session", "  ██  5% used", "  Resets 7pm (UTC)"]
        let after = ["  Current session", "  ██  6% used", "  Resets 7pm (UTC)"]
        let report = UsageParser.parse(
            frames: ProbeResult.frames(of: Array(after.joined(separator: "\r\n").utf8), beforeEsc: [before]),
            capturedAt: Self.capturedAt)
        #expect(report.windows.map(\.usedPercent) == [5])
    }

    @Test("a window under a known title beats one under a row a half-finished redraw left above it (2.1.314)")
    func knownTitleWins() {
        let windows = [
            "  Current session", "  ██████  42% used", "  Resets 7:10am (UTC)", "  Current week (all models)",
            "  ██  17% used", "  Resets Dec 3, 7:10am (UTC)",
        ]
        var redrawn = windows
        redrawn[0] = "  What's contributing to your usage?"
        redrawn[1] = "  Approximate · sessions on this machine only        42% used"
        let report = UsageParser.parse(frames: [windows, redrawn], capturedAt: Self.capturedAt)
        #expect(report.windows.map(\.name) == ["Current session", "Current week (all models)"])
    }
}
