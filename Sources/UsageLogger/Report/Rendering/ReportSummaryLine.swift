/// The line under a report's title: the range read, the zone, the unit, and what was skipped.
enum ReportSummaryLine {
    static func text(_ report: Report, format: ReportTimeFormat) -> String {
        range(report, format: format) + " · " + details(report)
    }

    /// `2026-11-29 00:00 – 2026-11-30 11:59 (Europe/Berlin)`.
    static func range(_ report: Report, format: ReportTimeFormat) -> String {
        let from = report.since ?? report.firstRecord
        let to = report.until ?? report.lastRecord
        let range =
            if let from, let to { "\(format.dateTime(from)) – \(format.dateTime(to))" } else { "no records" }
        return "\(range) (\(report.timeZone))"
    }

    /// `by day · 2200 records · 2 torn or invalid lines skipped`.
    static func details(_ report: Report) -> String {
        var text = "by \(report.period.rawValue) · \(report.linesRead) record\(report.linesRead == 1 ? "" : "s")"
        if report.skippedLines > 0 {
            text += " · \(report.skippedLines) torn or invalid line\(report.skippedLines == 1 ? "" : "s") skipped"
        }
        return text
    }
}
