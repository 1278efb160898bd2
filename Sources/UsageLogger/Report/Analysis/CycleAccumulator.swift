/// The running figures of one reset cycle of one window while its samples come in: what `Report.Cycle` says,
/// without keeping a sample.
struct CycleAccumulator: Sendable {
    /// The cycle's start: its reset minus the window's length when both are known, else where it was first seen.
    var start: Double
    var reset: Double?
    private(set) var peak = 0.0
    private(set) var first80: Double?
    private(set) var first95: Double?
    private(set) var first100: Double?
    private(set) var secondsAt100 = 0.0
    /// Time covered by samples so far: the gaps between them, each up to the spacing cap.
    private(set) var covered = 0.0
    private(set) var samples = 0
    private(set) var source: String?
    private(set) var lastTime: Double?
    private(set) var lastPercent: Double?
    /// The highest reading so far: the hour-of-week shape counts rises above it, so two sources that round
    /// differently (41 % on the screen, 41.7 % from the statusline) do not add up to a climb.
    private(set) var highest: Double?
    /// The cycle's readings for the page's charts, thinned to at most `maximumCurvePoints`: a point is kept when
    /// `curveSpacing` has passed since the last one, and when there are too many every other one goes and the
    /// spacing doubles, so a cycle of any length costs the same.
    private(set) var curve: [Report.CurvePoint] = []
    private var curveSpacing: Double

    static let maximumCurvePoints = 120

    init(start: Double, reset: Double?) {
        self.start = start
        self.reset = reset
        let length = reset.map { $0 - start } ?? 5 * 3600
        curveSpacing = max(length, 60) / Double(Self.maximumCurvePoints)
    }

    /// Adds a reading; `cap` is the longest gap between two samples that still counts as covered.
    mutating func add(time: Double, percent: Double, source: String, cap: Double) {
        if let lastTime, let lastPercent {
            let covered = min(max(time - lastTime, 0), cap)
            self.covered += covered
            if lastPercent >= 100, percent >= 100 { secondsAt100 += covered }
        }
        if samples == 0 || percent > peak { peak = percent }
        if percent >= 80, first80 == nil { first80 = time }
        if percent >= 95, first95 == nil { first95 = time }
        if percent >= 100, first100 == nil { first100 = time }
        samples += 1
        if self.source == nil {
            self.source = source
        } else if self.source != source {
            self.source = "mixed"
        }
        if lastTime.map({ time >= $0 }) ?? true {
            lastTime = time
            lastPercent = percent
        }
        highest = max(highest ?? percent, percent)
        addToCurve(time: time, percent: percent)
    }

    private mutating func addToCurve(time: Double, percent: Double) {
        if let last = curve.last {
            guard time >= last.at else { return }
            // A step up or down within the spacing replaces the last point, so peaks and resets are kept.
            if time - last.at < curveSpacing {
                if percent >= 100 || abs(percent - last.percent) >= 5 {
                    curve.append(.init(at: time, percent: percent))
                } else {
                    return
                }
            } else {
                curve.append(.init(at: time, percent: percent))
            }
        } else {
            curve.append(.init(at: time, percent: percent))
        }
        if curve.count > Self.maximumCurvePoints * 2 {
            curve = curve.enumerated().filter { $0.offset % 2 == 0 || $0.offset == curve.count - 1 }.map(\.element)
            curveSpacing *= 2
        }
    }

    /// The cycle as reported. `end` is its reset for a finished cycle, now for the current one: the last sample
    /// covers up to `end` (within the cap), and the coverage is over `start..<end`.
    func cycle(window: Report.WindowKey, end: Double, cap: Double, isCurrent: Bool) -> Report.Cycle {
        var covered = self.covered
        var secondsAt100 = self.secondsAt100
        if let lastTime {
            let tail = min(max(end - lastTime, 0), cap)
            covered += tail
            if (lastPercent ?? 0) >= 100 { secondsAt100 += tail }
        }
        let length = end - start
        let coverage = length > 0 ? min(1, covered / length) : (samples > 0 ? 1 : 0)
        return Report.Cycle(
            window: window, start: start, reset: reset, peakPercent: peak,
            unusedPercent: isCurrent ? nil : lastPercent.map { max(0, 100 - $0) },
            first80: first80, first95: first95, first100: first100, minutesAt100: secondsAt100 / 60,
            samples: samples, coverage: coverage, source: source ?? "", isCurrent: isCurrent, curve: curve)
    }
}
