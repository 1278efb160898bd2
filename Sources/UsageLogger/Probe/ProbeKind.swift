import Foundation

/// The two screens usage-logger reads.
public enum ProbeKind: String, Sendable, CaseIterable {
    case status, usage

    /// The slash command that opens the screen.
    public var slashCommand: String { "/" + rawValue }

    /// How long the parsed screen must stay unchanged before it counts as complete: `/status` draws its
    /// diagnostics after the rest of the dialog.
    var settleMs: Int {
        switch self {
        case .status: 1_500
        case .usage: 1_000
        }
    }

    /// Whether a rendered screen holds a complete dialog of this kind, and a fingerprint of what it says.
    func assess(_ lines: [String], at date: Date) -> (complete: Bool, fingerprint: String) {
        switch self {
        case .status:
            let report = StatusParser.parse(lines: lines)
            return (report.foundAnything, "\(report.score)|\(report.version ?? "")|\(report.diagnostics.count)")
        case .usage:
            let report = UsageParser.parse(lines: lines, capturedAt: date)
            // Since 2.1.118 the cost block shows at once while the plan windows still load: not done yet.
            let stillLoading = report.sawLoading && report.windows.isEmpty
            let complete = report.state != nil && report.state != .loading && !stillLoading
            return (complete, "\(report.score)|\(report.state?.rawValue ?? "")")
        }
    }
}
