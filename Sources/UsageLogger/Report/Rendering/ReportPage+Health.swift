extension ReportPage {
    /// Every time a window reached 100 % or a request was refused for a limit, newest first, with the wait.
    func hitsSection() -> String {
        var html = "<section id=\"hits\">\n<h2>Limit hits</h2>\n"
        guard !report.limitHits.isEmpty else {
            return html + "<p class=\"empty\">No window reached its limit in this range.</p>\n</section>\n"
        }
        html += "<div class=\"table\"><table><caption>\(report.limitHits.count) in all, newest first.</caption>"
        html +=
            "<thead><tr><th>When</th><th>Window</th><th>What</th><th>Until the reset</th><th>Message</th></tr></thead><tbody>"
        for hit in report.limitHits.sorted(by: { $0.at > $1.at }) {
            let what = hit.kind == "refused" ? "request refused" : "◆ reached 100%"
            let wait = hit.resetsAt.map { $0 > hit.at ? PageFormat.span($0 - hit.at) : "—" } ?? "unknown"
            html += "<tr><td>\(HTMLText.escape(format.dateTime(hit.at)))</td>"
            html += "<td>\(HTMLText.escape(hit.window?.title ?? "—"))</td><td>\(what)</td><td>\(wait)</td>"
            html += "<td class=\"wrap\">\(HTMLText.escape(hit.message ?? ""))</td></tr>\n"
        }
        return html + "</tbody></table></div>\n</section>\n"
    }

    /// The health score, the diagnostics over time with versions and changes under them, and the tables behind it.
    func healthSection() -> String {
        var html = "<section id=\"health\">\n<h2>Health</h2>\n<div class=\"health\">\n<div class=\"card\">"
        if let score = report.healthScore {
            html += "<div class=\"score\">\(PageFormat.percent(score * 100))</div>"
            html += "<p class=\"muted\">of the time with no active warning</p>"
        } else {
            html += "<div class=\"score muted\">—</div><p class=\"muted\">no diagnostics recorded</p>"
        }
        let active = report.diagnostics.filter { $0.resolvedAt == nil }.count
        html +=
            "<ul class=\"facts\"><li><b>\(report.diagnostics.count)</b> warning\(report.diagnostics.count == 1 ? "" : "s") seen</li>"
        html +=
            "<li>"
            + (active == 0
                ? "<span class=\"badge ok\">✓ none active</span>"
                : "<span class=\"badge hit\">"
                    + "\(active) still active</span>") + "</li>"
        html +=
            "<li><b>\(report.versions.count)</b> Claude Code version\(report.versions.count == 1 ? "" : "s")</li></ul>"
        html += "</div>\n<div class=\"card wide\"><h3>Warnings over time</h3><div class=\"scroll-x\">"
        html += DiagnosticsTimeline(
            spans: report.diagnostics, versions: report.versions, changes: report.changes, range: range,
            now: report.generatedAt, format: format
        ).svg()
        html += "</div><ul class=\"legend\">"
        html +=
            "<li><svg viewBox=\"0 0 26 12\" aria-hidden=\"true\"><rect class=\"resolved\" x=\"1\" y=\"2\" width=\"24\" "
            + "height=\"8\"/></svg>resolved</li>"
        html +=
            "<li><svg viewBox=\"0 0 26 12\" aria-hidden=\"true\"><rect class=\"active\" x=\"1\" y=\"2\" width=\"24\" "
            + "height=\"8\"/></svg>still active</li>"
        html +=
            "<li><svg viewBox=\"0 0 26 12\" aria-hidden=\"true\"><line class=\"change\" x1=\"13\" y1=\"0\" x2=\"13\" "
            + "y2=\"12\"/></svg>model or account changed</li></ul></div>\n</div>\n"
        html += diagnosticsTable()
        html += "<div class=\"two\">" + versionsTable() + changesTable() + "</div>\n"
        return html + "</section>\n"
    }

    private func diagnosticsTable() -> String {
        guard !report.diagnostics.isEmpty else { return "" }
        var html =
            "<div class=\"table\" style=\"margin-top:14px\"><table><caption>Warnings and mismatches, "
            + "newest first.</caption><thead><tr><th>Status</th><th>Type</th><th>Message</th><th>First seen</th>"
            + "<th>Last seen</th><th class=\"num\">Times</th></tr></thead><tbody>"
        for span in report.diagnostics.sorted(by: { $0.lastSeen > $1.lastSeen }) {
            let status =
                span.resolvedAt.map { "✓ resolved " + HTMLText.escape(format.dateTime($0)) }
                ?? "<span class=\"badge hit\">active</span>"
            let label = span.label.isEmpty ? "" : HTMLText.escape(span.label) + ": "
            html +=
                "<tr><td>\(status)</td><td>\(HTMLText.escape(span.type))<br><span class=\"muted\">"
                + "\(HTMLText.escape(span.severity))</span></td><td class=\"wrap\">\(label)\(HTMLText.escape(span.message))</td>"
            html += "<td>\(HTMLText.escape(format.dateTime(span.firstSeen)))</td>"
            html +=
                "<td>\(HTMLText.escape(format.dateTime(span.lastSeen)))</td><td class=\"num\">\(span.timesSeen)</td></tr>\n"
        }
        return html + "</tbody></table></div>\n"
    }

    private func versionsTable() -> String {
        var html = "<div><h3>Claude Code versions</h3>"
        guard !report.versions.isEmpty else { return html + "<p class=\"empty\">None recorded.</p></div>" }
        html +=
            "<div class=\"table\"><table><thead><tr><th>Version</th><th>First seen</th><th>Last seen</th>"
            + "<th class=\"num\">Records</th></tr></thead><tbody>"
        for version in report.versions {
            let label = version.label.isEmpty ? "" : "<span class=\"muted\">\(HTMLText.escape(version.label)):</span> "
            html += "<tr><td>\(label)\(HTMLText.escape(version.version))</td>"
            html += "<td>\(HTMLText.escape(format.dateTime(version.firstSeen)))</td>"
            html += "<td>\(HTMLText.escape(format.dateTime(version.lastSeen)))</td>"
            html += "<td class=\"num\">\(PageFormat.count(version.records))</td></tr>\n"
        }
        return html + "</tbody></table></div></div>"
    }

    private func changesTable() -> String {
        var html = "<div><h3>Model and account changes</h3>"
        guard !report.changes.isEmpty else { return html + "<p class=\"empty\">None in this range.</p></div>" }
        html +=
            "<div class=\"table\"><table><thead><tr><th>When</th><th>What</th><th>From</th><th>To</th></tr></thead>"
            + "<tbody>"
        for change in report.changes.sorted(by: { $0.at > $1.at }) {
            let label = change.label.isEmpty ? "" : HTMLText.escape(change.label) + ": "
            html += "<tr><td>\(HTMLText.escape(format.dateTime(change.at)))</td>"
            html += "<td>\(label)\(HTMLText.escape(change.field))</td>"
            html += "<td class=\"wrap\">\(HTMLText.escape(change.from ?? "—"))</td>"
            html += "<td class=\"wrap\">\(HTMLText.escape(change.to ?? "—"))</td></tr>\n"
        }
        return html + "</tbody></table></div></div>"
    }

    /// Errors per period and type: one column per type (the commonest first), a total with a bar to compare.
    func errorsSection() -> String {
        var html = "<section id=\"errors\">\n<h2>Errors by \(report.period.rawValue)</h2>\n"
        guard !report.errors.isEmpty else {
            return html + "<p class=\"empty\">No error recorded in this range.</p>\n</section>\n"
        }
        var totals: [String: Int] = [:]
        var periods: [(period: String, start: Double)] = []
        var counts: [String: [String: Int]] = [:]
        for row in report.errors {
            totals[row.type, default: 0] += row.count
            if counts[row.period] == nil { periods.append((row.period, row.periodStart)) }
            counts[row.period, default: [:]][row.type, default: 0] += row.count
        }
        let types = totals.keys.sorted { (totals[$0] ?? 0, $1) > (totals[$1] ?? 0, $0) }
        let largest = counts.values.map { $0.values.reduce(0, +) }.max() ?? 1
        html += "<div class=\"table\"><table><thead><tr><th>Period</th>"
        html += types.map { "<th class=\"num\">\(HTMLText.escape($0))</th>" }.joined()
        html += "<th class=\"num\">Total</th><th></th></tr></thead><tbody>"
        for (period, _) in periods.sorted(by: { $0.start > $1.start }) {
            let row = counts[period] ?? [:]
            let total = row.values.reduce(0, +)
            html += "<tr><td>\(HTMLText.escape(period))</td>"
            html += types.map {
                "<td class=\"num\">\(row[$0].map { PageFormat.count($0) } ?? "<span class=\"muted\">·</span>")</td>"
            }
            .joined()
            let width = PageFormat.whole(Double(total) / Double(max(largest, 1)) * 120)
            html += "<td class=\"num\"><b>\(PageFormat.count(total))</b></td>"
            html += "<td><span class=\"bar\" style=\"width:\(max(width, 2))px\"></span></td></tr>\n"
        }
        html +=
            "<tr><td><b>All</b></td>"
            + types.map { "<td class=\"num\"><b>\(PageFormat.count(totals[$0] ?? 0))</b></td>" }.joined()
        html += "<td class=\"num\"><b>\(PageFormat.count(totals.values.reduce(0, +)))</b></td><td></td></tr>\n"
        return html + "</tbody></table></div>\n</section>\n"
    }
}
