/// When the companion probes what: fixed-rate turns on a monotonic clock, a turn missed while a probe ran is
/// skipped (never made up in a burst), exponential backoff after failures (capped), at least five minutes after
/// a rate limit, and a kind switched off after too many failures in a row. Pure: times go in, times come out.
public struct CompanionSchedule: Sendable, Equatable {
    public struct Slot: Sendable, Equatable {
        public var intervalMs: Int64
        public var nextDueMs: Int64
        public var failures = 0
        public var disabled = false
    }

    public static let backoffCapMs: Int64 = 30 * 60 * 1000
    public static let rateLimitWaitMs: Int64 = 5 * 60 * 1000

    public private(set) var slots: [ProbeKind: Slot]
    public let maximumFailures: Int

    /// Both kinds due at `startMs` (status first: it explains a failing /usage), unless `kinds` says otherwise.
    public init(
        intervals: [ProbeKind: Int], kinds: Set<ProbeKind> = Set(ProbeKind.allCases), startMs: Int64,
        maximumFailures: Int
    ) {
        var slots: [ProbeKind: Slot] = [:]
        for kind in kinds {
            slots[kind] = Slot(intervalMs: Int64(max(1, intervals[kind] ?? 60_000)), nextDueMs: startMs)
        }
        self.slots = slots
        self.maximumFailures = maximumFailures
    }

    /// The kind to probe next and when; nil when every kind is switched off.
    public func next() -> (kind: ProbeKind, atMs: Int64)? {
        let order: [ProbeKind] = [.status, .usage]
        return order.compactMap { kind in slots[kind].flatMap { $0.disabled ? nil : (kind, $0.nextDueMs) } }
            .min { $0.1 < $1.1 }
    }

    public var allDisabled: Bool { slots.values.allSatisfy(\.disabled) }

    /// `writeFailed`: the probe worked but its record could not be written; the next turn comes as after a success,
    /// and the failures in a row are neither reset nor counted.
    public enum Result: Sendable, Equatable { case success, failure, rateLimited, writeFailed }

    /// Records a probe that ended at `nowMs`; returns true when this failure switched the kind off.
    @discardableResult
    public mutating func record(_ kind: ProbeKind, _ result: Result, nowMs: Int64) -> Bool {
        guard var slot = slots[kind] else { return false }
        defer { slots[kind] = slot }
        if result == .success || result == .writeFailed {
            if result == .success { slot.failures = 0 }
            // Fixed rate: the next turn of the original grid that is still ahead; turns we ran through are skipped.
            repeat { slot.nextDueMs += slot.intervalMs } while slot.nextDueMs <= nowMs
            return false
        }
        slot.failures += 1
        if slot.failures >= maximumFailures {
            slot.disabled = true
            return true
        }
        let exponent = min(slot.failures - 1, 30)
        var wait = min(
            slot.intervalMs.multipliedReportingOverflow(by: Int64(1) << exponent).partialValue, Self.backoffCapMs)
        if wait <= 0 { wait = Self.backoffCapMs }
        if result == .rateLimited { wait = max(wait, Self.rateLimitWaitMs) }
        slot.nextDueMs = nowMs + wait
        return false
    }

    /// Moves the kind's next turn to no earlier than `untilMs` (a probe that has nothing to add for a while).
    public mutating func postpone(_ kind: ProbeKind, untilMs: Int64) {
        guard var slot = slots[kind] else { return }
        slot.nextDueMs = max(slot.nextDueMs, untilMs)
        slots[kind] = slot
    }

    /// Takes new intervals (after a reload): the next turn moves to one new interval after the last turn.
    public mutating func changeIntervals(_ intervals: [ProbeKind: Int]) {
        for (kind, interval) in intervals {
            guard var slot = slots[kind] else { continue }
            let new = Int64(max(1, interval))
            if slot.failures == 0 { slot.nextDueMs += new - slot.intervalMs }
            slot.intervalMs = new
            slots[kind] = slot
        }
    }
}
