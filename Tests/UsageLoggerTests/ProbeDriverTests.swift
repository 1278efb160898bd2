import Foundation
import Testing

@testable import UsageLogger

/// The probe driver in isolation: output in, keys and the frames it keeps out.
@Suite("Probe driver")
struct ProbeDriverTests {
    private func feed(_ driver: ProbeDriver, _ text: String, at elapsedMs: Int) -> [TerminalAction] {
        driver.observe(
            TerminalActivity(output: ArraySlice(Array(text.utf8)), elapsedMs: elapsedMs, quietMs: 0, exited: false))
    }

    @Test("plan windows overwritten without an erase are still among the frames seen before Esc (2.1.283, 2.1.314)")
    func overwrittenWindows() {
        let driver = ProbeDriver(kind: .usage, workingDirectory: "/probe", mayAcceptTrustPrompt: false)
        let dialog = [
            "  Session", "  Total cost:            $0.0000", "  Current session", "  ███   42% used",
            "  Resets 6:25am (UTC)", "  Current week (all models)", "  █   17% used", "  Resets Dec 3, 6:25am (UTC)",
        ]
        _ = feed(driver, "\u{1B}[H" + dialog.joined(separator: "\r\n"), at: 0)
        // The refresh fails: the window rows are written over with spaces, and the footer drawn where they were.
        let blank = String(repeating: " ", count: 40)
        _ = feed(driver, "\u{1B}[3;1H" + Array(repeating: blank, count: 6).joined(separator: "\r\n"), at: 200)
        _ = feed(driver, "\u{1B}[3;1H  Esc to cancel", at: 300)
        var pressedEsc = false
        for elapsed in stride(from: 400, through: 3_000, by: 100) where !pressedEsc {
            pressedEsc = feed(driver, "", at: elapsed).contains(.send([0x1B]))
        }
        #expect(pressedEsc)
        let report = UsageParser.parse(
            frames: ProbeResult.frames(of: [], beforeEsc: driver.framesBeforeEsc), capturedAt: Date())
        #expect(report.windows.map(\.usedPercent) == [42, 17])
    }
}
