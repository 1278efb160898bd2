import Foundation

/// The unit `--by` groups by, and how a period is named: its start in the report's time zone (`2026-03-01`,
/// `2026-03-01T14`, `2026-W09` for the ISO week, `2026-03`).
public enum ReportPeriod: String, Sendable, CaseIterable {
    case hour, day, week, month
}
