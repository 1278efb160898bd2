import Foundation

/// The report as one self-contained HTML page (`report --format html`): inline CSS and SVG only, no script, no
/// web font, no reference to anything outside the file, so it opens offline, prints, and can be mailed. Every
/// text from the logs is escaped.
public struct ReportPage {
    let report: Report
    let format: PageFormat
    /// The windows in the order they are shown (as the Now block lists them, then any others by name), each with
    /// its cycles, oldest first.
    let windows: [(key: Report.WindowKey, cycles: [Report.Cycle])]
    /// The times the charts span: the range asked for, or the records read, or the cycles.
    let range: ClosedRange<Double>

    /// The page for `report`, with times in `timeZone`.
    public static func render(_ report: Report, timeZone: TimeZone) -> String {
        ReportPage(report: report, timeZone: timeZone).html()
    }

    init(report: Report, timeZone: TimeZone) {
        self.report = report
        self.format = PageFormat(timeZone: timeZone)
        var order: [Report.WindowKey] = report.now.map(\.window)
        var byWindow: [Report.WindowKey: [Report.Cycle]] = [:]
        for cycle in report.cycles { byWindow[cycle.window, default: []].append(cycle) }
        for key in byWindow.keys.sorted() where !order.contains(key) { order.append(key) }
        for forecast in report.forecasts where !order.contains(forecast.window) { order.append(forecast.window) }
        windows = order.map { ($0, byWindow[$0] ?? []) }
        let starts = [report.since, report.firstRecord, report.cycles.map(\.start).min()].compactMap { $0 }
        let lower = PageFormat.sane(report.since ?? starts.min() ?? report.generatedAt - 86_400)
        // Records that stopped long ago end the charts where they stop, not weeks of empty space later.
        let end = report.isStale ? (report.lastRecord ?? report.generatedAt) : report.generatedAt
        var upper = PageFormat.sane(report.until ?? max(report.lastRecord ?? end, end))
        if !(upper > lower) { upper = lower + 3600 }
        range = lower...upper
    }

    func html() -> String {
        var page = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(PageStyle.css)
            </style>
            </head>
            <body>

            """
        page += Self.patterns
        page += "<main>\n"
        page += header()
        page += nowSection()
        for (index, window) in windows.enumerated() { page += windowSection(window.key, window.cycles, index: index) }
        page += hitsSection()
        page += healthSection()
        page += errorsSection()
        page += footer()
        page += "</main>\n</body>\n</html>\n"
        return page
    }

    private var title: String {
        "Claude Code usage, \(format.date(shownFrom)) to \(format.date(range.upperBound))"
    }

    /// Where the records (or the asked range) begin: the charts may start earlier, at the start of the first cycle.
    private var shownFrom: Double { PageFormat.sane(report.since ?? report.firstRecord ?? range.lowerBound) }

    /// Fills the charts refer to by id: a hatch for a cycle shown by its peak only, stripes for what is still active.
    static let patterns = """
        <svg width="0" height="0" style="position:absolute" aria-hidden="true" focusable="false">\
        <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <line class="hatch-line" x1="0" y1="0" x2="0" y2="6"/></pattern>\
        <pattern id="stripes" width="7" height="7" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <line class="stripe" x1="0" y1="0" x2="0" y2="7"/></pattern></defs></svg>

        """

    private func header() -> String {
        var html = "<header>\n<h1>Claude Code usage</h1>\n"
        html += "<p class=\"sub\"><b>\(HTMLText.escape(format.dateTime(shownFrom)))</b> to "
        html += "<b>\(HTMLText.escape(format.dateTime(range.upperBound)))</b> · "
        html += "times in <b>\(HTMLText.escape(format.zoneName(at: range.upperBound)))</b> · "
        html +=
            "\(report.until == nil ? "made" : "as of") \(HTMLText.escape(format.dateTime(report.generatedAt)))</p>\n"
        if report.isStale, let last = report.lastRecord {
            html +=
                "<p class=\"sub\"><b>The latest record is from \(HTMLText.escape(format.dateTime(last)))</b>, "
                + "\(HTMLText.escape(ReportTimeFormat.duration(report.generatedAt - last))) before this page was made: "
                + "is the companion or cron running? Readings whose reset has passed say nothing of now.</p>\n"
        }
        let hits = report.limitHits.count
        var chips = [
            "<b>\(windows.count)</b> window\(windows.count == 1 ? "" : "s")",
            "<b>\(PageFormat.count(report.cycles.count))</b> reset cycle\(report.cycles.count == 1 ? "" : "s")",
            "<b>\(PageFormat.count(hits))</b> limit hit\(hits == 1 ? "" : "s")",
        ]
        if let score = report.healthScore { chips.append("health <b>\(PageFormat.percent(score * 100))</b>") }
        chips.append("<b>\(PageFormat.count(report.linesRead))</b> lines read")
        if report.skippedLines > 0 { chips.append("<b>\(PageFormat.count(report.skippedLines))</b> skipped") }
        html += "<ul class=\"chips\">" + chips.map { "<li>\($0)</li>" }.joined() + "</ul>\n"
        var links = ["<a href=\"#now\">Now</a>"]
        for (index, window) in windows.enumerated() {
            links.append("<a href=\"#window-\(index + 1)\">\(HTMLText.escape(window.key.title))</a>")
        }
        links += [
            "<a href=\"#hits\">Limit hits</a>", "<a href=\"#health\">Health</a>", "<a href=\"#errors\">Errors</a>",
        ]
        html += "<nav aria-label=\"Sections\">" + links.joined() + "</nav>\n</header>\n"
        return html
    }

    private func footer() -> String {
        var parts = ["\(PageFormat.count(report.linesRead)) lines read"]
        parts.append(
            report.skippedLines == 0
                ? "no line skipped"
                : "\(PageFormat.count(report.skippedLines)) torn or invalid line\(report.skippedLines == 1 ? "" : "s") skipped"
        )
        if let first = report.firstRecord, let last = report.lastRecord {
            parts.append("records from \(format.dateTime(first)) to \(format.dateTime(last))")
        }
        parts.append("grouped by \(report.period.rawValue)")
        return "<footer id=\"data\"><p>" + HTMLText.escape(parts.joined(separator: " · ")) + ".</p>"
            + "<p>Made by usage-logger from its own logs; percentages are the ones Claude Code shows.</p></footer>\n"
    }
}
