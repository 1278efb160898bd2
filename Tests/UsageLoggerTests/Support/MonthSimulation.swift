import Foundation

@testable import UsageLogger

/// A simulated month of Claude Code use, minute by minute: when the machine is awake and the person active, how
/// fast the windows fill (faster on weekday mornings), when they reset, which version and model run and which
/// warnings are showing. Deterministic for a seed.
struct MonthSimulation {
    struct Window {
        var name: String
        var percent: Double
        var resetsAt: Double
        var weekly: Bool
    }

    struct State {
        var awake: Bool
        var active: Bool
        var windows: [Window]
        var version: String
        var model: String
        /// Warnings that appeared or were resolved this minute: the index of the real diagnostics template and
        /// `appeared` or `resolved`.
        var diagnosticEvents: [(index: Int, event: String)]
    }

    let start: Double
    private var generator: UInt64
    private let calendar: Calendar
    private var session = Window(name: "Current session", percent: 0, resetsAt: 0, weekly: false)
    private var week: Window
    private var opus: Window
    /// Whether the person is in a stretch of work, and until when.
    private var busyUntil = 0.0

    init(start: Double, seed: UInt64, timeZone: TimeZone) {
        self.start = start
        generator = seed
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
        // The weekly windows reset on Thursdays at 08:00 UTC, the first one three days in.
        week = Window(
            name: "Current week (all models)", percent: 35, resetsAt: start + 3 * 86_400 + 8 * 3_600, weekly: true)
        opus = Window(name: "Current week (Opus)", percent: 0, resetsAt: week.resetsAt, weekly: true)
    }

    /// A number in 0..<1 (SplitMix64).
    mutating func random() -> Double {
        generator &+= 0x9E37_79B9_7F4A_7C15
        var z = generator
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53)
    }

    mutating func step(to now: Double) -> State {
        let day = Int((now - start) / 86_400)
        let parts = calendar.dateComponents([.hour, .weekday], from: Date(timeIntervalSince1970: now))
        let hour = parts.hour ?? 0
        let weekend = parts.weekday == 1 || parts.weekday == 7
        let awake = weekend ? (10..<22).contains(hour) : (7..<23).contains(hour)
        // Work comes in stretches: on weekdays mostly 9–18, rarely at weekends.
        if now >= busyUntil, awake {
            let chance = weekend ? 0.004 : (9..<18).contains(hour) ? 0.05 : 0.008
            if random() < chance { busyUntil = now + (20 + random() * 100) * 60 }
        }
        let active = awake && now < busyUntil
        if now >= session.resetsAt { session.percent = 0 }
        if now >= week.resetsAt {
            week.percent = 0
            opus.percent = 0
            week.resetsAt += 7 * 86_400
            opus.resetsAt = week.resetsAt
        }
        if active {
            // A 5-hour cycle starts at the first use after a reset.
            if session.percent == 0, now >= session.resetsAt { session.resetsAt = now + 5 * 3_600 }
            // Busier mornings (the peak hours count faster), a heavy second week.
            let rate = (hour < 12 ? 0.42 : 0.28) * (day >= 7 && day < 14 ? 1.6 : 1) * (0.5 + random())
            session.percent = min(100, session.percent + rate)
            week.percent = min(100, week.percent + rate * 0.07)
            if (10..<24).contains(day) { opus.percent = min(100, opus.percent + rate * 0.05) }
        }
        // Between cycles (nothing used since the last reset) there is no session window to show.
        var windows = session.percent == 0 && now >= session.resetsAt ? [week] : [session, week]
        if (10..<24).contains(day) { windows.append(opus) }
        return State(
            awake: awake, active: active, windows: windows, version: day < 15 ? "2.1.330" : "2.1.332",
            model: day < 8 ? "Default (Opus 5.5)" : "Default (Sonnet 5.5 · Efficient for routine tasks)",
            diagnosticEvents: diagnostics(at: now))
    }

    /// The three real warnings: all appear on the first morning; the broken `claude` link is fixed on day 2, the
    /// PATH one on day 5 (it comes back on day 18), the install-method mismatch on day 12.
    private func diagnostics(at now: Double) -> [(index: Int, event: String)] {
        let minute = Int((now - start) / 60)
        switch minute {
        case 8 * 60: return [(0, "appeared"), (1, "appeared"), (2, "appeared")]
        case (2 * 24 + 9) * 60: return [(2, "resolved")]
        case (5 * 24 + 10) * 60: return [(0, "resolved")]
        case (12 * 24 + 9) * 60: return [(1, "resolved")]
        case (18 * 24 + 11) * 60: return [(0, "appeared")]
        default: return []
        }
    }
}
