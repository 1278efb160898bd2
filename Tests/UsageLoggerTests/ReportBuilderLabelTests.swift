import Foundation
import Testing

@testable import UsageLogger

/// Several log directories, windows of unknown length, and cycles fed by both sources.
@Suite("Report builder: labels and sources")
struct ReportBuilderLabelTests {
    typealias F = ReportFixture
    let t0 = ReportFixture.monday

    @Test("the same window from two labelled directories makes two histories; versions per label")
    func labels() {
        let reset = t0 + 5 * F.hour
        let samples: [ReportSample] = [
            F.usage(t0, F.session, 10, resetsAt: reset, label: "laptop"),
            F.usage(t0, F.session, 50, resetsAt: reset, label: "desktop"),
            .status(StatusReading(time: t0, label: "laptop", version: "2.1.300", model: nil, account: nil)),
            .status(StatusReading(time: t0, label: "desktop", version: "2.1.300", model: nil, account: nil)),
        ]
        let report = F.build(samples, now: t0 + F.hour)
        #expect(report.cycles.map(\.window.title) == ["desktop: Current session", "laptop: Current session"])
        #expect(report.cycles.map(\.peakPercent) == [50, 10])
        #expect(report.now.map(\.paceDelta) == [30, -10])
        #expect(report.versions.map(\.label) == ["desktop", "laptop"])
        #expect(report.windowsSeen == [F.session])
    }

    @Test("a window of unknown length learns it from successive resets; both sources make a mixed cycle")
    func inferredLengthAndMixedSource() throws {
        let name = "Monthly pool"
        let samples: [ReportSample] = [
            F.usage(t0, name, 10, resetsAt: t0 + F.day, source: "command"),
            F.usage(t0 + F.hour, name, 12, resetsAt: t0 + F.day),
            F.usage(t0 + F.day, name, 1, resetsAt: t0 + 4 * F.day, source: "command"),
            F.usage(t0 + 4 * F.day, name, 2, resetsAt: t0 + 7 * F.day, source: "command"),
        ]
        let report = F.build(samples, now: t0 + 5 * F.day)
        #expect(report.cycles.map(\.start) == [t0, t0 + F.day, t0 + 4 * F.day])
        #expect(report.cycles.map(\.source) == ["mixed", "command", "command"])
        let forecast = try #require(report.forecasts.first)
        #expect(F.close(forecast.evenPacePercent, 100.0 / 3))
    }
}
