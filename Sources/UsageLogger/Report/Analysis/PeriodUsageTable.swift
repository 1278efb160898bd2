/// Usage per period and window, as running sums: peak, mean, samples, time at or above 80 % and limit hits.
/// Rows are kept in the order they appear (time order), with an index to find a period again after a small
/// disorder in the samples.
struct PeriodUsageTable: Sendable {
    private struct Slot: Hashable {
        var start: Double
        var window: Int
    }

    private struct Row {
        var slot: PeriodCalendar.Slot
        var window: Int
        var peak: Double
        var sum = 0.0
        var samples = 0
        var secondsAtOrAbove80 = 0.0
        var limitHits = 0
    }

    private var rows: [Row] = []
    private var index: [Slot: Int] = [:]
    /// Per window number (they count from 0): its row for the latest period, and its previous reading.
    private var currentRow: [Int] = []
    private var previous: [(time: Double, percent: Double, row: Int)?] = []

    /// Adds a reading of window number `window`; `cap` is the longest gap between two readings that counts.
    mutating func add(
        window: Int, period: PeriodCalendar.Slot, time: Double, percent: Double, cap: Double, limitHit: Bool
    ) {
        track(window)
        let row = row(window: window, period: period, percent: percent)
        rows[row].peak = max(rows[row].peak, percent)
        rows[row].sum += percent
        rows[row].samples += 1
        if limitHit { rows[row].limitHits += 1 }
        if let before = previous[window] {
            let gap = max(time - before.time, 0)
            if gap <= cap {
                if before.percent >= 80, percent >= 80 { rows[row].secondsAtOrAbove80 += gap }
            } else if before.percent >= 80 {
                // After a gap (the machine asleep) only the time just after the earlier reading counts, and on its
                // own period's row: nothing is known of the rest, and nothing is credited backwards.
                rows[before.row].secondsAtOrAbove80 += cap
            }
            if time < before.time { return }
        }
        previous[window] = (time, percent, row)
    }

    /// A limit hit that came with no reading of its own (a refused request): its period's row counts it.
    mutating func addHit(window: Int, period: PeriodCalendar.Slot, percent: Double?) {
        track(window)
        let row = row(window: window, period: period, percent: percent ?? 0)
        rows[row].limitHits += 1
    }

    /// Makes room for window number `window` (they count from 0, in the order first seen).
    private mutating func track(_ window: Int) {
        while currentRow.count <= window {
            currentRow.append(-1)
            previous.append(nil)
        }
    }

    private mutating func row(window: Int, period: PeriodCalendar.Slot, percent: Double) -> Int {
        let row = currentRow[window]
        if row >= 0, rows[row].slot.start == period.start { return row }
        let slot = Slot(start: period.start, window: window)
        if let row = index[slot] {
            currentRow[window] = row
            return row
        }
        rows.append(Row(slot: period, window: window, peak: percent))
        index[slot] = rows.count - 1
        currentRow[window] = rows.count - 1
        return rows.count - 1
    }

    /// The rows by period, then window (`keys` gives each window number its key).
    func usage(keys: [Report.WindowKey]) -> [Report.PeriodUsage] {
        var usage = rows.map { row in
            Report.PeriodUsage(
                period: row.slot.key, periodStart: row.slot.start, window: keys[row.window], peakPercent: row.peak,
                meanPercent: row.samples > 0 ? row.sum / Double(row.samples) : 0, samples: row.samples,
                minutesAtOrAbove80: row.secondsAtOrAbove80 / 60, limitHits: row.limitHits)
        }
        usage.sort { ($0.periodStart, $0.window) < ($1.periodStart, $1.window) }
        return usage
    }
}
