import Foundation

/// Turns the rendered frames of a screen into the record for its kind, and says whether anything was found.
struct ScreenRecord {
    let record: JSONValue
    /// A one-line problem worth saying, or nil when the record is complete.
    let problem: String?
    let verdict: ScreenVerdict
    /// The parsed `/status`, when this is one (its diagnostics feed `diagnostics.jsonl`).
    var statusReport: StatusReport?
    /// For `/usage`: whether it ran signed out while the statusline shows plan limits (see `SignedOutProbe`); nil
    /// when the screen tells nothing either way.
    var signedOut: Bool?

    /// `failure` is why the command itself failed (it wins over what the screen showed); `probe` is the probe's
    /// own account, nil for a saved capture; `limitsSeenAt` is when the statusline last saw plan limits.
    static func make(
        kind: ProbeKind, frames: [[String]], capturedAt: Date, context: RecordContext, failure: String? = nil,
        probe: JSONValue? = nil, durationMs: Int? = nil, limitsSeenAt: Date? = nil
    ) -> ScreenRecord {
        switch kind {
        case .status:
            let (report, parsedFrame) = StatusParser.best(of: frames)
            let rawLines = report.foundAnything ? parsedFrame : lastDrawn(frames)
            let problem = failure ?? (report.foundAnything ? nil : "no /status report recognised in the screen")
            let record = StatusRecord.make(report, context: context, rawLines: rawLines, error: problem, probe: probe)
            let verdict: ScreenVerdict =
                failure != nil ? .probeFailed : report.foundAnything ? .complete : .nothingRecognised
            return ScreenRecord(record: record, problem: problem, verdict: verdict, statusReport: report)
        case .usage:
            let (report, parsedFrame) = UsageParser.best(of: frames, capturedAt: capturedAt)
            let rawLines = report.state != nil ? parsedFrame : lastDrawn(frames)
            var problem = failure
            if problem == nil, report.state == nil { problem = "no /usage data recognised in the screen" }
            if problem == nil, report.state == .error {
                let type = report.error?.type ?? "unknown_error"
                problem = "claude /usage reported \(type): \(report.error?.message ?? "no message")"
            }
            let signedOut =
                failure == nil ? SignedOutProbe.check(report, limitsSeenAt: limitsSeenAt, capturedAt: capturedAt) : nil
            let record = UsageRecord.make(
                report, context: context, rawLines: rawLines, durationMs: durationMs, error: problem, probe: probe,
                signedOut: signedOut == true)
            let verdict: ScreenVerdict =
                failure != nil || (probe != nil && report.state == .error)
                ? .probeFailed : report.state == nil ? .nothingRecognised : .complete
            return ScreenRecord(record: record, problem: problem, verdict: verdict, signedOut: signedOut)
        }
    }

    /// The last frame that shows anything: the text of a screen where nothing was recognised.
    private static func lastDrawn(_ frames: [[String]]) -> [String] {
        frames.last { $0.contains { !$0.trimmed.isEmpty } } ?? []
    }
}
