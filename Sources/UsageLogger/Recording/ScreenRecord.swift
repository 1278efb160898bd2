import Foundation

/// Turns the rendered frames of a screen into the record for its kind, and says whether anything was found.
struct ScreenRecord {
    let record: JSONValue
    /// A one-line problem for stderr, or nil when the record is complete.
    let problem: String?
    let exitCode: ExitCode
    /// The parsed `/status`, when this is one (its diagnostics feed `diagnostics.jsonl`).
    var statusReport: StatusReport?

    /// `failure` is why the command itself failed (it wins over what the screen showed).
    static func make(
        kind: ProbeKind, frames: [[String]], capturedAt: Date, context: CommandContext, failure: String? = nil,
        probe: JSONValue? = nil, durationMs: Int? = nil
    ) -> ScreenRecord {
        let recordContext = context.recordContext(at: capturedAt)
        let rawLines = frames.last ?? []
        switch kind {
        case .status:
            let report = StatusParser.parse(frames: frames)
            let problem = failure ?? (report.foundAnything ? nil : "no /status report recognised in the screen")
            let record = StatusRecord.make(
                report, context: recordContext, rawLines: rawLines, error: problem, probe: probe)
            return ScreenRecord(
                record: record, problem: problem, exitCode: exitCode(failure: failure, found: report.foundAnything),
                statusReport: report)
        case .usage:
            let report = UsageParser.parse(frames: frames, capturedAt: capturedAt)
            var problem = failure
            if problem == nil, report.state == nil { problem = "no /usage data recognised in the screen" }
            if problem == nil, report.state == .error {
                let type = report.error?.type ?? "unknown_error"
                problem = "claude /usage reported \(type): \(report.error?.message ?? "no message")"
            }
            let record = UsageRecord.make(
                report, context: recordContext, rawLines: rawLines, durationMs: durationMs, error: problem, probe: probe
            )
            let code: ExitCode =
                failure != nil || (probe != nil && report.state == .error)
                ? .unavailable : report.state == nil ? .dataError : .success
            return ScreenRecord(record: record, problem: problem, exitCode: code)
        }
    }

    private static func exitCode(failure: String?, found: Bool) -> ExitCode {
        if failure != nil { return .unavailable }
        return found ? .success : .dataError
    }

    func print(to console: Console, pretty: Bool, configuration: Configuration) {
        let record = RecordPrivacy(configuration: configuration).apply(self.record)
        console.line(pretty ? record.prettySerialized() : record.serialized())
        if let problem { console.errorLine(problem) }
    }
}
