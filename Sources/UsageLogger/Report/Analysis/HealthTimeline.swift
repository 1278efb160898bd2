/// The diagnostics timeline in one pass: a span per warning (label, type, message) with when it was first and
/// last known active and how often it appeared; a digest per period of what appeared, was resolved and is still
/// open; and the time with at least one active warning or error (`info` does not count against health).
///
/// A warning resolved without having appeared in the range was active since the range's start; one that appeared
/// before the range and is still open (`carryIn`) is active from the range's start.
struct HealthTimeline: Sendable {
    private struct SpanKey: Hashable {
        var label: String
        var type: String
        var message: String
    }

    private struct DigestRow {
        var slot: PeriodCalendar.Slot
        var appeared: [String] = []
        var resolved: [String] = []
        var stillOpen: [String] = []
    }

    private var calendar: PeriodCalendar
    private var spans: [Report.DiagnosticSpan] = []
    private var index: [SpanKey: Int] = [:]
    /// Active spans, by index; and how many of them count against health.
    private var open: Set<Int> = []
    private var unhealthyOpen = 0
    private var unhealthySince: Double?
    private var unhealthySeconds = 0.0
    private var digest: [DigestRow] = []
    private(set) var seenAny = false
    /// Warnings open before the range begins (`--since`), by key: they are active when it starts.
    private var carried: [SpanKey: (reading: DiagnosticReading, order: Int)] = [:]
    private var carriedCount = 0

    init(calendar: PeriodCalendar) {
        self.calendar = calendar
    }

    /// A diagnostics record from before the range: it only says what is open when the range begins.
    mutating func carryIn(_ reading: DiagnosticReading) {
        let key = SpanKey(label: reading.label, type: reading.type, message: reading.message)
        carried[key] = reading.event == .appeared ? (reading, carriedCount) : nil
        carriedCount += 1
    }

    /// Opens, at `rangeStart`, the warnings carried in from before it (once, before the first record of the range).
    private mutating func openCarried(at rangeStart: Double) {
        guard !carried.isEmpty else { return }
        // In the order they appeared; warnings that appeared together in the order of their record's line (the
        // dictionary's own order changes from run to run).
        let ordered = carried.sorted { first, second in
            (first.value.reading.time, first.value.order) < (second.value.reading.time, second.value.order)
        }
        for (key, entry) in ordered {
            let reading = entry.reading
            index[key] = spans.count
            open.insert(spans.count)
            spans.append(
                Report.DiagnosticSpan(
                    label: reading.label, type: reading.type, severity: reading.severity, message: reading.message,
                    firstSeen: reading.time, lastSeen: rangeStart, timesSeen: 1, resolvedAt: nil,
                    periods: [Report.ActivePeriod(from: rangeStart, to: nil)]))
            if reading.severity != "info" { becameActive(at: rangeStart) }
        }
        seenAny = true
        carried = [:]
        enterDigest(calendar.slot(containing: rangeStart))
    }

    /// Adds a diagnostics record; `rangeStart` is where the report's range begins (`--since`, else the first record).
    mutating func add(_ reading: DiagnosticReading, rangeStart: Double) {
        openCarried(at: rangeStart)
        seenAny = true
        let time = reading.time
        let key = SpanKey(label: reading.label, type: reading.type, message: reading.message)
        let counts = reading.severity != "info"
        let slot = calendar.slot(containing: time)
        enterDigest(slot)
        let title = reading.label.isEmpty ? reading.message : "\(reading.label): \(reading.message)"
        switch reading.event {
        case .appeared:
            if let at = index[key] {
                guard spans[at].resolvedAt != nil else { return }  // said again while active
                spans[at].timesSeen += 1
                spans[at].resolvedAt = nil
                spans[at].lastSeen = time
                spans[at].periods.append(Report.ActivePeriod(from: time, to: nil))
                open.insert(at)
            } else {
                index[key] = spans.count
                open.insert(spans.count)
                spans.append(
                    Report.DiagnosticSpan(
                        label: reading.label, type: reading.type, severity: reading.severity,
                        message: reading.message, firstSeen: time, lastSeen: time, timesSeen: 1, resolvedAt: nil,
                        periods: [Report.ActivePeriod(from: time, to: nil)]))
            }
            digest[digest.count - 1].appeared.append(title)
            if counts { becameActive(at: time) }
        case .resolved:
            if let at = index[key] {
                guard spans[at].resolvedAt == nil else { return }
                spans[at].resolvedAt = time
                spans[at].lastSeen = time
                if !spans[at].periods.isEmpty { spans[at].periods[spans[at].periods.count - 1].to = time }
                open.remove(at)
                if counts { becameInactive(at: time) }
            } else {
                // Active since before the range: all of the range so far had a warning.
                index[key] = spans.count
                spans.append(
                    Report.DiagnosticSpan(
                        label: reading.label, type: reading.type, severity: reading.severity,
                        message: reading.message, firstSeen: rangeStart, lastSeen: time, timesSeen: 1,
                        resolvedAt: time, periods: [Report.ActivePeriod(from: rangeStart, to: time)]))
                if counts {
                    unhealthySeconds = time - rangeStart
                    if unhealthyOpen > 0 { unhealthySince = time }
                }
            }
            digest[digest.count - 1].resolved.append(title)
        }
    }

    private mutating func becameActive(at time: Double) {
        if unhealthyOpen == 0 { unhealthySince = time }
        unhealthyOpen += 1
    }

    private mutating func becameInactive(at time: Double) {
        unhealthyOpen -= 1
        if unhealthyOpen == 0, let since = unhealthySince {
            unhealthySeconds += time - since
            unhealthySince = nil
        }
    }

    /// Makes `slot` the digest's last row: closes the rows before it with what is still open, and adds the quiet
    /// periods between them while something is open.
    private mutating func enterDigest(_ slot: PeriodCalendar.Slot) {
        if let last = digest.last, last.slot.start >= slot.start { return }
        closeDigest(upTo: slot.start)
        digest.append(DigestRow(slot: slot))
    }

    private mutating func closeDigest(upTo end: Double) {
        guard let last = digest.last else { return }
        let stillOpen = openTitles()
        digest[digest.count - 1].stillOpen = stillOpen
        guard !stillOpen.isEmpty else { return }
        var next = calendar.compute(last.slot.end)
        while next.start < end {
            digest.append(DigestRow(slot: next, stillOpen: stillOpen))
            next = calendar.compute(next.end)
        }
    }

    private func openTitles() -> [String] {
        open.sorted().map { spans[$0].label.isEmpty ? spans[$0].message : "\(spans[$0].label): \(spans[$0].message)" }
    }

    /// The spans (still-active ones last seen at `end`), the digest up to `end`, and the health score over
    /// `start..<end`: the share with nothing active that counts.
    mutating func finish(start: Double, end: Double) -> (
        spans: [Report.DiagnosticSpan], digest: [Report.DiagnosticsPeriod], unhealthySeconds: Double
    ) {
        openCarried(at: start)
        if digest.last != nil { closeDigest(upTo: end) }
        var unhealthy = unhealthySeconds
        if unhealthyOpen > 0, let since = unhealthySince { unhealthy += max(0, end - since) }
        let spans = self.spans.map { span in
            var span = span
            if span.resolvedAt == nil { span.lastSeen = max(span.lastSeen, end) }
            return span
        }
        let digest = digest.map {
            Report.DiagnosticsPeriod(
                period: $0.slot.key, periodStart: $0.slot.start, appeared: $0.appeared, resolved: $0.resolved,
                stillOpen: $0.stillOpen)
        }
        return (spans, digest, min(unhealthy, max(0, end - start)))
    }
}
