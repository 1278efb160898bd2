/// What part of the report to show: `usage-logger report [SECTION]`. `all` is every part in the terminal and in
/// Markdown; CSV, being one table, shows the usage per period unless a section is named. `tokens` (from
/// `sessions.jsonl`) is part of `all` once the hooks have written a row.
public enum ReportSection: String, Sendable, CaseIterable {
    case all, now, cycles, usage, forecast, hits, errors, tokens, health, diagnostics
}
