/// Turns samples, given in time order, into a `Report`, in one pass and bounded memory: per window it keeps the
/// current cycle, per period its sums, and per hour of the week the typical rise.
public struct ReportBuilder: Sendable {
    public let settings: ReportSettings

    public init(settings: ReportSettings) {
        self.settings = settings
    }

    public mutating func add(_ sample: ReportSample) {
        // CONTRACT STUB: implemented by the analysis helper
    }

    public func finish(summary: ReadSummary) -> Report {
        var report = Report(
            generatedAt: settings.now, timeZone: settings.timeZone.identifier, period: settings.period)
        report.since = settings.since
        report.until = settings.until
        report.linesRead = summary.linesRead
        report.skippedLines = summary.skippedLines
        return report
    }
}
