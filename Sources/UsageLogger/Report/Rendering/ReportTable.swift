/// One table of a report, as plain strings: what CSV and Markdown print. Times are given by the caller's format
/// (UTC ISO-8601 for CSV, which other programs read; the report's zone for Markdown, which people read).
struct ReportTable: Equatable {
    var title: String
    var headers: [String]
    var rows: [[String]]

    /// The tables of `section` (for `all`: every table).
    static func tables(_ report: Report, section: ReportSection, time: (Double?) -> String) -> [ReportTable] {
        let percent: (Double?) -> String = { $0.map(ReportTimeFormat.number) ?? "" }
        func window(_ key: Report.WindowKey?) -> String { key?.title ?? "" }
        var tables: [ReportTable] = []
        if section == .all || section == .now {
            tables.append(
                ReportTable(
                    title: "Now", headers: ["window", "used_percent", "at", "source", "resets_at", "pace_delta"],
                    rows: report.now.map {
                        [
                            window($0.window), percent($0.usedPercent), time($0.at), $0.source, time($0.resetsAt),
                            percent($0.paceDelta),
                        ]
                    }))
        }
        if section == .all || section == .forecast {
            tables.append(
                ReportTable(
                    title: "Forecast",
                    headers: [
                        "window", "used_percent", "resets_at", "pace_delta", "recent_rate_per_hour",
                        "recent_reaches_100_at", "recent_samples", "history_reaches_100_at",
                        "history_percent_at_reset", "history_cycles",
                    ],
                    rows: report.forecasts.map {
                        [
                            window($0.window), percent($0.usedPercent), time($0.resetsAt), percent($0.paceDelta),
                            percent($0.recentRatePerHour), time($0.recentHits100At), String($0.recentSamples),
                            time($0.historyHits100At), percent($0.historyPercentAtReset), String($0.historyCycles),
                        ]
                    }))
        }
        if section == .all || section == .cycles {
            tables.append(
                ReportTable(
                    title: "Cycles",
                    headers: [
                        "window", "start", "reset", "peak_percent", "unused_percent", "first_80", "first_95",
                        "first_100", "minutes_at_100", "samples", "coverage", "source",
                    ],
                    rows: report.cycles.map {
                        [
                            window($0.window), time($0.start), time($0.reset), percent($0.peakPercent),
                            percent($0.unusedPercent), time($0.first80), time($0.first95), time($0.first100),
                            percent($0.minutesAt100), String($0.samples), String(format: "%.3f", $0.coverage),
                            $0.source,
                        ]
                    }))
        }
        if section == .all || section == .usage {
            tables.append(
                ReportTable(
                    title: "Usage by \(report.period.rawValue)",
                    headers: [
                        "period", "window", "peak_percent", "mean_percent", "samples", "minutes_at_or_above_80",
                        "limit_hits",
                    ],
                    rows: report.usage.map {
                        [
                            $0.period, window($0.window), percent($0.peakPercent), percent($0.meanPercent),
                            String($0.samples), percent($0.minutesAtOrAbove80), String($0.limitHits),
                        ]
                    }))
        }
        if section == .all || section == .hits {
            tables.append(
                ReportTable(
                    title: "Limit hits", headers: ["at", "window", "kind", "resets_at", "message"],
                    rows: report.limitHits.map {
                        [time($0.at), window($0.window), $0.kind, time($0.resetsAt), $0.message ?? ""]
                    }))
        }
        if section == .all || section == .errors {
            tables.append(
                ReportTable(
                    title: "Errors by \(report.period.rawValue)", headers: ["period", "type", "count"],
                    rows: report.errors.map { [$0.period, $0.type, String($0.count)] }))
        }
        if section == .tokens || (section == .all && !report.tokens.isEmpty) {
            func counts(_ tokens: SessionTokens) -> [String] {
                [tokens.input, tokens.output, tokens.cacheRead, tokens.cacheCreation, tokens.total].map { String($0) }
            }
            let headers = ["input", "output", "cache_read", "cache_creation", "total"]
            tables.append(
                ReportTable(
                    title: "Tokens by \(report.period.rawValue) and model", headers: ["period", "model"] + headers,
                    rows: report.tokens.map { [$0.period, $0.model] + counts($0.tokens) }))
            tables.append(
                ReportTable(
                    title: "Tokens by project", headers: ["project", "sessions", "requests"] + headers,
                    rows: report.projectTokens.map {
                        [$0.project, String($0.sessions), String($0.requests)] + counts($0.tokens)
                    }))
        }
        if section == .all || section == .health {
            tables.append(
                ReportTable(
                    title: "Versions", headers: ["version", "first_seen", "last_seen", "records"],
                    rows: report.versions.map {
                        [labelled($0.label, $0.version), time($0.firstSeen), time($0.lastSeen), String($0.records)]
                    }))
            tables.append(
                ReportTable(
                    title: "Model and account changes", headers: ["at", "field", "from", "to"],
                    rows: report.changes.map {
                        [time($0.at), labelled($0.label, $0.field), $0.from ?? "", $0.to ?? ""]
                    }))
        }
        if section == .all || section == .health || section == .diagnostics {
            tables.append(
                ReportTable(
                    title: "Diagnostics",
                    headers: ["type", "severity", "message", "first_seen", "last_seen", "times_seen", "resolved_at"],
                    rows: report.diagnostics.map {
                        [
                            labelled($0.label, $0.type), $0.severity, $0.message, time($0.firstSeen), time($0.lastSeen),
                            String($0.timesSeen), time($0.resolvedAt),
                        ]
                    }))
        }
        if section == .diagnostics {
            tables.append(
                ReportTable(
                    title: "Diagnostics by \(report.period.rawValue)", headers: ["period", "event", "message"],
                    rows: report.diagnosticsDigest.flatMap { period in
                        period.appeared.map { [period.period, "appeared", $0] }
                            + period.resolved.map { [period.period, "resolved", $0] }
                            + period.stillOpen.map { [period.period, "open", $0] }
                    }))
        }
        return tables
    }

    private static func labelled(_ label: String, _ text: String) -> String {
        label.isEmpty ? text : "\(label): \(text)"
    }
}
