import Foundation

@testable import UsageLogger

/// Hand-built samples for the report's analysis tests: times in seconds from a Monday, readings by window name.
enum ReportFixture {
    /// 2026-03-02T00:00:00Z, a Monday.
    static let monday: Double = 1_772_409_600
    static let minute: Double = 60
    static let hour: Double = 3600
    static let day: Double = 86_400
    static let session = "Current session"
    static let week = "Current week (all models)"

    static func usage(
        _ time: Double, _ name: String, _ percent: Double?, resetsAt: Double? = nil, source: String = "statusline",
        label: String = ""
    ) -> ReportSample {
        .usage(
            UsageReading(
                time: time, label: label, source: source,
                windows: [WindowReading(name: name, usedPercent: percent, resetsAt: resetsAt)]))
    }

    static func build(
        _ samples: [ReportSample], now: Double, period: ReportPeriod = .day, timeZone: TimeZone = .gmt,
        window: String? = nil, since: Double? = nil, until: Double? = nil
    ) -> Report {
        var builder = ReportBuilder(
            settings: ReportSettings(
                timeZone: timeZone, period: period, windowFilter: window, since: since, until: until, now: now))
        for sample in samples { builder.add(sample) }
        return builder.finish(summary: ReadSummary(linesRead: samples.count, skippedLines: 0))
    }

    /// Whether two numbers agree to within rounding (least squares and hour walks are sums of fractions).
    static func close(_ a: Double?, _ b: Double?, within tolerance: Double = 1e-6) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return abs(a - b) <= tolerance
    }
}
