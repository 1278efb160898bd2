import Foundation

/// Whether a rendered screen holds a complete dialog, for the probe driver: it presses Esc only once the dialog
/// is complete and has stopped changing for `settleMs`.
struct ScreenCompleteness {
    /// Whether the screen holds a complete dialog, and a fingerprint of what it says (a changed fingerprint
    /// restarts the settling time).
    struct Assessment: Equatable {
        var complete: Bool
        var fingerprint: String
        /// How much the screen holds, as the parsers count it when they choose a frame.
        var score = 0
    }

    let kind: ProbeKind

    /// How long the parsed screen must stay unchanged before it counts as complete: `/status` draws its
    /// diagnostics after the rest of the dialog.
    var settleMs: Int {
        switch kind {
        case .status: 1_500
        case .usage: 1_000
        }
    }

    func assess(_ lines: [String], at date: Date) -> Assessment {
        switch kind {
        case .status:
            let report = StatusParser.parse(lines: lines)
            // The welcome banner's `Claude Code v2.1.1` alone is not the dialog: 2.1.1 can pause longer than the
            // settling time between the banner and the dialog, and Esc then would close a dialog never seen.
            let panel = report.sessionID != nil || report.email != nil || report.model != nil
            return Assessment(
                complete: report.foundAnything && panel,
                fingerprint: "\(report.score)|\(report.version ?? "")|\(report.diagnostics.count)",
                score: report.foundAnything ? report.score : 0)
        case .usage:
            let report = UsageParser.parse(lines: lines, capturedAt: date)
            // Since 2.1.118 the cost block shows at once while the plan windows still load: not done yet.
            let stillLoading = report.sawLoading && report.windows.isEmpty
            let complete = report.state != nil && report.state != .loading && !stillLoading
            return Assessment(
                complete: complete, fingerprint: "\(report.score)|\(report.state?.rawValue ?? "")", score: report.score)
        }
    }
}
