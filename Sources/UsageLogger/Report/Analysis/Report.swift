/// What the history says, ready to show in any format. Built by `ReportBuilder` from the samples in time order;
/// every renderer reads only this. Times are seconds since 1970; percentages 0–100 (a window may exceed 100).
public struct Report: Sendable, Equatable {
    /// When the report was made, and the time zone (IANA name) and unit it groups by.
    public var generatedAt: Double
    public var timeZone: String
    public var period: ReportPeriod
    /// The range asked for (`--since`, `--until`), nil when open.
    public var since: Double?
    public var until: Double?
    /// The first and last record read within the range; nil when there were none.
    public var firstRecord: Double?
    public var lastRecord: Double?

    /// Whether the records stop well before the report's now (more than an hour, with no `--until`): the latest
    /// readings then say little of now, and their resets may have passed.
    public var isStale: Bool {
        guard until == nil, let lastRecord else { return false }
        return generatedAt - lastRecord > 3600
    }

    /// The latest reading of each window: the "Now" block.
    public var now: [NowEntry] = []
    /// Every reset cycle of every window, oldest first per window.
    public var cycles: [Cycle] = []
    /// Per period and window.
    public var usage: [PeriodUsage] = []
    /// Per period and error type.
    public var errors: [PeriodErrors] = []
    /// One per window with a current cycle.
    public var forecasts: [Forecast] = []
    /// Every time a window reached 100 %, and every request refused for a limit (hook records).
    public var limitHits: [LimitHit] = []
    /// Each Claude Code version seen, in order of first sighting.
    public var versions: [VersionSpan] = []
    /// Changes of model or account between consecutive status records.
    public var changes: [Change] = []
    /// Each warning or mismatch, with when it was seen.
    public var diagnostics: [DiagnosticSpan] = []
    /// Per period: which warnings appeared, were resolved, and are still open at its end
    /// (`report diagnostics --by week`).
    public var diagnosticsDigest: [DiagnosticsPeriod] = []
    /// The share of the period with no active warning (0–1); nil when nothing was seen of diagnostics.
    public var healthScore: Double?
    /// Lines read, and torn or invalid lines skipped.
    /// Tokens from `sessions.jsonl` (written by the hooks): per period and model, and per project.
    public var tokens: [PeriodTokens] = []
    public var projectTokens: [ProjectTokens] = []
    public var linesRead = 0
    public var skippedLines = 0
    /// Every window name read in the range, before `--window` filtered them, sorted: when a filter matches none
    /// (`cycles` and `now` empty), the command can say "unknown window X; seen: …".
    public var windowsSeen: [String] = []

    public init(generatedAt: Double, timeZone: String, period: ReportPeriod) {
        self.generatedAt = generatedAt
        self.timeZone = timeZone
        self.period = period
    }

    /// A window is told apart by its name and, when several log directories are read, their label.
    public struct WindowKey: Sendable, Hashable, Comparable {
        public var label: String
        public var name: String
        public init(label: String = "", name: String) {
            self.label = label
            self.name = name
        }
        public static func < (a: WindowKey, b: WindowKey) -> Bool { (a.label, a.name) < (b.label, b.name) }
        /// `name`, or `label: name` when there is a label.
        public var title: String { label.isEmpty ? name : "\(label): \(name)" }
    }

    public struct NowEntry: Sendable, Equatable {
        public var window: WindowKey
        public var usedPercent: Double
        /// When it was read, and by which source.
        public var at: Double
        public var source: String
        public var resetsAt: Double?
        /// Points ahead (+) or behind (−) the even pace; nil when the window's length or reset is unknown.
        public var paceDelta: Double?
    }

    public struct Cycle: Sendable, Equatable {
        public var window: WindowKey
        /// The cycle's start (its reset minus the window's length, or the first sample when that is unknown) and
        /// its reset (nil for a cycle whose reset was never said and not yet seen).
        public var start: Double
        public var reset: Double?
        public var peakPercent: Double
        /// 100 − the last reading before the reset; nil for the current cycle.
        public var unusedPercent: Double?
        /// When 80 %, 95 % and 100 % were first reached.
        public var first80: Double?
        public var first95: Double?
        public var first100: Double?
        public var minutesAt100: Double
        public var samples: Int
        /// The share of the cycle (to its reset, or to now for the current one) covered by data: a gap between
        /// two samples longer than the expected interval counts as uncovered, never as zero use.
        public var coverage: Double
        /// `command`, `statusline`, or `mixed`.
        public var source: String
        /// Whether this is the window's current cycle.
        public var isCurrent: Bool
        /// The used percent over the cycle for charts, oldest first: bounded (at most about 200 points, downsampled
        /// so peaks survive); empty when not kept, and then a chart shows only the peak and coverage.
        public var curve: [CurvePoint] = []
    }

