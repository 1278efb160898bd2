/// Counts identical lines (same time, same hash) of one log file as they come, to give each its occurrence;
/// forgets times long past, since lines come nearly in time order.
struct OccurrenceCounter {
    private struct Key: Hashable {
        var time: Double
        var hash: Int64
    }

    private var seen: [Key: Int] = [:]
    private var newest = -Double.infinity

    mutating func next(time: Double, hash: Int64) -> Int {
        let key = Key(time: time, hash: hash)
        let occurrence = seen[key, default: 0]
        seen[key] = occurrence + 1
        newest = max(newest, time)
        if seen.count > 100_000 { seen = seen.filter { $0.key.time > newest - 3600 } }
        return occurrence
    }
}
