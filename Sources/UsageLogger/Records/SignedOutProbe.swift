import Foundation

/// A `/usage` probe that ran signed out while Claude Code's statusline shows a subscriber's plan limits. It happens
/// to people signed in through `CLAUDE_CODE_OAUTH_TOKEN` (containers, servers, `claude setup-token`): Claude Code
/// does not pass that variable to its statusline, so the companion the statusline starts runs `claude` without it.
/// The screen alone cannot tell this from an API-billing account (both show no plan windows); the statusline's
/// `rate_limits` can, because Claude Code sends them only to subscribers.
enum SignedOutProbe {
    /// How recent the statusline's plan limits must be to count as evidence of a subscriber.
    static let evidenceWindow: TimeInterval = 6 * 3600

    /// Whether `report` shows the mismatch: no plan windows on a screen that loaded, while the statusline saw
    /// plan limits at `limitsSeenAt` (within `evidenceWindow` of `capturedAt`). Nil when the screen tells nothing
    /// either way (an error, a screen still loading, nothing recognised).
    static func check(_ report: UsageReport, limitsSeenAt: Date?, capturedAt: Date) -> Bool? {
        switch report.state {
        case .ok? where !report.windows.isEmpty: return false
        case .ok?, .unavailable?:
            guard let limitsSeenAt else { return false }
            return abs(capturedAt.timeIntervalSince(limitsSeenAt)) <= evidenceWindow
        default: return nil
        }
    }

    static let explanation =
        "claude, as usage-logger runs it, is signed out while Claude Code's statusline shows plan limits: you are "
        + "probably signed in through CLAUDE_CODE_OAUTH_TOKEN, which Claude Code does not pass to its statusline "
        + "or to the companion it starts. Usage is recorded from the statusline meanwhile."

    static let fix =
        "sign in with `claude auth login` (saved where every claude reads it), or start the companion yourself "
        + "where the variable is set (`usage-logger run`, or `usage-logger once` from cron), or set "
        + "PET_USAGE_SOURCE=statusline"

    /// The `diagnostics.jsonl` entry, written when the mismatch is first seen and when it is gone.
    static let diagnostic = Diagnostic(
        message: explanation, kind: .probeSignedOut, severity: .warning, details: ["probe": "usage", "fix": fix])
}
