extension ReportPage {
    /// One window: a summary, its cycles overlaid against the even pace with the forecast, the window over the
    /// whole range, and the table of its cycles, newest first.
    func windowSection(_ window: Report.WindowKey, _ cycles: [Report.Cycle], index: Int) -> String {
        let hits = report.limitHits.filter { $0.window == window }
        let forecast = report.forecasts.first { $0.window == window }
        let length = WindowLength.of(window, cycles: cycles)
        var html = "<section class=\"window\" id=\"window-\(index + 1)\">\n"
        html += "<h2>\(HTMLText.escape(window.title))</h2>\n"
        html += "<ul class=\"chips\">" + summary(cycles, hits: hits, length: length).map { "<li>\($0)</li>" }.joined()
        html += "</ul>\n"
        guard !cycles.isEmpty else {
            return html + "<p class=\"empty\">No reset cycle of this window in this range.</p>\n</section>\n"
        }
        html += "<div class=\"charts\">\n<div class=\"card chart\">"
        html += "<h3>Each cycle from start to reset</h3>"
        html += CycleChart(
            window: window, cycles: cycles, forecast: forecast, hits: hits, length: length, format: format,
            id: "clip-cycles-\(index + 1)"
        ).svg()
        html += Self.cycleLegend(hasForecast: forecast != nil) + "</div>\n"
        html += "<div class=\"card chart wide\"><h3>Over the whole range</h3><div class=\"scroll-x\">"
        html += RangeChart(
            window: window, cycles: cycles, hits: hits, range: range, now: report.generatedAt, length: length,
            format: format, id: "clip-range-\(index + 1)"
        ).svg()
        html += "</div>" + Self.rangeLegend + "</div>\n</div>\n"
        html += cycleTable(cycles, window: window)
        return html + "</section>\n"
    }

    private func summary(_ cycles: [Report.Cycle], hits: [Report.LimitHit], length: Double) -> [String] {
        var chips = [
            "\(PageFormat.span(length)) window", "<b>\(cycles.count)</b> cycle\(cycles.count == 1 ? "" : "s")",
        ]
        chips.append("<b>\(hits.count)</b> limit hit\(hits.count == 1 ? "" : "s")")
        let past = cycles.filter { !$0.isCurrent }
        if !past.isEmpty {
            chips.append("median peak <b>\(PageFormat.percent(Self.median(past.map(\.peakPercent))))</b>")
            let unused = past.compactMap(\.unusedPercent)
            if !unused.isEmpty { chips.append("median unused <b>\(PageFormat.percent(Self.median(unused)))</b>") }
            let full = past.filter { $0.peakPercent >= 100 }.count
            chips.append("reached 100% in <b>\(full)</b> of \(past.count) past")
        }
        return chips
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    private static func swatch(_ body: String) -> String {
        "<svg viewBox=\"0 0 26 12\" aria-hidden=\"true\">\(body)</svg>"
    }

    private static func cycleLegend(hasForecast: Bool) -> String {
        var items = [
            swatch("<line class=\"current\" x1=\"1\" y1=\"9\" x2=\"25\" y2=\"3\"/>") + "this cycle",
            swatch("<line class=\"past\" x1=\"1\" y1=\"9\" x2=\"25\" y2=\"3\"/>") + "past cycles",
            swatch("<line class=\"pace\" x1=\"1\" y1=\"11\" x2=\"25\" y2=\"1\"/>") + "even pace",
            swatch("<line class=\"mark-100\" x1=\"1\" y1=\"6\" x2=\"25\" y2=\"6\"/>") + "100%",
            swatch("<polygon class=\"hit\" points=\"13,1 18,6 13,11 8,6\"/>") + "limit hit",
        ]
        if hasForecast {
            items.append(swatch("<line class=\"rate\" x1=\"1\" y1=\"9\" x2=\"25\" y2=\"3\"/>") + "recent rate")
            items.append(swatch("<line class=\"history\" x1=\"1\" y1=\"9\" x2=\"25\" y2=\"3\"/>") + "your history")
        }
        return "<ul class=\"legend\">" + items.map { "<li>\($0)</li>" }.joined() + "</ul>"
    }

    private static let rangeLegend =
        "<ul class=\"legend\">"
        + [
            swatch(
                "<rect class=\"area\" x=\"1\" y=\"4\" width=\"24\" height=\"8\"/><line class=\"used\" x1=\"1\" "
                    + "y1=\"4\" x2=\"25\" y2=\"4\"/>") + "used",
            swatch("<line class=\"pace\" x1=\"1\" y1=\"11\" x2=\"25\" y2=\"1\"/>") + "even pace",
            swatch("<line class=\"mark-80\" x1=\"1\" y1=\"6\" x2=\"25\" y2=\"6\"/>") + "80%",
            swatch("<polygon class=\"hit\" points=\"13,1 18,6 13,11 8,6\"/>") + "limit hit",
            swatch("<rect class=\"peak-only\" x=\"1\" y=\"2\" width=\"24\" height=\"10\"/>") + "peak only (no curve)",
        ].map { "<li>\($0)</li>" }.joined() + "</ul>"

    /// A time in a cycle's row, short (`18:50`, `Tue 00:30`) since the row's start gives the day; a dash for none.
    private func later(_ time: Double?, _ start: Double) -> String {
        time.map { HTMLText.escape(format.timeAfter($0, from: start)) } ?? "<span class=\"muted\">—</span>"
    }

    private func cycleTable(_ cycles: [Report.Cycle], window: Report.WindowKey) -> String {
        var html = "<div class=\"table\"><table>"
        html +=
            "<caption>\(cycles.count) cycle\(cycles.count == 1 ? "" : "s") of \(HTMLText.escape(window.title)), "
            + "newest first. Coverage is the share of the cycle with data: a gap is not read as zero use.</caption>"
        html +=
            "<thead><tr><th>Start</th><th>Reset</th><th class=\"num\">Peak</th><th class=\"num\">Unused</th>"
            + "<th>First 80%</th><th>First 95%</th><th>First 100%</th><th class=\"num\">At 100%</th>"
            + "<th class=\"num\">Samples</th><th class=\"num\">Coverage</th><th>Source</th></tr></thead><tbody>"
        for cycle in cycles.reversed() {
            html += "<tr><td>\(HTMLText.escape(format.dateTime(cycle.start)))"
            if cycle.isCurrent { html += "<span class=\"badge cur\">now</span>" }
            html += "</td><td>\(later(cycle.reset, cycle.start))</td>"
            let peak = PageFormat.percent(cycle.peakPercent)
            html += "<td class=\"num\">" + (cycle.peakPercent >= 100 ? "<b>◆ \(peak)</b>" : peak) + "</td>"
            html += "<td class=\"num\">\(cycle.unusedPercent.map(PageFormat.percent) ?? "—")</td>"
            for time in [cycle.first80, cycle.first95, cycle.first100] {
                html += "<td>\(later(time, cycle.start))</td>"
            }
            html += "<td class=\"num\">\(cycle.minutesAt100 > 0 ? PageFormat.span(cycle.minutesAt100 * 60) : "—")</td>"
            html += "<td class=\"num\">\(PageFormat.count(cycle.samples))</td>"
            let coverage = PageFormat.percent(cycle.coverage * 100)
            html +=
                "<td class=\"num\">" + (cycle.coverage < 0.5 ? "<span class=\"low\">\(coverage) low</span>" : coverage)
            html += "</td><td>\(HTMLText.escape(cycle.source))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }
}
