import Foundation

/// The companion process: probes `/status` at start and every status interval, `/usage` every usage interval
/// (with `auto`, while the statusline records usage, only every screen interval: `UsageSourcePolicy`),
/// one probe at a time, until stopped by a signal, by idleness, or by both probes failing for good. It prints
/// nothing: what happens is reported to `onEvent`, how it ended is returned, and the command layer says both.
public struct Companion {
    /// What happened while running, as it happens.
    enum Event: Equatable {
        /// A `/usage` turn passed without a probe: the statusline's record is fresh (`PET_USAGE_SOURCE=auto`);
        /// the screen is next probed at `screenDueAt` (nil: never, `PET_USAGE_SCREEN_INTERVAL=0`).
        case statuslineRecords(screenDueAt: Date?)
        /// A probe ended, and this is what the recorder made of it.
        case probed(ProbeKind, Recorder.Outcome)
        /// A probe's turn is over: how long it took, whether it worked, and which probe comes next and when.
        case turnEnded(ProbeKind, succeeded: Bool, durationMs: Int, next: ProbeKind?, inMs: Int64)
        /// Failures in a row switched a probe off; `diagnostic` is what `diagnostics.jsonl` records about it.
        case switchedOff(ProbeKind, Diagnostic)
        /// A record about the companion itself (a switch-off) could not be written.
        case recordFailed(LogWriteError)
        /// `PET_METRICS_TEXTFILE` is set and the metrics could not be written (said each time: it is a fault to fix).
        case metricsFailed(String)
        /// `PET_ALERT_COMMAND` ran for these alerts (each with how its command went).
        case alerted([AlertWatch.Delivery])
        /// The alerts could not be looked for (said each time; recording goes on).
        case alertsFailed(String)
        /// With SQLite storage, the database could not be brought up to date with the logs (`DatabaseCatchUp`).
        case catchUpFailed(String)
        /// `PET_OTLP_ENDPOINT` is set and the push has news: a new problem (said once), or the collector is back.
        case telemetry(String)
        /// SIGHUP: the configuration was read again and is in use.
        case reloaded
        /// SIGHUP: the new configuration is invalid, so the previous one stays.
        case reloadFailed(ConfigurationError)
        /// The companion lock at the path was no longer ours (the log directory was deleted, or deleted and
        /// recreated) and was taken again.
        case lockRetaken(path: String)
    }

    /// How `run()` ended.
    public enum Ending: Sendable, Equatable {
        /// Asked to stop (SIGINT, SIGTERM).
        case stopped
        /// `probeLimit` probes were made.
        case probeLimitReached
        /// No statusline render for `idleExitMs`: Claude Code is not in use.
        case idle(milliseconds: Int64)
        /// Every probe is switched off after repeated failures.
        case everyProbeSwitchedOff
        /// The log directory was deleted or recreated and another companion took the lock at its path.
        case replaced(directory: String, holder: Int32?)
        /// The log directory was deleted or recreated and the lock at its path could not be taken again.
        case lockLost(path: String, reason: String)
    }

    var context: CollectorContext
    let directory: LogDirectory
    let cancellation: Cancellation
    let idleExitMs: Int64?
    let onEvent: (Event) -> Void
    private var schedule: CompanionSchedule
    private let startedAt = Date()
    /// Stop after this many probes (benchmarks); nil runs until stopped.
    public var probeLimit: Int?
    /// The companion lock this process holds for the directory, checked on every turn; nil when the caller
    /// keeps no lock (benchmarks, tests of the loop).
    var lock: FileLock?
    private var probes = 0
    /// When the records are next looked at (`afterRecords`) if no probe comes first.
    private var nextLookMs: Int64 = 0
    /// With `PET_METRICS_TEXTFILE`: the logs' metrics, kept up to date a few lines at a time.
    private var metrics: MetricsFollower?
    /// With `PET_OTLP_ENDPOINT`: the OpenTelemetry push, which follows the logs on its own.
    private var telemetry: OTLPPush?

    init(
        context: CollectorContext, directory: LogDirectory, cancellation: Cancellation, idleExitMs: Int64?,
        onEvent: @escaping (Event) -> Void = { _ in }
    ) {
        self.context = context
        self.directory = directory
        self.cancellation = cancellation
        self.idleExitMs = idleExitMs
        self.onEvent = onEvent
        schedule = CompanionSchedule(
            intervals: Self.intervals(context.configuration), kinds: Self.kinds(context.configuration),
            startMs: MonotonicClock.nowMilliseconds(), maximumFailures: context.configuration.maxConsecutiveFailures)
    }

