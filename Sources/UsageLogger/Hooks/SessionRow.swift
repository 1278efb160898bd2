import Foundation

/// One line of `sessions.jsonl`: what one Claude Code session (or the part of it since its last row) used.
/// `{timestamp, session_id, cwd, version, started_at, ended_at, end_reason, models, requests, tokens{input,
/// output, cache_read, cache_creation, total}, tokens_by_model, cost_usd, cost_source, limit_hits}`.
struct SessionRow {
    var sessionID: String
    var cwd: String?
    var endReason: String
    /// When the session ended: the hook's time, or the transcript's last line for a session that never ended.
    var endedAt: Date?
    var tally: TranscriptTally
    /// Claude Code's own figure (`cost.total_cost_usd` of the statusline's last input for the session).
    var costUSD: Double?
    var limitHits: Int

    func json(at now: Date) -> JSONValue {
        let byModel = tally.tokensByModel
        return .object([
            ("timestamp", .string(Timestamp.string(from: now))),
            ("session_id", .string(sessionID)),
            ("cwd", .from(cwd ?? tally.cwd)),
            ("version", .from(tally.version)),
            ("started_at", .from(tally.firstTime.map { Timestamp.string(from: Date(timeIntervalSince1970: $0)) })),
            (
                "ended_at",
                .from((endedAt ?? tally.lastTime.map(Date.init(timeIntervalSince1970:))).map(Timestamp.string(from:)))
            ),
            ("end_reason", .string(endReason)),
            ("models", .array(byModel.keys.sorted().map(JSONValue.string))),
            ("requests", .int(tally.requests)),
            ("tokens", tally.tokens.json),
            (
                "tokens_by_model",
                .object(byModel.keys.sorted().map { ($0, byModel[$0, default: SessionTokens()].json) })
            ),
            // Claude Code's figure is a sum of floats: a millionth of a dollar is as exact as it means.
            ("cost_usd", .from(costUSD.map { ($0 * 1_000_000).rounded() / 1_000_000 })),
            ("cost_source", costUSD == nil ? .null : .string("claude_code")),
            ("limit_hits", .int(limitHits)),
        ])
    }
}