    /// One point of a cycle's curve: when (seconds since 1970) and the used percent then.
    public struct CurvePoint: Sendable, Equatable {
        public var at: Double
        public var percent: Double
    }

    public struct PeriodUsage: Sendable, Equatable {
        /// The period's start in the report's time zone: `2026-03-01`, `2026-03-01T14`, `2026-W09`, `2026-03`.
        public var period: String
        public var periodStart: Double
        public var window: WindowKey
        public var peakPercent: Double
        public var meanPercent: Double
        public var samples: Int
        public var minutesAtOrAbove80: Double
        public var limitHits: Int
    }

    public struct PeriodTokens: Sendable, Equatable {
        public var period: String
        public var periodStart: Double
        public var model: String
        public var tokens: SessionTokens
    }

    public struct ProjectTokens: Sendable, Equatable {
        /// The session's working directory (with its directory's label when several are read).
        public var project: String
        public var sessions: Int
        public var requests: Int
        public var tokens: SessionTokens
    }

    public struct PeriodErrors: Sendable, Equatable {
        public var period: String
        public var periodStart: Double
        /// `usage_data.error.type`, or the state (`loading`, `unavailable`) when there is no type.
        public var type: String
        public var count: Int
    }

    public struct Forecast: Sendable, Equatable {
        public var window: WindowKey
        public var usedPercent: Double
        public var at: Double
        public var resetsAt: Double?
        /// The even pace: the share of the window's time elapsed, as a percent; and how far ahead (+) or behind (−).
        public var evenPacePercent: Double?
        public var paceDelta: Double?
        /// At the recent rate: when 100 % is reached, nil when not before the reset; the rate in points per hour,
        /// and the samples and hours it stands on.
        public var recentRatePerHour: Double?
        public var recentHits100At: Double?
        public var recentSamples: Int
        public var recentHours: Double
        /// From the user's own history (the typical rise for each hour of the week in past cycles): when 100 % is
        /// reached, nil when not before the reset; the percent expected at the reset; and how many past cycles
        /// it stands on.
        public var historyHits100At: Double?
        public var historyPercentAtReset: Double?
        public var historyCycles: Int
    }

    public struct LimitHit: Sendable, Equatable {
        public var window: WindowKey?
        public var at: Double
        /// The window's reset when known, so "reset in 38 min" can be said.
        public var resetsAt: Double?
        /// `window` (a window read at 100 %) or `refused` (Claude Code refused a request: hook records).
        public var kind: String
        public var message: String?
        /// The window's percentage then: the reading at 100 %, or for a refusal the statusline's last reading.
        public var usedPercent: Double? = nil
    }

    public struct VersionSpan: Sendable, Equatable {
        public var label: String
        public var version: String
        public var firstSeen: Double
        public var lastSeen: Double
        public var records: Int
    }

    public struct Change: Sendable, Equatable {
        public var label: String
        public var at: Double
        /// `model` or `account`.
        public var field: String
        public var from: String?
        public var to: String?
    }

    public struct DiagnosticSpan: Sendable, Equatable {
        public var label: String
        public var type: String
        public var severity: String
        public var message: String
        public var firstSeen: Double
        public var lastSeen: Double
        /// How many times it appeared (a warning can come back after it was resolved).
        public var timesSeen: Int
        /// Nil while still active.
        public var resolvedAt: Double?
        /// When it was active, oldest first: a warning that went away and came back has a gap; the last period
        /// has no end while it is still active.
        public var periods: [ActivePeriod] = []
    }

    /// One stretch of time a warning was active.
    public struct ActivePeriod: Sendable, Equatable {
        public var from: Double
        public var to: Double?
    }

    public struct DiagnosticsPeriod: Sendable, Equatable {
        public var period: String
        public var periodStart: Double
        /// Messages (with `label: ` when several directories are read).
        public var appeared: [String]
        public var resolved: [String]
        public var stillOpen: [String]
    }
}
