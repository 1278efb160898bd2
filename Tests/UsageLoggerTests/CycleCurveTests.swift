import Foundation
import Testing

@testable import UsageLogger

/// The curve each cycle keeps for the page's charts: bounded whatever the sampling, peaks and the climb kept, and
/// only for the latest cycles, so a year of history costs what a month does.
@Suite("Cycle curves")
struct CycleCurveTests {
    typealias F = ReportFixture

    /// `cycles` 5-hour cycles sampled every `every` seconds, each climbing to 100 % in its fourth hour.
    private func samples(cycles: Int, every: Double) -> [ReportSample] {
        var samples: [ReportSample] = []
        for cycle in 0..<cycles {
            let start = F.monday + Double(cycle) * 5 * F.hour
            var time = start
            while time < start + 5 * F.hour {
                let percent = min(100, (time - start) / (4 * F.hour) * 100)
                samples.append(F.usage(time, F.session, percent.rounded(), resetsAt: start + 5 * F.hour))
                time += every
            }
        }
        return samples
    }

    @Test("a cycle read every second keeps a bounded curve that still climbs to its peak")
    func bounded() {
        let report = F.build(samples(cycles: 2, every: 1), now: F.monday + 9 * F.hour)
        #expect(report.cycles.count == 2)
        for cycle in report.cycles {
            #expect(cycle.curve.count > 20)
            #expect(cycle.curve.count <= CycleAccumulator.maximumCurvePoints * 2)
            #expect(cycle.curve.map(\.percent).max() == 100)
            #expect(zip(cycle.curve, cycle.curve.dropFirst()).allSatisfy { $0.at < $1.at })
        }
    }

    @Test("only the latest cycles keep a curve")
    func latestOnly() {
        let count = CycleTracker.cyclesWithCurves + 10
        let report = F.build(
            samples(cycles: count, every: 600), now: F.monday + Double(count) * 5 * F.hour - F.hour)
        #expect(report.cycles.count == count)
        #expect(report.cycles.prefix(9).allSatisfy { $0.curve.isEmpty })
        #expect(report.cycles.suffix(CycleTracker.cyclesWithCurves).allSatisfy { !$0.curve.isEmpty })
    }
}
