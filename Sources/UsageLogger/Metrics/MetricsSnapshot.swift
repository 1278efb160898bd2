/// The latest state of the logs, as `usage-logger metrics` exposes it: the newest reading of each window, when each
/// probe last worked, the warnings active now, the Claude Code version, and counters (probe failures, limit hits,
/// session tokens) over every record read. Built in one streaming pass, oldest record first; memory grows with the
/// windows, warnings and models, never with the records.
///
/// Counters count from the oldest record the logs still hold (`oldestRecord`): when rotation deletes the oldest
/// file they go down, which Prometheus takes as a counter reset.
public struct MetricsSnapshot: Sendable, Equatable {
    /// One log directory's state; the key of `sources` is its label (`--logs NAME=DIR`, empty for one directory).
    public struct Source: Sendable, Equatable {
        /// The newest reading of each window, by window name.
        public var windows: [String: Window] = [:]
        /// The newest usage reading with a window's percentage (from a probe or the statusline).
        public var lastReading: Double?
        public var lastSuccess: [ProbeKind: Double] = [:]
        public var failures: [ProbeKind: Int] = [:]
        /// The warnings active after the last record, by type and message.
        public var diagnostics: [DiagnosticKey: DiagnosticReading] = [:]
        /// The Claude Code version the newest status record with one shows.
        public var version: String?
        /// The account of the newest status record with one: the email as stored (or `sha256:…`), else the login
        /// method or organization.
        public var account: String?
        public var limitHits: [LimitHitKey: Int] = [:]
        public var tokens: [TokenKey: Int] = [:]
        public var oldestRecord: Double?
        /// The last percentage of each window, for telling a crossing to 100 % from a window that stays there.
        var lastPercent: [String: Double] = [:]
    }

    public struct Window: Sendable, Equatable {
        public var time: Double
        public var usedPercent: Double
        public var resetsAt: Double?
        public var source: String
    }

    public struct DiagnosticKey: Sendable, Hashable, Comparable {
        public var type: String
        public var message: String

        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.type, lhs.message) < (rhs.type, rhs.message) }
    }

    /// `refused`: Claude Code refused a request for a plan limit (the hooks' record); `window`: a window's reading
    /// reached 100 % from below. The report's limit hits, by the same two kinds.
    public struct LimitHitKey: Sendable, Hashable, Comparable {
        public var window: String
        public var kind: String

        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.window, lhs.kind) < (rhs.window, rhs.kind) }
    }

    public struct TokenKey: Sendable, Hashable, Comparable {
        public var model: String
        /// `input`, `output`, `cache_read` or `cache_creation`.
        public var type: String

        public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.model, lhs.type) < (rhs.model, rhs.type) }
    }

    /// When the state was taken (seconds since 1970), for the age of the latest reading.
    public var now: Double
    public var sources: [String: Source] = [:]
    public var summary = ReadSummary()

    public init(now: Double) {
        self.now = now
    }

    /// The state of the logs `reader` reads and the sessions `sessions` reads, at `now`. The one place the latest
    /// state is gathered: another store (SQLite) plugs in by giving its own readers here.
    public static func gather(
        reader: ReportLogReader, sessions: SessionRowReader, now: Double
    ) throws(ReportReadError) -> MetricsSnapshot {
        var snapshot = MetricsSnapshot(now: now)
        for source in reader.sources { snapshot.sources[source.label] = Source() }
        snapshot.summary = try reader.read { snapshot.add($0) }
        try sessions.read { snapshot.add($0) }
        return snapshot
    }

    /// Adds one record; records come oldest first (an occasional step back in time never moves "latest" back).
    public mutating func add(_ sample: ReportSample) {
        switch sample {
        case .usage(let reading): sources[reading.label, default: Source()].add(reading)
        case .status(let reading): sources[reading.label, default: Source()].add(reading)
        case .diagnostic(let reading): sources[reading.label, default: Source()].add(reading)
        }
    }

    /// Adds one session's tokens.
    public mutating func add(_ session: SessionRowReader.SessionReading) {
        sources[session.label, default: Source()].add(session)
    }
}

extension MetricsSnapshot.Source {
    mutating func add(_ reading: UsageReading) {
        noteTime(reading.time)
        if reading.source == "hook" {
            // A hook's windows are the statusline's last reading, already counted: only its refusal is news.
            if reading.state == "limited" {
                let window = reading.windows.first?.name ?? ""
                limitHits[MetricsSnapshot.LimitHitKey(window: window, kind: "refused"), default: 0] += 1
            }
            return
        }
        if reading.source == "command" {
            if PeriodErrorTable.type(state: reading.state, errorType: reading.errorType) != nil {
                failures[.usage, default: 0] += 1
            } else if reading.state == "ok" {
                lastSuccess[.usage] = max(lastSuccess[.usage] ?? reading.time, reading.time)
            }
        }
        for window in reading.windows {
            guard let percent = window.usedPercent else { continue }
            if percent >= 100, lastPercent[window.name].map({ $0 < 100 }) ?? true {
                limitHits[MetricsSnapshot.LimitHitKey(window: window.name, kind: "window"), default: 0] += 1
            }
            lastPercent[window.name] = percent
            lastReading = max(lastReading ?? reading.time, reading.time)
            if let known = windows[window.name], known.time > reading.time { continue }
            windows[window.name] = MetricsSnapshot.Window(
                time: reading.time, usedPercent: percent, resetsAt: window.resetsAt, source: reading.source)
        }
    }

    mutating func add(_ reading: StatusReading) {
        noteTime(reading.time)
        if reading.failed {
            failures[.status, default: 0] += 1
            return
        }
        lastSuccess[.status] = max(lastSuccess[.status] ?? reading.time, reading.time)
        if let version = reading.version, !version.isEmpty { self.version = version }
        if let account = reading.account, !account.isEmpty { self.account = account }
    }

    mutating func add(_ reading: DiagnosticReading) {
        noteTime(reading.time)
        let key = MetricsSnapshot.DiagnosticKey(type: reading.type, message: reading.message)
        diagnostics[key] = reading.event == .appeared ? reading : nil
    }

    mutating func add(_ session: SessionRowReader.SessionReading) {
        noteTime(session.time)
        for (model, counts) in session.tokensByModel {
            for (type, count) in [
                ("input", counts.input), ("output", counts.output), ("cache_read", counts.cacheRead),
                ("cache_creation", counts.cacheCreation),
            ] {
                tokens[MetricsSnapshot.TokenKey(model: model, type: type), default: 0] += count
            }
        }
    }

    /// Adds what another part of the same directory holds (the parts `MetricsFollower` keeps per log): counters
    /// add up, the later of two times wins, and readings of a window keep the newer.
    mutating func merge(_ other: Self) {
        for (name, window) in other.windows where windows[name].map({ $0.time <= window.time }) ?? true {
            windows[name] = window
        }
        lastReading = [lastReading, other.lastReading].compactMap { $0 }.max()
        lastSuccess.merge(other.lastSuccess, uniquingKeysWith: max)
        failures.merge(other.failures, uniquingKeysWith: +)
        diagnostics.merge(other.diagnostics) { $0.time >= $1.time ? $0 : $1 }
        version = other.version ?? version
        account = other.account ?? account
        limitHits.merge(other.limitHits, uniquingKeysWith: +)
        tokens.merge(other.tokens, uniquingKeysWith: +)
        oldestRecord = [oldestRecord, other.oldestRecord].compactMap { $0 }.min()
        lastPercent.merge(other.lastPercent) { $1 }
    }

    private mutating func noteTime(_ time: Double) {
        oldestRecord = min(oldestRecord ?? time, time)
    }
}
