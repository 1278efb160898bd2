/// How often a window is read, to tell an ordinary interval between samples from a gap in the data. A gap counts
/// as covered (and, at 100 %, as time at the limit) only up to a cap: twice the usual interval, at least 10 minutes.
///
/// The usual interval is the median of the gaps seen so far, kept as a histogram of whole minutes (constant
/// memory). Until a few gaps are known the cap is the 10-minute floor, so an early long gap is not taken as usual.
struct SampleSpacing: Sendable {
    static let floor: Double = 600
    private static let bins = 181  // 0–179 whole minutes, then "3 hours or more"
    private static let minimumGaps = 8

    private var counts = [Int](repeating: 0, count: bins)
    private var total = 0
    /// Recomputed now and then: the median moves slowly and scanning the bins for every sample would cost.
    private(set) var cap: Double = floor

    mutating func record(gap: Double) {
        let minutes = Int(min(max(gap, 0) / 60, Double(Self.bins - 1)))
        counts[minutes] += 1
        total += 1
        if total >= Self.minimumGaps, total < 64 || total % 256 == 0 {
            cap = max(Self.floor, 2 * Double(medianMinutes() + 1) * 60)
        }
    }

    /// The bin of the median gap (gaps of `n` to `n + 1` minutes are bin `n`).
    private func medianMinutes() -> Int {
        var seen = 0
        for (minutes, count) in counts.enumerated() {
            seen += count
            if 2 * seen >= total { return minutes }
        }
        return Self.bins - 1
    }
}
