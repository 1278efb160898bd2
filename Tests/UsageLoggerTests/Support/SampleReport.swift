import Foundation

@testable import UsageLogger

/// A small report made in code, for the renderers' tests: two windows, two cycles each, a hit, a forecast,
/// versions, a change and two warnings; times fixed in November 2026.
enum SampleReport {
    static let start = 1_795_996_800.0  // 2026-11-30T00:00:00Z

    static func make() -> Report {
        var report = Report(generatedAt: start + 12 * 3600, timeZone: "UTC", period: .day)
        report.firstRecord = start - 86_400
        report.lastRecord = start + 12 * 3600 - 60
        let session = Report.WindowKey(name: "Current session")
        let week = Report.WindowKey(name: "Current week (all models)")
        report.now = [
            .init(
                window: session, usedPercent: 42, at: start + 12 * 3600 - 60, source: "statusline",
                resetsAt: start + 14 * 3600, paceDelta: 2),
            .init(
                window: week, usedPercent: 97, at: start + 12 * 3600 - 120, source: "command",
                resetsAt: start + 3 * 86_400, paceDelta: 40.5),
        ]
        report.cycles = [
            .init(
                window: session, start: start + 4 * 3600, reset: start + 9 * 3600, peakPercent: 100, unusedPercent: 0,
                first80: start + 6 * 3600, first95: start + 7 * 3600, first100: start + 8 * 3600, minutesAt100: 60,
                samples: 300, coverage: 1, source: "command", isCurrent: false),
            .init(
                window: session, start: start + 9 * 3600, reset: start + 14 * 3600, peakPercent: 42,
                unusedPercent: nil, first80: nil, first95: nil, first100: nil, minutesAt100: 0, samples: 180,
                coverage: 0.6, source: "mixed", isCurrent: true),
        ]
        report.usage = [
            .init(
                period: "2026-11-29", periodStart: start - 86_400, window: session, peakPercent: 55, meanPercent: 20.25,
                samples: 1_440, minutesAtOrAbove80: 0, limitHits: 0),
            .init(
                period: "2026-11-30", periodStart: start, window: session, peakPercent: 100, meanPercent: 48,
                samples: 720, minutesAtOrAbove80: 150, limitHits: 1),
            .init(
                period: "2026-11-30", periodStart: start, window: week, peakPercent: 97, meanPercent: 96,
                samples: 720, minutesAtOrAbove80: 720, limitHits: 0),
        ]
        report.errors = [.init(period: "2026-11-30", periodStart: start, type: "rate_limit_error", count: 3)]
        report.forecasts = [
            .init(
                window: week, usedPercent: 97, at: start + 12 * 3600 - 120, resetsAt: start + 3 * 86_400,
                evenPacePercent: 56.5, paceDelta: 40.5, recentRatePerHour: 0.5, recentHits100At: start + 18 * 3600,
                recentSamples: 1_440, recentHours: 24, historyHits100At: nil, historyPercentAtReset: 99,
                historyCycles: 3)
        ]
        report.limitHits = [
            .init(window: session, at: start + 8 * 3600, resetsAt: start + 9 * 3600, kind: "window", message: nil)
        ]
        report.versions = [
            .init(label: "", version: "2.1.330", firstSeen: start - 86_400, lastSeen: start, records: 24),
            .init(label: "", version: "2.1.332", firstSeen: start + 3600, lastSeen: start + 11 * 3600, records: 11),
        ]
        report.changes = [.init(label: "", at: start + 3600, field: "model", from: "Opus 4.6", to: "Sonnet 4.6")]
        report.diagnostics = [
            .init(
                label: "", type: "config_mismatch", severity: "warning",
                message: "Running native installation but config install method is 'not set'",
                firstSeen: start - 86_400, lastSeen: start + 11 * 3600, timesSeen: 1, resolvedAt: nil),
            .init(
                label: "", type: "path", severity: "warning", message: "claude command at <x> | \"y\", missing",
                firstSeen: start - 80_000, lastSeen: start - 40_000, timesSeen: 2, resolvedAt: start - 40_000),
        ]
        report.diagnosticsDigest = [
            .init(
                period: "2026-W48", periodStart: start - 86_400,
                appeared: ["config_mismatch: Running native installation but config install method is 'not set'"],
                resolved: [],
                stillOpen: ["config_mismatch: Running native installation but config install method is 'not set'"])
        ]
        report.healthScore = 0.875
        report.linesRead = 2_200
        report.skippedLines = 2
        return report
    }
}
