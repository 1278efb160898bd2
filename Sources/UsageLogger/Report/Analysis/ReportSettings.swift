import Foundation

/// What shapes a report besides the records: the time zone periods and hours-of-week are counted in, the period
/// unit, the window filter, the range and the moment taken as now.
public struct ReportSettings: Sendable {
    public var timeZone: TimeZone
    public var period: ReportPeriod
    /// `--window`: a case-insensitive part of the window's name; nil for every window.
    public var windowFilter: String?
    public var since: Double?
    public var until: Double?
    /// Now, for the current cycle, pace and forecasts (the end of the range when `--until` is given).
    public var now: Double

    public init(
        timeZone: TimeZone, period: ReportPeriod = .day, windowFilter: String? = nil, since: Double? = nil,
        until: Double? = nil, now: Double
    ) {
        self.timeZone = timeZone
        self.period = period
        self.windowFilter = windowFilter
        self.since = since
        self.until = until
        self.now = now
    }

    /// `--window`: whether a window's name contains `filter`, in any case (and without regard to accents), the one
    /// rule for the report's windows, its "unknown window" check and `export`.
    public static func window(_ name: String, matches filter: String) -> Bool {
        name.range(of: filter, options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }
}