    /// A companion for `logDirectory` with a configuration made in code (the benchmark uses intervals of a few
    /// milliseconds, below what settings allow); its events go unsaid.
    public init(configuration: Configuration, environment: [String: String], logDirectory: String) {
        let context = CollectorContext(
            configuration: configuration, environment: environment,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let directory = LogDirectory(path: logDirectory, reason: "given", isExplicit: true)
        self.init(context: context, directory: directory, cancellation: Cancellation(), idleExitMs: nil)
    }

    /// Runs until stopped, idle, out of probes to make, or at `probeLimit`; may be called again to go on.
    public mutating func run() -> Ending {
        while !cancellation.isCancelled {
            if let ending = keepLock() { return ending }
            if let probeLimit, probes >= probeLimit { return .probeLimitReached }
            if cancellation.takeReloadRequest() { reload() }
            if let idleExitMs, isIdle(for: idleExitMs) { return .idle(milliseconds: idleExitMs) }
            guard let (kind, dueMs) = schedule.next() else { return .everyProbeSwitchedOff }
            let now = MonotonicClock.nowMilliseconds()
            // Records come from others too (the statusline, the hooks), whatever this process probes: looked at
            // every usage interval even when no probe is due (with `statusline` that is only hourly).
            if now >= nextLookMs { afterRecords() }
            if dueMs > now {
                cancellation.wait(milliseconds: min(dueMs - now, 1_000))  // wake each second for idleness
                continue
            }
            if kind == .usage {
                switch usageDecision() {
                case .probe: break
                case .skip(let screenDueAt):
                    // The statusline records this interval: the turn passes without a probe.
                    schedule.record(.usage, .success, nowMs: now)
                    onEvent(.statuslineRecords(screenDueAt: screenDueAt))
                    continue
                case .never:  // reloaded into `statusline`
                    schedule.record(.usage, .success, nowMs: now)
                    continue
                }
            }
            probe(kind)
            if !cancellation.isCancelled { afterRecords() }
        }
        return .stopped
    }

    /// What follows each turn's records: the database brought up to date (what the statusline and the hooks
    /// could not add), the metrics file, the OpenTelemetry push, then the alerts they call for.
    private mutating func afterRecords() {
        nextLookMs = MonotonicClock.nowMilliseconds() + Int64(context.configuration.usageIntervalMs)
        if context.configuration.storageType != .jsonl {
            do {
                let cancellation = cancellation
                try DatabaseCatchUp(directory: directory.path, configuration: context.configuration).run(
                    shouldStop: { cancellation.isCancelled })
            } catch {
                onEvent(.catchUpFailed(error.description))
            }
        }
        refreshMetrics()
        pushTelemetry()
        checkAlerts()
    }

    /// With `PET_ALERT_COMMAND`: alerts for the records since the last look (the statusline's and hooks' too).
    private func checkAlerts() {
        guard context.configuration.alertCommand != nil else { return }
        let watch = AlertWatch(
            directory: directory.path, configuration: context.configuration,
            environment: ClaudeCodeEnvironment.withoutSessionPlumbing(context.environment))
        do {
            let deliveries = try watch.check(stopping: cancellation)
            if !deliveries.isEmpty { onEvent(.alerted(deliveries)) }
        } catch {
            onEvent(.alertsFailed(error.description))
        }
    }

    /// With `PET_METRICS_TEXTFILE`: the metrics file rewritten from the logs, so node_exporter serves what was
    /// just recorded (also the statusline's records, on a turn that passes without a probe).
    private mutating func refreshMetrics() {
        let configuration = context.configuration
        guard let textfile = configuration.metricsTextfile else { return }
        do {
            if configuration.storageType == .sqlite {
                try MetricsTextfile.refresh(
                    directory: textfile,
                    database: configuration.databasePath ?? directory.paths.defaultDatabase)
            } else {
                let follower = metrics ?? MetricsFollower(directory: directory.path)
                metrics = follower
                try MetricsTextfile.refresh(directory: textfile, follower: follower)
            }
        } catch {
            onEvent(.metricsFailed(error.description))
        }
    }

    /// With `PET_OTLP_ENDPOINT`: what was just recorded pushed to the collector, within `PET_OTLP_TIMEOUT`.
    private mutating func pushTelemetry() {
        guard context.configuration.otlp != nil else { return }
        let push = telemetry ?? OTLPPush(logDirectory: directory.path, configuration: context.configuration)
        push.configuration = context.configuration
        telemetry = push
        let report = push.push()
        if let problem = report.problem { onEvent(.telemetry(problem)) }
        if report.recovered { onEvent(.telemetry("OTLP collector reachable again; sent \(report.sent) payloads")) }
    }

    private mutating func probe(_ kind: ProbeKind) {
        probes += 1
        let startedMs = MonotonicClock.nowMilliseconds()
        var probeContext = context
        if let session = SessionContext.load(from: directory.path), let id = session.sessionID,
            Date().timeIntervalSince(session.updatedAt) < 3_600
        {
            probeContext.claudeSession = (id, session.cwd)
        }
        let outcome = Recorder(context: probeContext, directory: directory, cancellation: cancellation).record(kind)
        onEvent(.probed(kind, outcome))
        let result: CompanionSchedule.Result
        let problem: String?
        switch outcome {
        case .cancelled:
            return
        case .skipped:
            result = .success  // another process probed it just now
            problem = nil
        case .written(let reported, let verdict, _):
            problem = reported
            result =
                verdict == .complete
                ? .success : (reported?.contains("rate_limit_error") == true ? .rateLimited : .failure)
        case .writeFailed(let error, let verdict):
            // A write that failed (a full disk, low space) is tried again at the next turn and never switches a
            // working probe off; a probe that failed as well still counts as failing.
            problem = error.description
            result = verdict == nil || verdict == .complete ? .writeFailed : .failure
        }
        let endedMs = MonotonicClock.nowMilliseconds()
        if schedule.record(kind, result, nowMs: endedMs) {
            switchedOff(kind, lastProblem: problem ?? "unknown")
        }
        if case .written(_, _, let notes) = outcome, notes.contains(where: \.isSignedOut) {
            // Signed out, /usage shows nothing the statusline does not record: look again only at the status
            // interval, to notice when the sign-in is fixed.
            let recheckMs = Int64(max(context.configuration.statusIntervalMs, context.configuration.usageIntervalMs))
            schedule.postpone(.usage, untilMs: endedMs + recheckMs)
        }
        let next = schedule.next()
        onEvent(
            .turnEnded(
                kind, succeeded: result == .success, durationMs: Int(endedMs - startedMs), next: next?.kind,
                inMs: max(0, (next?.atMs ?? endedMs) - endedMs)))
    }

    private func switchedOff(_ kind: ProbeKind, lastProblem: String) {
        let count = context.configuration.maxConsecutiveFailures
        let message =
            "usage-logger switched off the \(kind.slashCommand) probe after \(count) failures in a row; "
            + "last: \(lastProblem). Fix it, then restart the companion."
        let diagnostic = Diagnostic(
            message: message, kind: .probeDisabled, severity: .error, details: ["probe": kind.rawValue])
        onEvent(.switchedOff(kind, diagnostic))
        let record = DiagnosticChanges.record(diagnostic, event: "appeared", context.recordContext(at: Date()))
        let sink = RecordSink(directory: directory.path, configuration: context.configuration)
        do { try sink.append([record], to: .diagnostics) } catch { onEvent(.recordFailed(error)) }
    }

    /// Makes sure the lock at the directory's path is still the one held, so there is one companion per directory
    /// however the directory changes: when it is not, takes it again (recreating the directory), or returns how the
    /// run ends when another companion has it or it cannot be taken.
    private mutating func keepLock() -> Ending? {
        guard let held = lock, !held.isStillAtPath else { return nil }
        let path = directory.paths.companionLock
        do {
            try FileSystem.createDirectory(directory.path, mode: 0o700)
            guard let taken = try FileLock.tryAcquire(path) else {
                return .replaced(directory: directory.path, holder: FileLock.holder(of: path))
            }
            taken.recordHolder()
            held.unlock()
            lock = taken
            onEvent(.lockRetaken(path: path))
            return nil
        } catch {
            return .lockLost(path: path, reason: "\(error)")
        }
    }

    /// SIGHUP: read the configuration again; a bad new value is reported and the old configuration kept. Only the
    /// configuration changes: the process's session id and the rest of the context stay.
    private mutating func reload() {
        do {
            let configuration = try Configuration(environment: context.environment)
            context.configuration = configuration
            schedule.changeIntervals(Self.intervals(configuration))
            onEvent(.reloaded)
        } catch {
            onEvent(.reloadFailed(error))
        }
    }

    private func isIdle(for milliseconds: Int64) -> Bool {
        let last = SessionContext.load(from: directory.path)?.updatedAt ?? startedAt
        return Date().timeIntervalSince(max(last, startedAt)) * 1000 >= Double(milliseconds)
    }

    /// What `PET_USAGE_SOURCE` makes of this `/usage` turn, by the statusline's last record and the last probe.
    private func usageDecision() -> UsageSourcePolicy.Decision {
        let policy = UsageSourcePolicy(context.configuration)
        guard policy.source == .auto else { return policy.decide(now: Date(), statuslineRecord: nil, lastProbe: nil) }
        return policy.decide(
            now: Date(), statuslineRecord: SessionContext.load(from: directory.path)?.lastUsageRecord,
            lastProbe: StateStore(directory: directory.path).load().lastAttempt[.usage])
    }

    private static func intervals(_ configuration: Configuration) -> [ProbeKind: Int] {
        [.status: configuration.statusIntervalMs, .usage: configuration.usageIntervalMs]
    }

    private static func kinds(_ configuration: Configuration) -> Set<ProbeKind> {
        configuration.usageSource == .statusline ? [.status] : [.status, .usage]
    }
}
