/// The report's tokens from `sessions.jsonl`: per period and model (a session counts in the period it ended in),
/// and per project (the session's working directory) over the whole range.
struct TokenTable: Sendable {
    private struct Key: Hashable {
        var start: Double
        var model: String
    }

    private var byPeriod: [Key: SessionTokens] = [:]
    private var periodKeys: [Double: String] = [:]
    private var byProject: [String: (sessions: Int, requests: Int, tokens: SessionTokens)] = [:]
    private var calendar: PeriodCalendar

    init(calendar: PeriodCalendar) { self.calendar = calendar }

    mutating func add(_ reading: SessionRowReader.SessionReading) {
        let slot = calendar.slot(containing: reading.time)
        periodKeys[slot.start] = slot.key
        var total = SessionTokens()
        for (model, tokens) in reading.tokensByModel {
            byPeriod[Key(start: slot.start, model: model), default: SessionTokens()] =
                byPeriod[Key(start: slot.start, model: model), default: SessionTokens()] + tokens
            total = total + tokens
        }
        let project = (reading.label.isEmpty ? "" : reading.label + ": ") + (reading.cwd ?? "unknown")
        var entry = byProject[project] ?? (0, 0, SessionTokens())
        entry.sessions += 1
        entry.requests += reading.requests
        entry.tokens = entry.tokens + total
        byProject[project] = entry
    }

    func periods() -> [Report.PeriodTokens] {
        byPeriod.map { key, tokens in
            Report.PeriodTokens(
                period: periodKeys[key.start] ?? "", periodStart: key.start, model: key.model, tokens: tokens)
        }
        .sorted { ($0.periodStart, $0.model) < ($1.periodStart, $1.model) }
    }

    /// Projects, most tokens first.
    func projects() -> [Report.ProjectTokens] {
        byProject.map { project, entry in
            Report.ProjectTokens(
                project: project, sessions: entry.sessions, requests: entry.requests, tokens: entry.tokens)
        }
        .sorted { ($0.tokens.total, $1.project) > ($1.tokens.total, $0.project) }
    }
}
