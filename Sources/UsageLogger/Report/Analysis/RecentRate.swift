/// The current cycle's recent readings (the last `horizon` seconds: about 2 hours for the 5-hour window, a day for
/// the weekly ones) and the least-squares rate through them, in points per hour. Bounded: a day of per-minute
/// readings at most.
struct RecentRate: Sendable {
    struct Estimate: Sendable, Equatable {
        var perHour: Double?
        var samples: Int
        var hours: Double
    }

    let horizon: Double
    private var times: [Double] = []
    private var values: [Double] = []
    private var head = 0

    init(horizon: Double) {
        self.horizon = horizon
    }

    mutating func add(time: Double, percent: Double) {
        times.append(time)
        values.append(percent)
        let latest = times[times.count - 1]
        while head < times.count, times[head] < latest - horizon { head += 1 }
        // Drop what fell out of the horizon now and then, not at every sample.
        if head > 1024, head * 2 > times.count {
            times.removeFirst(head)
            values.removeFirst(head)
            head = 0
        }
    }

    mutating func reset() {
        times.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
        head = 0
    }

    /// The slope of the least-squares line through the readings of the horizon; nil with fewer than two readings
    /// or no time between them.
    func estimate() -> Estimate {
        guard let latest = times.last else { return Estimate(perHour: nil, samples: 0, hours: 0) }
        var count = 0.0
        var sumT = 0.0
        var sumP = 0.0
        var sumTT = 0.0
        var sumTP = 0.0
        var earliest = latest
        for index in head..<times.count where times[index] >= latest - horizon {
            // Relative to the latest reading, in hours: keeps the sums small and exact enough.
            let t = (times[index] - latest) / 3600
            let p = values[index]
            count += 1
            sumT += t
            sumP += p
            sumTT += t * t
            sumTP += t * p
            earliest = min(earliest, times[index])
        }
        let hours = (latest - earliest) / 3600
        let denominator = count * sumTT - sumT * sumT
        guard count >= 2, hours > 0, denominator > 0 else {
            return Estimate(perHour: nil, samples: Int(count), hours: hours)
        }
        return Estimate(perHour: (count * sumTP - sumT * sumP) / denominator, samples: Int(count), hours: hours)
    }
}
