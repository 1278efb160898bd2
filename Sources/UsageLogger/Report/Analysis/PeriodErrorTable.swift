/// Usage records that brought no numbers, or failed on the way, per period and type: `error` by its error type
/// (`unknown` without one), `loading` and `unavailable` by their state, and a probe that failed after the screen
/// showed something (a timeout: the record keeps what it saw) by its error type, `usage_logger`.
struct PeriodErrorTable: Sendable {
    private struct Slot: Hashable {
        var start: Double
        var type: String
    }

    private var counts: [Slot: Int] = [:]
    private var keys: [Double: String] = [:]

    /// The type a usage record counts under, or nil when it is not an error (`ok`, `limited`, none).
    static func type(state: String?, errorType: String?) -> String? {
        switch state {
        case "error": errorType ?? "unknown"
        case "loading", "unavailable": state
        case "limited": nil  // a limit hit, counted as such
        default: errorType
        }
    }

    mutating func add(type: String, period: PeriodCalendar.Slot) {
        counts[Slot(start: period.start, type: type), default: 0] += 1
        keys[period.start] = period.key
    }

    func errors() -> [Report.PeriodErrors] {
        counts.map { slot, count in
            Report.PeriodErrors(
                period: keys[slot.start] ?? "", periodStart: slot.start, type: slot.type, count: count)
        }
        .sorted { ($0.periodStart, $0.type) < ($1.periodStart, $1.type) }
    }
}
