/// What part of the report to show: `usage-logger report [SECTION]`. `all` is every part in the terminal and in
/// Markdown; CSV, being one table, shows the usage per period unless a section is named.
public enum ReportSection: String, Sendable, CaseIterable {
    case all, now, cycles, usage, forecast, hits, errors, health, diagnostics
}
