import Foundation

/// `report --format json`: the whole report as one object. Times are ISO-8601 in UTC like the records; `period` is
/// the period's start in the report's time zone (`2026-03-01`, `2026-03-01T14`, `2026-W09`, `2026-03`); numbers
/// are rounded to what they can mean (percentages to 0.1, coverage to 0.001).
enum ReportJSON {
    /// A member of the report object: a value, or an array written a row at a time.
    private enum Member {
        case value(JSONValue)
        case rows(Int, (Int) -> JSONValue)
    }

    private static func members(_ report: Report) -> [(String, Member)] {
        func rows<Item>(_ items: [Item], _ row: @escaping (Item) -> JSONValue) -> Member {
            .rows(items.count) { row(items[$0]) }
        }
        return [
            ("generated_at", .value(time(report.generatedAt))),
            ("time_zone", .value(.string(report.timeZone))),
            ("by", .value(.string(report.period.rawValue))),
            (
                "range",
                .value(
                    .object([
                        ("since", time(report.since)), ("until", time(report.until)),
                        ("first_record", time(report.firstRecord)), ("last_record", time(report.lastRecord)),
                    ]))
            ),
            ("now", rows(report.now, now)),
            ("cycles", rows(report.cycles, cycle)),
            ("usage", rows(report.usage, usage)),
            ("errors", rows(report.errors, errors)),
            ("tokens", .value(tokens(report))),
            ("forecast", rows(report.forecasts, forecast)),
            ("limit_hits", rows(report.limitHits, hit)),
            ("versions", rows(report.versions, version)),
            ("changes", rows(report.changes, change)),
            ("diagnostics", rows(report.diagnostics, diagnostic)),
            ("diagnostics_digest", rows(report.diagnosticsDigest, digest)),
            ("health_score", .value(number(report.healthScore, places: 3))),
            ("lines_read", .value(.int(report.linesRead))),
            ("skipped_lines", .value(.int(report.skippedLines))),
        ]
    }

    /// The whole report as one value (tests, small reports).
    static func render(_ report: Report) -> JSONValue {
        .object(
            members(report).map { key, member in
                switch member {
                case .value(let value): (key, value)
                case .rows(let count, let row): (key, .array((0..<count).map(row)))
                }
            })
    }

    /// The same document, indented, handed to `write` a row at a time: years of cycles never sit in memory twice
    /// (as values and as text). The text is the same as `render(report).prettySerialized()` plus a newline.
    static func write(_ report: Report, to write: (String) -> Void) {
        var buffer = "{"
        let members = members(report)
        for (index, (key, member)) in members.enumerated() {
            buffer += (index == 0 ? "\n  " : ",\n  ") + JSONValue.string(key).serialized() + ": "
            switch member {
            case .value(let value):
                buffer += value.prettySerialized(depth: 1)
            case .rows(let count, let row):
                buffer += count == 0 ? "[]" : "["
                for index in 0..<count {
                    buffer += (index == 0 ? "\n    " : ",\n    ") + row(index).prettySerialized(depth: 2)
                    if buffer.utf8.count >= 64 * 1024 {
                        write(buffer)
                        buffer = ""
                    }
                }
                if count > 0 { buffer += "\n  ]" }
            }
        }
        write(buffer + "\n}\n")
    }

    /// `tokens`: from sessions.jsonl, per period and model and per project.
    private static func tokens(_ report: Report) -> JSONValue {
        let periods = report.tokens.map {
            JSONValue.object([("period", .string($0.period)), ("model", .string($0.model))] + tokens($0.tokens))
        }
        let projects = report.projectTokens.map {
            JSONValue.object(
                [("project", .string($0.project)), ("sessions", .int($0.sessions)), ("requests", .int($0.requests))]
                    + tokens($0.tokens))
        }
        return .object([("by_period_and_model", .array(periods)), ("by_project", .array(projects))])
    }

    private static func tokens(_ tokens: SessionTokens) -> [(String, JSONValue)] {
        [
            ("input", .int(tokens.input)), ("output", .int(tokens.output)), ("cache_read", .int(tokens.cacheRead)),
            ("cache_creation", .int(tokens.cacheCreation)), ("total", .int(tokens.total)),
        ]
    }

    private static func window(_ key: Report.WindowKey) -> [(String, JSONValue)] {
        key.label.isEmpty
            ? [("window", .string(key.name))] : [("label", .string(key.label)), ("window", .string(key.name))]
    }

    private static func labelled(_ label: String) -> [(String, JSONValue)] {
        label.isEmpty ? [] : [("label", .string(label))]
    }

    private static func now(_ entry: Report.NowEntry) -> JSONValue {
        .object(
            window(entry.window) + [
                ("used_percent", number(entry.usedPercent)), ("at", time(entry.at)), ("source", .string(entry.source)),
                ("resets_at", time(entry.resetsAt)), ("pace_delta", number(entry.paceDelta)),
            ])
    }

