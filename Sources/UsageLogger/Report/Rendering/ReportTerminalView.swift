import Foundation

/// The report for a person at a terminal: 80 columns, the most useful block first (Now, then the forecast), the
/// rest in sections; long tables show their latest rows and say where the rest is.
struct ReportTerminalView {
    let report: Report
    let section: ReportSection
    let style: TerminalStyle
    let format: ReportTimeFormat
    /// `--chart`: bars and sparklines of the usage per period.
    var chart = false
    /// Rows shown per window in the cycles and usage tables.
    var rowsPerWindow = 8

    static let width = 80

    func render() -> String {
        var blocks = [header()]
        let show = { (part: ReportSection) in section == .all || section == part }
        if show(.now) { blocks.append(now()) }
        if show(.forecast) { blocks.append(forecast()) }
        if show(.hits) { blocks.append(hits()) }
        if show(.cycles) { blocks.append(cycles()) }
        if show(.usage) { blocks.append(usage()) }
        if show(.errors) { blocks.append(errors()) }
        if section == .tokens || (section == .all && !report.tokens.isEmpty) { blocks.append(tokens()) }
        if show(.health) { blocks.append(ReportHealthView(report: report, style: style, format: format).render()) }
        if section == .diagnostics {
            blocks.append(ReportHealthView(report: report, style: style, format: format).digest())
        }
        var text = blocks.filter { !$0.isEmpty }.joined(separator: "\n\n")
        if !style.unicode { text = Self.ascii(text) }
        // Cells are padded to line up; nothing needs the padding at the end of a line.
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { line in String(line.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n") + "\n"
    }

    private func header() -> String {
        var text =
            style.bold("Claude Code usage · " + ReportSummaryLine.range(report, format: format)) + "\n"
            + style.dim(ReportSummaryLine.details(report))
        if report.isStale, let last = report.lastRecord {
            let notice =
                "The latest record is from \(format.dateTime(last)), "
                + "\(ReportTimeFormat.duration(report.generatedAt - last)) ago: is the companion or cron running? "
                + "To see the report as of then: --until '\(format.dateTime(last + 60))'"
            text += "\n" + Self.wrap(notice, indent: "").map(style.yellow).joined(separator: "\n")
        }
        return text
    }

    private func title(_ text: String) -> String { style.bold(text.uppercased()) }

    private func now() -> String {
        guard !report.now.isEmpty else { return title("Now") + "\n  no usage readings in this range" }
        let columns =
            "  " + Self.cell("", 26) + " " + Self.cell("used", 5, right: true) + " " + Self.cell("", 10) + "  "
            + Self.cell("reset in", 8) + " " + Self.cell("pace", 13) + " read"
        var lines = [title("Now"), style.dim(columns)]
        for entry in report.now {
            let used = ReportTimeFormat.percent(entry.usedPercent)
            // A reading older than its reset says nothing of now: the window has started again since.
            let reset =
                entry.resetsAt.map {
                    $0 <= report.generatedAt ? "passed" : ReportTimeFormat.duration($0 - report.generatedAt)
                } ?? "–"
            let age = ReportTimeFormat.duration(report.generatedAt - entry.at) + " ago"
            lines.append(
                "  " + Self.cell(entry.window.title, 26) + " "
                    + style.level(Self.cell(used, 5, right: true), percent: entry.usedPercent) + " "
                    + style.level(style.bar(entry.usedPercent, width: 10), percent: entry.usedPercent) + "  "
                    + Self.cell(reset, 8) + " " + pace(entry.paceDelta, width: 13) + " " + style.dim(age))
        }
        let sources = Set(report.now.map(\.source)).sorted().joined(separator: ", ")
        lines += Self.wrap(
            "from \(sources); pace: points ahead of (or behind) using the window evenly until its reset",
            indent: "  "
        ).map(style.dim)
        return lines.joined(separator: "\n")
    }

    private func pace(_ delta: Double?, width: Int) -> String {
        guard let delta else { return Self.cell("–", width) }
        let points = ReportTimeFormat.number(abs(delta))
        if abs(delta) < 0.5 { return Self.cell("on pace", width) }
        let text = Self.cell(delta > 0 ? "\(points) ahead" : "\(points) behind", width)
        return delta >= 10 ? style.red(text) : delta > 0 ? style.yellow(text) : style.green(text)
    }

    private func forecast() -> String {
        guard !report.forecasts.isEmpty else {
            guard !report.now.isEmpty else { return "" }
            return title("Forecast") + "\n"
                + Self.wrap(
                    "none: no window has a current cycle (every latest reading is older than its reset)", indent: "  "
                ).joined(separator: "\n")
        }
        var lines = [title("Forecast")]
        for forecast in report.forecasts {
            lines.append(
                "  " + style.bold(forecast.window.title) + " at \(ReportTimeFormat.percent(forecast.usedPercent))")
            for line in ReportForecastText.lines(forecast, now: report.generatedAt, format: format) {
                lines += Self.wrap(line, indent: "    ", continuation: "      ")
            }
        }
        return lines.joined(separator: "\n")
    }

    private func hits() -> String {
        let recent = report.limitHits.suffix(rowsPerWindow)
        var lines = [title("Limit hits") + style.dim("  \(report.limitHits.count) in this range")]
        if recent.isEmpty { lines.append("  none: no window reached 100 %") }
        for hit in recent {
            let what = hit.kind == "refused" ? "request refused" : "reached 100%"
            let window =
                (hit.window?.title ?? "") + (hit.usedPercent.map { " at " + ReportTimeFormat.percent($0) } ?? "")
            let reset = hit.resetsAt.map { ", reset in " + ReportTimeFormat.duration($0 - hit.at) } ?? ""
            lines.append(
                "  " + format.dateTime(hit.at) + "  " + style.red(what) + " · "
                    + Self.cell((hit.kind == "refused" ? window : hit.window?.title ?? "") + reset, 44))
        }
        if report.limitHits.count > recent.count {
            lines.append(style.dim("  … \(report.limitHits.count - recent.count) earlier; `report hits` lists all"))
        }
        if report.limitHits.count >= 2 { lines += whenInTheWeek() }
        return lines.joined(separator: "\n")
    }

    /// When in the week the limits were hit: per weekday, and the busiest hours, in the report's zone.
    private func whenInTheWeek() -> [String] {
        var days = [Int](repeating: 0, count: 7)
        var hours = [Int](repeating: 0, count: 24)
        for hit in report.limitHits {
            days[(format.weekdayIndex(hit.at) + 6) % 7] += 1  // Monday first
            hours[format.hour(hit.at)] += 1
        }
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let byDay = zip(names, days).map { "\($0) \($1)" }.joined(separator: " · ")
        let busiest = hours.enumerated().filter { $0.element > 0 }.sorted { $0.element > $1.element }.prefix(3)
            .map { String(format: "%02d–%02d h ×%d", $0.offset, ($0.offset + 1) % 24, $0.element) }
        return [
            "  by weekday  " + byDay,
            "  busiest     " + busiest.joined(separator: ", "),
        ]
    }

    private func cycles() -> String {
        let windows = Dictionary(grouping: report.cycles, by: \.window)
        guard !windows.isEmpty else { return "" }
        var lines = [title("Reset cycles")]
        for key in windows.keys.sorted() {
            let cycles = windows[key] ?? []
            let shown = cycles.suffix(rowsPerWindow)
            lines.append("  " + style.bold(key.title) + style.dim("  last \(shown.count) of \(cycles.count)"))
            let headers = [
                Self.cell("start", 11), Self.cell("reset", 11), Self.cell("peak", 5, right: true),
                Self.cell("unused", 6, right: true), Self.cell(style.atLeast("80"), 9),
                Self.cell(style.atLeast("100"), 9),
                Self.cell("at 100", 6, right: true), Self.cell("data", 5, right: true),
            ]
            lines.append(style.dim("    " + headers.joined(separator: "  ")))
            for cycle in shown {
                let cells = [
                    Self.cell(format.short(cycle.start), 11), Self.cell(cycle.reset.map(format.short) ?? "–", 11),
                    style.level(
                        Self.cell(ReportTimeFormat.percent(cycle.peakPercent), 5, right: true),
                        percent: cycle.peakPercent),
                    // The current cycle has nothing unused yet: the column says it is the one running.
                    cycle.isCurrent
                        ? style.bold(Self.cell("now", 6, right: true))
                        : Self.cell(cycle.unusedPercent.map(ReportTimeFormat.percent) ?? "–", 6, right: true),
                    Self.cell(mark(cycle.first80, cycle), 9), Self.cell(mark(cycle.first100, cycle), 9),
                    Self.cell(Self.minutes(cycle.minutesAt100), 6, right: true),
                    Self.cell(ReportTimeFormat.percent(cycle.coverage * 100), 5, right: true),
                ]
                lines.append("    " + cells.joined(separator: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// When a cycle first reached a mark: `13:22` on the day it started, else with the weekday (`Wed 06:47`), so a
    /// weekly cycle's marks read in order.
    private func mark(_ time: Double?, _ cycle: Report.Cycle) -> String {
        guard let time else { return "–" }
        let clock = format.clock(time, sameDayAs: cycle.start)
        return clock.count <= 5 ? clock : format.weekday(time) + " " + clock.suffix(5)
    }

    private func usage() -> String {
        let windows = Dictionary(grouping: report.usage, by: \.window)
        guard !windows.isEmpty else { return "" }
        var lines = [title("Usage by \(report.period.rawValue)")]
        for key in windows.keys.sorted() {
            let periods = windows[key] ?? []
            let shown = periods.suffix(rowsPerWindow * 2)
            var heading = "  " + style.bold(key.title)
            if chart { heading += "  " + style.sparkline(periods.suffix(40).map(\.peakPercent)) }
            lines.append(heading + style.dim("  last \(shown.count) of \(periods.count)"))
            lines.append(
                style.dim(
                    "    " + Self.cell("period", 13) + Self.cell("peak", 6, right: true)
                        + (chart ? "  " + Self.cell("", 20) : "") + "  " + Self.cell("mean", 5, right: true) + "  "
                        + Self.cell(style.atLeast("80%"), 6, right: true) + "  " + Self.cell("hits", 4, right: true)
                        + "  "
                        + Self.cell("samples", 7, right: true)))
            for period in shown {
                var row = "    " + Self.cell(period.period, 13)
                row += style.level(
                    Self.cell(ReportTimeFormat.percent(period.peakPercent), 6, right: true), percent: period.peakPercent
                )
                if chart {
                    row += "  " + style.level(style.bar(period.peakPercent, width: 20), percent: period.peakPercent)
                }
                row += "  " + Self.cell(ReportTimeFormat.percent(period.meanPercent), 5, right: true)
                row += "  " + Self.cell(Self.minutes(period.minutesAtOrAbove80), 6, right: true)
                row += "  " + Self.cell(String(period.limitHits), 4, right: true)
                row += "  " + Self.cell(String(period.samples), 7, right: true)
                lines.append(row)
            }
        }
        return lines.joined(separator: "\n")
    }

    private func errors() -> String {
        guard !report.errors.isEmpty else { return title("Errors") + "\n  none" }
        var lines = [title("Errors by \(report.period.rawValue)")]
        let periods = Dictionary(grouping: report.errors, by: \.period)
        for period in periods.keys.sorted().suffix(rowsPerWindow * 2) {
            let counts = (periods[period] ?? []).sorted { $0.count > $1.count }.map { "\($0.type) \($0.count)" }
            lines.append("  " + Self.cell(period, 14) + Self.cell(counts.joined(separator: " · "), 62))
        }
        let types = Set(report.errors.map(\.type))
        let meanings = [
            ("rate_limit_error", "the /usage request was turned away for a moment (not your plan limit)"),
            ("probe_failed", "the probe timed out or failed (what it saw is still recorded)"),
            ("authentication_error", "claude's sign-in had expired"),
        ].filter { types.contains($0.0) }.map { "\($0.0): \($0.1)" }
        if !meanings.isEmpty {
            lines += Self.wrap(meanings.joined(separator: "; "), indent: "  ").map(style.dim)
        }
        return lines.joined(separator: "\n")
    }

    /// Tokens from `sessions.jsonl`: per period (the latest) with each model's share, then the projects.
    private func tokens() -> String {
        guard !report.tokens.isEmpty else {
            return title("Tokens") + "\n  none yet: sessions.jsonl is written by the hooks (`usage-logger setup hooks`)"
        }
        var lines = [title("Tokens by \(report.period.rawValue) (input + output + cache, from sessions.jsonl)")]
        let periods = Dictionary(grouping: report.tokens, by: \.period)
        for period in periods.keys.sorted().suffix(rowsPerWindow * 2) {
            let models = (periods[period] ?? []).sorted { $0.tokens.total > $1.tokens.total }
            let total = models.reduce(0) { $0 + $1.tokens.total }
            let parts = models.map { "\($0.model) \(Self.count($0.tokens.total))" }
            lines.append(
                "  " + Self.cell(period, 12) + Self.cell(Self.count(total), 10)
                    + Self.cell(parts.joined(separator: " · "), 54))
        }
        lines.append("  by project")
        for project in report.projectTokens.prefix(rowsPerWindow) {
            let sessions = "\(project.sessions) session\(project.sessions == 1 ? "" : "s")"
            lines.append(
                "  " + Self.cell(Self.count(project.tokens.total), 10) + Self.cell(sessions, 13)
                    + Self.cell(project.project, 53))
        }
        return lines.joined(separator: "\n")
    }

    /// A token count people read: 1234 → 1.2k, 5_600_000 → 5.6M.
    static func count(_ value: Int) -> String {
        switch value {
        case ..<1_000: String(value)
        case ..<1_000_000: String(format: "%.1fk", Double(value) / 1_000)
        case ..<1_000_000_000: String(format: "%.1fM", Double(value) / 1_000_000)
        default: String(format: "%.2fG", Double(value) / 1_000_000_000)
        }
    }

    /// The typography a non-UTF-8 terminal would garble, in ASCII.
    static func ascii(_ text: String) -> String {
        let replacements: [(String, String)] = [
            ("·", "-"), ("≥", ">="), ("–", "-"), ("−", "-"), ("→", "->"), ("←", "<-"), ("×", "x"), ("…", "..."),
        ]
        return replacements.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }

    /// `text` in lines of at most `width` columns, broken at spaces; the first starts with `indent`, the others
    /// with `continuation` (by default the same).
    static func wrap(_ text: String, indent: String, continuation: String? = nil, width: Int = width) -> [String] {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            let prefix = lines.isEmpty ? indent : (continuation ?? indent)
            if line.count > prefix.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = (continuation ?? indent) + word
            } else {
                line += (line.count > prefix.count ? " " : "") + word
            }
        }
        lines.append(line)
        return lines
    }

    /// `38m`, `2h30m`, or `–` for none.
    static func minutes(_ minutes: Double) -> String {
        minutes < 0.5 ? "–" : ReportTimeFormat.duration(minutes * 60)
    }

    /// `text` padded or cut (with `…`) to `width` characters.
    static func cell(_ text: String, _ width: Int, right: Bool = false) -> String {
        let count = text.count
        if count > width { return String(text.prefix(max(0, width - 1))) + "…" }
        let padding = String(repeating: " ", count: width - count)
        return right ? padding + text : text + padding
    }
}
