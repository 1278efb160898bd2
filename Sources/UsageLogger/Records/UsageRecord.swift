/// The `usage.jsonl` record: `{timestamp, session_id, cwd, usage_data{source, state, windows, extra_usage, cost,
/// total_tokens, error, duration_ms}}`. Probes (`source: "command"`) and the statusline (`source: "statusline"`)
/// both build it here.
public enum UsageRecord {
    /// `totalTokens` is given when known from elsewhere than the screen's cost block (the statusline's input);
    /// `signedOut` marks a probe that ran signed out while the statusline shows plan limits (`SignedOutProbe`).
    public static func make(
        _ report: UsageReport, context: RecordContext, rawLines: [String], source: String = "command",
        totalTokens: Int? = nil, durationMs: Int? = nil, error: String? = nil, probe: JSONValue? = nil,
        signedOut: Bool = false
    ) -> JSONValue {
        var data: [(String, JSONValue)] = [
            ("source", .string(source)),
            ("state", .string((report.state ?? .error).rawValue)),
            ("windows", .array(report.windows.map { window(context: context, $0) })),
            ("extra_usage", report.extraUsage.map(extraUsage) ?? .null),
            ("cost", report.cost.map(cost) ?? .null),
            ("total_tokens", .from(totalTokens ?? report.totalTokens)),
            ("error", loadError(report, fallback: error)),
            ("duration_ms", .from(durationMs)),
        ]
        if report.stale { data.append(("stale", .bool(true))) }
        if signedOut {
            data.append(("signed_out", .bool(true)))
            data.append(("message", .string(SignedOutProbe.explanation)))
        } else if report.state == .unavailable, let reason = report.unavailableReason {
            data.append(("message", .string(reason)))
        }
        var members: [(String, JSONValue)] = [
            ("timestamp", .string(Timestamp.string(from: context.timestamp))),
            ("session_id", .from(context.sessionID)),
            ("cwd", .from(context.cwd)),
            ("usage_data", .object(data)),
        ]
        if let probe { members.append(("probe", probe)) }
        if let error { members.append(("error", .string(error))) }
        if error != nil || context.includeRaw || report.recoveredLoosely {
            members.append(("raw", .string(RecordContext.rawText(rawLines))))
        }
        return .object(members)
    }

    private static func window(context: RecordContext, _ window: UsageReport.Window) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("name", .string(window.name)),
            ("used_percent", .from(window.usedPercent)),
            ("resets", .from(window.resets)),
            ("resets_at", .from(window.resetsAt.map(Timestamp.string(from:)))),
        ]
        if window.shownAs != .used { members.append(("shown_as", .string(window.shownAs.rawValue))) }
        if window.recoveredLoosely { members.append(("recovered_loosely", .bool(true))) }
        return .object(members)
    }

    private static func extraUsage(_ extra: UsageReport.ExtraUsage) -> JSONValue {
        .object([
            ("enabled", .from(extra.enabled)), ("used", .from(extra.used)), ("limit", .from(extra.limit)),
            ("used_percent", .from(extra.usedPercent)), ("text", .from(extra.text)),
        ])
    }

    private static func cost(_ cost: UsageReport.Cost) -> JSONValue {
        .object([
            ("total_cost", .from(cost.totalCost)),
            ("total_cost_usd", .from(cost.totalCostUSD)),
            ("api_duration", .from(cost.apiDuration)),
            ("wall_duration", .from(cost.wallDuration)),
            ("code_changes", .from(cost.codeChanges)),
            ("tokens", cost.tokens.map(tokens) ?? .null),
            (
                "models",
                .array(
                    cost.models.map {
                        .object([("model", .string($0.model)), ("tokens", tokens($0.tokens)), ("cost", .from($0.cost))])
                    })
            ),
        ])
    }

    private static func tokens(_ counts: UsageReport.TokenCounts) -> JSONValue {
        .object([
            ("input", .int(counts.input)), ("output", .int(counts.output)), ("cache_read", .int(counts.cacheRead)),
            ("cache_write", .int(counts.cacheWrite)),
        ])
    }

    private static func loadError(_ report: UsageReport, fallback: String?) -> JSONValue {
        if let error = report.error, report.state == .error {
            return .object([
                ("type", .from(error.type)), ("message", .from(error.message)), ("code", .from(error.code)),
            ])
        }
        if let fallback, report.state == nil || report.state == .loading {
            return .object([("type", .string("usage_logger")), ("message", .string(fallback)), ("code", .null)])
        }
        return .null
    }
}
