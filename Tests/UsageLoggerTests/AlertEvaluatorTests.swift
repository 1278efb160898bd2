import Foundation
import Testing

@testable import UsageLogger

/// When an alert fires: each threshold once per reset cycle and window, whatever dips, gaps and restarts happen,
/// and a new cycle re-arms; forecasts, limit hits and warnings once each.
@Suite("alert evaluator")
struct AlertEvaluatorTests {
    static let start = 1_795_000_000.0
    static let session = "Current session"
    static let reset = start + 4 * 3600

    static func reading(
        _ minutes: Double, _ percent: Double?, resetsAt: Double? = reset, window: String = session,
        state: String = "ok"
    ) -> ReportSample {
        .usage(
            UsageReading(
                time: start + minutes * 60, source: "statusline", state: state,
                windows: percent.map { [WindowReading(name: window, usedPercent: $0, resetsAt: resetsAt)] } ?? []))
    }

    /// The thresholds each reading alerts, in order (nil where it alerts none).
    static func thresholds(_ samples: [ReportSample], state: AlertState = AlertState()) -> [Double?] {
        var evaluator = AlertEvaluator(state: state, thresholds: [80, 95, 100])
        return samples.map { sample in
            evaluator.add(sample).first { $0.kind == .threshold }?.threshold
        }
    }

    @Test("each threshold once per cycle: a dip and a return, or a window missing from a reading, alert nothing new")
    func oncePerCrossing() {
        let samples = [50, 79, 81, 85, 78, 82, nil, 83, 96, 90, 100, 100].enumerated().map { index, percent in
            Self.reading(Double(index), percent.map(Double.init))
        }
        #expect(Self.thresholds(samples) == [nil, nil, 80, nil, nil, nil, nil, nil, 95, nil, 100, nil])
    }

    @Test("a jump past several thresholds is one alert, for the highest")
    func jump() {
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [80, 95, 100])
        #expect(evaluator.add(Self.reading(0, 40)).isEmpty)
        let events = evaluator.add(Self.reading(1, 100))
        #expect(events.count == 1)
        #expect(events.first?.threshold == 100)
        #expect(events.first?.usedPercent == 100)
        #expect(events.first?.resetsAt == Self.reset)
        #expect(evaluator.add(Self.reading(2, 100)).isEmpty)
    }

    @Test("a new cycle re-arms: a later reset time, a reading after the reset, or a fall only a reset explains")
    func newCycles() {
        let later = Self.reset + 5 * 3600
        #expect(
            Self.thresholds([
                Self.reading(0, 85), Self.reading(60, 5, resetsAt: later), Self.reading(90, 85, resetsAt: later),
            ])
                == [80, nil, 80])
        // The reset time passed: the next reading is a new cycle even without a new reset time.
        #expect(
            Self.thresholds([Self.reading(0, 85), Self.reading(4 * 60 + 5, 85, resetsAt: nil)]) == [80, 80])
        // No reset times at all: 90 → 1 is a reset, 90 → 75 is not.
        #expect(
            Self.thresholds(
                [85, 75, 82, 1, 81].enumerated().map { Self.reading(Double($0), Double($1), resetsAt: nil) })
                == [80, nil, nil, nil, 80])
    }

    @Test("a stale reading (after its own reset) says nothing; windows are independent")
    func staleAndWindows() {
        let week = "Current week (all models)"
        let weekReset = Self.start + 3 * 86_400
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [80])
        #expect(evaluator.add(Self.reading(300, 90, resetsAt: Self.reset)).isEmpty)  // 5 h later: stale
        let events =
            evaluator.add(Self.reading(301, 81, resetsAt: weekReset, window: week))
            + evaluator.add(Self.reading(302, 85, resetsAt: Self.reset + 5 * 3600))
        #expect(events.map(\.window) == [week, Self.session])
    }

    @Test("the forecast alerts once when the recent rate reaches 100 % before the reset, from 50 % on")
    func forecast() {
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [101])
        var forecasts: [AlertEvent] = []
        // 45 % → 75 % in an hour (30 points an hour), reset in 3 hours: 100 % in under an hour.
        for minute in stride(from: 0, through: 60, by: 5) {
            forecasts += evaluator.add(Self.reading(Double(minute), 45 + Double(minute) / 2)).filter {
                $0.kind == .forecast
            }
        }
        #expect(forecasts.count == 1)
        let limitAt = try? #require(forecasts.first?.limitAt)
        #expect(limitAt.map { $0 < Self.reset } == true)
        #expect(forecasts.first?.summary.contains("will reach 100 %") == true)

        // Slow enough to last: no forecast.
        var slow = AlertEvaluator(state: AlertState(), thresholds: [101])
        let slowEvents = stride(from: 0, through: 60, by: 5).flatMap { minute in
            slow.add(Self.reading(Double(minute), 60 + Double(minute) / 60))
        }
        #expect(slowEvents.isEmpty)
    }

    @Test("a limit hit and an appeared warning alert once, even when read again; a resolved warning does not")
    func hitsAndWarnings() {
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [80])
        let hit = Self.reading(1, 100, state: "limited")
        let warning = ReportSample.diagnostic(
            DiagnosticReading(
                time: Self.start, type: "config_mismatch", severity: "warning", message: "Running native",
                event: .appeared))
        let resolved = ReportSample.diagnostic(
            DiagnosticReading(
                time: Self.start + 9, type: "config_mismatch", severity: "warning", message: "Running native",
                event: .resolved))
        let first = evaluator.add(hit) + evaluator.add(warning) + evaluator.add(resolved)
        #expect(first.map(\.kind) == [.limitHit, .diagnostic])
        #expect(first.last?.summary == "Claude Code warning: Running native")
        #expect((evaluator.add(hit) + evaluator.add(warning)).isEmpty)
        // Another refused request of the same cycle (a `claude -p` loop) is not news; one of the next cycle is.
        #expect(evaluator.add(Self.reading(9, 100, state: "limited")).isEmpty)
        let next = evaluator.add(Self.reading(300, 100, resetsAt: Self.reset + 5 * 3600, state: "limited"))
        #expect(next.map(\.kind) == [.limitHit])
        // Without a window (`claude -p` before any statusline): once an hour.
        var bare = AlertEvaluator(state: AlertState(), thresholds: [80])
        let noWindow = (0..<3).flatMap { minute in bare.add(Self.reading(Double(minute * 20), nil, state: "limited")) }
        #expect(noWindow.count == 1)
        #expect(noWindow.first?.summary == "Claude Code refused a request: limit reached")
    }

    @Test("a window at 100 % says its limit is reached")
    func atLimit() {
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [80, 100])
        #expect(
            evaluator.add(Self.reading(0, 100)).first?.summary.hasPrefix(
                "Current session is at 100 %: its limit is reached") == true)
    }

    @Test("what is remembered survives a restart: the state read back from its JSON alerts nothing again")
    func restart() throws {
        var evaluator = AlertEvaluator(state: AlertState(), thresholds: [80, 95])
        _ = evaluator.add(
            .status(StatusReading(time: Self.start, version: "2.1.332", model: nil, account: "me@example.com")))
        let events = evaluator.add(Self.reading(0, 96))
        #expect(events.first?.account == "me@example.com")
        let saved = try JSONParser.parse(Array(evaluator.state.json.serialized().utf8))
        let restored = AlertState(json: saved)
        #expect(restored == evaluator.state)
        #expect(Self.thresholds([Self.reading(1, 97)], state: restored) == [nil])
    }
}