    private static func cycle(_ cycle: Report.Cycle) -> JSONValue {
        .object(
            window(cycle.window) + [
                ("start", time(cycle.start)), ("reset", time(cycle.reset)),
                ("peak_percent", number(cycle.peakPercent)), ("unused_percent", number(cycle.unusedPercent)),
                ("first_80", time(cycle.first80)), ("first_95", time(cycle.first95)),
                ("first_100", time(cycle.first100)), ("minutes_at_100", number(cycle.minutesAt100)),
                ("samples", .int(cycle.samples)), ("coverage", number(cycle.coverage, places: 3)),
                ("source", .string(cycle.source)), ("current", .bool(cycle.isCurrent)),
            ])
    }

    private static func usage(_ usage: Report.PeriodUsage) -> JSONValue {
        .object(
            [("period", .string(usage.period))] + window(usage.window) + [
                ("peak_percent", number(usage.peakPercent)), ("mean_percent", number(usage.meanPercent)),
                ("samples", .int(usage.samples)),
                ("minutes_at_or_above_80", number(usage.minutesAtOrAbove80)),
                ("limit_hits", .int(usage.limitHits)),
            ])
    }

    private static func errors(_ errors: Report.PeriodErrors) -> JSONValue {
        .object([("period", .string(errors.period)), ("type", .string(errors.type)), ("count", .int(errors.count))])
    }

    private static func forecast(_ forecast: Report.Forecast) -> JSONValue {
        .object(
            window(forecast.window) + [
                ("used_percent", number(forecast.usedPercent)), ("at", time(forecast.at)),
                ("resets_at", time(forecast.resetsAt)), ("even_pace_percent", number(forecast.evenPacePercent)),
                ("pace_delta", number(forecast.paceDelta)),
                (
                    "recent",
                    .object([
                        ("rate_per_hour", number(forecast.recentRatePerHour)),
                        ("reaches_100_at", time(forecast.recentHits100At)),
                        ("samples", .int(forecast.recentSamples)), ("hours", number(forecast.recentHours)),
                    ])
                ),
                (
                    "history",
                    .object([
                        ("reaches_100_at", time(forecast.historyHits100At)),
                        ("percent_at_reset", number(forecast.historyPercentAtReset)),
                        ("cycles", .int(forecast.historyCycles)),
                    ])
                ),
            ])
    }

    private static func hit(_ hit: Report.LimitHit) -> JSONValue {
        .object(
            (hit.window.map(window) ?? [("window", .null)]) + [
                ("at", time(hit.at)), ("resets_at", time(hit.resetsAt)),
                ("minutes_to_reset", number(hit.resetsAt.map { max(0, ($0 - hit.at) / 60).rounded() })),
                ("kind", .string(hit.kind)), ("used_percent", number(hit.usedPercent)),
                ("message", .from(hit.message)),
            ])
    }

    private static func version(_ span: Report.VersionSpan) -> JSONValue {
        .object(
            labelled(span.label) + [
                ("version", .string(span.version)), ("first_seen", time(span.firstSeen)),
                ("last_seen", time(span.lastSeen)), ("records", .int(span.records)),
            ])
    }

    private static func change(_ change: Report.Change) -> JSONValue {
        .object(
            labelled(change.label) + [
                ("at", time(change.at)), ("field", .string(change.field)), ("from", .from(change.from)),
                ("to", .from(change.to)),
            ])
    }

    private static func diagnostic(_ span: Report.DiagnosticSpan) -> JSONValue {
        .object(
            labelled(span.label) + [
                ("type", .string(span.type)), ("severity", .string(span.severity)), ("message", .string(span.message)),
                ("first_seen", time(span.firstSeen)), ("last_seen", time(span.lastSeen)),
                ("times_seen", .int(span.timesSeen)), ("active", .bool(span.resolvedAt == nil)),
                ("resolved_at", time(span.resolvedAt)),
                (
                    "active_periods",
                    .array(span.periods.map { .object([("from", time($0.from)), ("to", time($0.to))]) })
                ),
            ])
    }

    private static func digest(_ period: Report.DiagnosticsPeriod) -> JSONValue {
        .object([
            ("period", .string(period.period)), ("appeared", .array(period.appeared.map(JSONValue.string))),
            ("resolved", .array(period.resolved.map(JSONValue.string))),
            ("still_open", .array(period.stillOpen.map(JSONValue.string))),
        ])
    }

    static func time(_ seconds: Double?) -> JSONValue {
        .from(seconds.map { Timestamp.string(from: Date(timeIntervalSince1970: $0)) })
    }

    static func number(_ value: Double?, places: Int = 1) -> JSONValue {
        guard let value, value.isFinite else { return .null }
        let scale = pow(10, Double(places))
        return .from((value * scale).rounded() / scale)
    }
}
