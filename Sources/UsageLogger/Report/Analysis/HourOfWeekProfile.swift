/// A window's typical rise for each hour of the week, learnt from its past cycles: the history forecast follows it
/// hour by hour, so a Monday-morning rush is expected on Mondays and not over the weekend.
///
/// Each real hour with samples is one observation of its bucket: the rise of the cycle's highest reading during
/// that hour (0 when idle). The current cycle's hours wait in `pending` and join the profile when it ends, so a
/// forecast stands only on finished cycles.
struct HourOfWeekProfile: Sendable {
    /// A rise across a longer gap than this cannot be placed in an hour and is left out.
    static let longestGap: Double = 3600

    private var sums = [Double](repeating: 0, count: HourOfWeekClock.buckets)
    private var counts = [Int](repeating: 0, count: HourOfWeekClock.buckets)
    /// The finished cycles that gave at least one hour.
    private(set) var cycles = 0

    private var pending: [(bucket: Int, rise: Double)] = []
    private var open: (hour: HourOfWeekClock.Hour, rise: Double)?
    private var lastTime: Double?
    private var highest: Double?

    /// Adds a reading of the current cycle.
    mutating func add(time: Double, percent: Double, clock: inout HourOfWeekClock) {
        let hour = clock.hour(containing: time)
        if let open, open.hour.start != hour.start {
            pending.append((open.hour.bucket, open.rise))
            self.open = nil
        }
        var rise = 0.0
        if let lastTime, let highest, time - lastTime <= Self.longestGap {
            rise = max(0, percent - highest)
        }
        if open == nil { open = (hour, 0) }
        open?.rise += rise
        if lastTime.map({ time >= $0 }) ?? true { lastTime = time }
        highest = max(highest ?? percent, percent)
    }

    /// The current cycle ended: its hours join the profile.
    mutating func finishCycle() {
        if let open { pending.append((open.hour.bucket, open.rise)) }
        for hour in pending {
            sums[hour.bucket] += hour.rise
            counts[hour.bucket] += 1
        }
        if !pending.isEmpty { cycles += 1 }
        pending.removeAll(keepingCapacity: true)
        open = nil
        lastTime = nil
        highest = nil
    }

    /// Points per hour expected in `bucket`: the mean of its observations, else the mean over every observed hour
    /// (a bucket never seen says nothing of its own), else nil when nothing was learnt.
    func typicalRise(bucket: Int) -> Double? {
        if counts[bucket] > 0 { return sums[bucket] / Double(counts[bucket]) }
        let count = counts.reduce(0, +)
        return count > 0 ? sums.reduce(0, +) / Double(count) : nil
    }
}
