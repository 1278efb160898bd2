import Foundation
import Testing

@testable import UsageLogger

@Suite("Screen completeness")
struct ScreenCompletenessTests {
    private func lines(_ fixture: String) -> [String] {
        VirtualScreen.frames(of: Fixtures.bytes(fixture)).last ?? []
    }

    @Test(
        "a recognised dialog is complete; an empty or still-loading one is not",
        arguments: [
            (ProbeKind.status, "status-2.1.55.txt", true), (.usage, "usage-2.1.55.txt", true),
            (.status, nil, false), (.usage, nil, false),
        ] as [(ProbeKind, String?, Bool)])
    func complete(kind: ProbeKind, fixture: String?, expected: Bool) {
        let screen = fixture.map(lines) ?? ["  Loading usage data…"]
        #expect(ScreenCompleteness(kind: kind).assess(screen, at: Date()).complete == expected)
    }

    @Test("the fingerprint changes with what the screen says, so settling starts again")
    func fingerprint() {
        let completeness = ScreenCompleteness(kind: .usage)
        let loading = completeness.assess(["  Loading usage data…"], at: Date())
        let loaded = completeness.assess(lines("usage-2.1.55.txt"), at: Date())
        #expect(loading.fingerprint != loaded.fingerprint)
        #expect(completeness.assess(lines("usage-2.1.55.txt"), at: Date()) == loaded)
    }

    @Test("/status settles longer than /usage: its diagnostics are drawn last")
    func settling() {
        #expect(ScreenCompleteness(kind: .status).settleMs > ScreenCompleteness(kind: .usage).settleMs)
    }

    @Test("the welcome banner's version alone is not a complete /status (2.1.1 draws the dialog later)")
    func bannerAlone() {
        let banner = [
            "╭─── Claude Code v2.1.1 ───╮", "│ Welcome back! │", "╰──────────────────╯", "", "❯ /status",
        ]
        #expect(!ScreenCompleteness(kind: .status).assess(banner, at: Date()).complete)
    }
}
