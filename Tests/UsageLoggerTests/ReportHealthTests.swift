import Foundation
import Testing

@testable import UsageLogger

/// Versions, model and account changes, the diagnostics spans, their weekly digest and the health score.
@Suite("Report health")
struct ReportHealthTests {
    typealias F = ReportFixture
    let t0 = ReportFixture.monday

    func status(
        _ time: Double, _ version: String?, _ model: String?, _ account: String?, failed: Bool = false
    ) -> ReportSample {
        .status(StatusReading(time: time, version: version, model: model, account: account, failed: failed))
    }

    func diagnostic(
        _ time: Double, _ message: String, _ event: DiagnosticReading.Event, severity: String = "warning"
    ) -> ReportSample {
        .diagnostic(
            DiagnosticReading(time: time, type: "path", severity: severity, message: message, event: event))
    }

    /// Day 0 is Monday 2026-03-02 (ISO week 10); the last record is on day 22 (week 13).
    var samples: [ReportSample] {
        [
            status(t0, "2.1.300", "opus", "a@example.com"),
            diagnostic(t0 + 30 * F.minute, "B", .resolved),
            status(t0 + F.day, "2.1.300", nil, "a@example.com"),
            diagnostic(t0 + F.day, "A", .appeared),
            status(t0 + 2 * F.day, nil, "haiku", nil, failed: true),
            diagnostic(t0 + 2 * F.day, "A", .resolved),
            status(t0 + 2 * F.day + F.hour, "2.1.301", "sonnet", "a@example.com"),
            diagnostic(t0 + 3 * F.day, "C", .appeared, severity: "info"),
            diagnostic(t0 + 15 * F.day, "A", .appeared),
            diagnostic(t0 + 16 * F.day, "A", .appeared),
            status(t0 + 22 * F.day, "2.1.301", "sonnet", "b@example.com"),
        ]
    }

    @Test("versions with first and last sighting; model and account changes skip failed and silent records")
    func versionsAndChanges() {
        let report = F.build(samples, now: t0 + 22 * F.day)
        #expect(report.versions.map(\.version) == ["2.1.300", "2.1.301"])
        #expect(report.versions.map(\.firstSeen) == [t0, t0 + 2 * F.day + F.hour])
        #expect(report.versions.map(\.lastSeen) == [t0 + F.day, t0 + 22 * F.day])
        #expect(report.versions.map(\.records) == [2, 2])
        #expect(report.changes.map(\.field) == ["model", "account"])
        #expect(report.changes.map(\.at) == [t0 + 2 * F.day + F.hour, t0 + 22 * F.day])
        #expect(report.changes.map(\.from) == ["opus", "a@example.com"])
        #expect(report.changes.map(\.to) == ["sonnet", "b@example.com"])
    }

    @Test("diagnostics spans: first and last seen, times appeared, resolved; one resolved before the range")
    func spans() throws {
        let report = F.build(samples, now: t0 + 22 * F.day)
        #expect(report.diagnostics.map(\.message) == ["B", "A", "C"])
        let b = report.diagnostics[0]
        #expect(b.firstSeen == t0 && b.lastSeen == t0 + 30 * F.minute && b.resolvedAt == t0 + 30 * F.minute)
        #expect(b.timesSeen == 1)
        let a = report.diagnostics[1]
        #expect(a.firstSeen == t0 + F.day && a.lastSeen == t0 + 22 * F.day && a.resolvedAt == nil)
        #expect(a.timesSeen == 2)
        let c = report.diagnostics[2]
        #expect(c.severity == "info" && c.lastSeen == t0 + 22 * F.day && c.timesSeen == 1)
    }

    @Test("a weekly digest of what appeared, was resolved and is still open, quiet weeks included")
    func weeklyDigest() {
        let report = F.build(samples, now: t0 + 22 * F.day, period: .week)
        let digest = report.diagnosticsDigest
        #expect(digest.map(\.period) == ["2026-W10", "2026-W11", "2026-W12", "2026-W13"])
        #expect(digest.map(\.appeared) == [["A", "C"], [], ["A"], []])
        #expect(digest.map(\.resolved) == [["B", "A"], [], [], []])
        #expect(digest.map(\.stillOpen) == [["C"], ["C"], ["A", "C"], ["A", "C"]])
        #expect(digest.map(\.periodStart) == [t0, t0 + 7 * F.day, t0 + 14 * F.day, t0 + 21 * F.day])
    }

    @Test("health: the share of the range with no active warning (info does not count); nil with nothing to go on")
    func healthScore() {
        let report = F.build(samples, now: t0 + 22 * F.day)
        // B until 00:30 on day 0 (active since the range's start), A on day 1, A again from day 15: 8 days 30 min.
        let unhealthy = 8 * F.day + 30 * F.minute
        #expect(report.healthScore == 1 - unhealthy / (22 * F.day))
        let since = F.build(samples, now: t0 + 22 * F.day, since: t0 - 2 * F.day, until: t0 + 23 * F.day)
        #expect(since.healthScore == 1 - (unhealthy + 2 * F.day + F.day) / (25 * F.day))
        #expect(F.build([F.usage(t0, F.session, 1)], now: t0).healthScore == nil)
        #expect(F.build([status(t0, "2.1.300", nil, nil)], now: t0).healthScore == 1)
    }

    @Test("a warning that went away and came back keeps its gap: two active periods, and the gap counts as healthy")
    func recurringWarning() {
        let report = F.build(
            [
                status(t0, "2.1.300", nil, nil),
                diagnostic(t0 + F.day, "A", .appeared),
                diagnostic(t0 + 2 * F.day, "A", .resolved),
                diagnostic(t0 + 5 * F.day, "A", .appeared),
                status(t0 + 10 * F.day, "2.1.300", nil, nil),
            ], now: t0 + 10 * F.day)
        let span = report.diagnostics.first
        #expect(span?.periods == [.init(from: t0 + F.day, to: t0 + 2 * F.day), .init(from: t0 + 5 * F.day, to: nil)])
        #expect(span?.timesSeen == 2)
        #expect(F.close(report.healthScore, 1 - 6.0 / 10))
    }

    @Test("with --since, a warning that appeared before the range and is still open is active from its start")
    func carriedIn() {
        var builder = ReportBuilder(
            settings: ReportSettings(timeZone: .gmt, since: t0 + 10 * F.day, now: t0 + 20 * F.day))
        builder.carryIn(DiagnosticReading(time: t0, type: "path", severity: "warning", message: "A", event: .appeared))
        builder.carryIn(DiagnosticReading(time: t0, type: "path", severity: "warning", message: "B", event: .appeared))
        builder.carryIn(
            DiagnosticReading(time: t0 + F.day, type: "path", severity: "warning", message: "B", event: .resolved))
        builder.add(status(t0 + 12 * F.day, "2.1.300", nil, nil))
        builder.add(diagnostic(t0 + 15 * F.day, "A", .resolved))
        let report = builder.finish(summary: ReadSummary(linesRead: 2))
        #expect(report.diagnostics.count == 1)
        #expect(report.diagnostics.first?.firstSeen == t0)
        #expect(report.diagnostics.first?.periods == [.init(from: t0 + 10 * F.day, to: t0 + 15 * F.day)])
        #expect(report.healthScore.map { $0 < 1 } == true)
        #expect(report.diagnosticsDigest.first?.stillOpen.isEmpty == false)
    }
}
