import Foundation

/// The OpenTelemetry push that follows each record (the companion's turn, `once`): the metrics as they are now
/// to `/v1/metrics`, the limit hits and warning changes recorded since the last push to `/v1/logs`. Each payload
/// is spooled first (`OTLPSpool`), then the spool is sent oldest first within `PET_OTLP_TIMEOUT`, each payload
/// removed once the collector took it. No answer, 429 or 5xx: kept, and the collector left alone for a backoff
/// (remembered in `otlp.json`, so `once` from cron does not hammer it either); another 4xx: that payload dropped,
/// said once. One process pushes at a time (`otlp.lock`, not waited for).
///
/// Never throws and never takes longer than the timeout plus the time to read what was appended: a collector
/// that is down or slow costs a turn nothing but the wait, and recording never depends on it.
public final class OTLPPush {
    let logDirectory: String
    var configuration: Configuration
    private var follower: MetricsFollower?
    private let host = OTLPResource.hostName()
    /// Events read but not spooled (the spool could not be written): they go with the next push.
    private var unspooled: [ReportSample] = []
    /// The most payloads the spool keeps (tests make it small).
    var spoolLimit = OTLPSpool.maximumPayloads

    /// On the first push into a log directory, events of only this much history are sent: logs are about now.
    static let firstLook: Double = 900
    /// Events written a little late (a hook finishing after a newer record) still go: each push looks this far
    /// before the newest event already spooled; the keys remembered keep it from sending one twice.
    static let overlap: Double = 300

    /// What one push did, for the command layer to say.
    public struct Report: Sendable, Equatable {
        /// Payloads the collector accepted.
        public var sent = 0
        /// Payloads still waiting in the spool.
        public var pending = 0
        /// Payloads dropped in this push (refused for good, or pushed out of a full spool).
        public var dropped = 0
        /// Another process was pushing: this one did nothing.
        public var skipped = false
        /// A problem not said before (the same problem again is nil), with what is being done about it.
        public var problem: String?
        /// The collector took payloads again after a problem.
        public var recovered = false
    }

    public init(logDirectory: String, configuration: Configuration) {
        self.logDirectory = logDirectory
        self.configuration = configuration
    }

    /// Pushes what the logs hold now; a no-op without `PET_OTLP_ENDPOINT`.
    @discardableResult
    public func push(now: Date = Date()) -> Report {
        guard let settings = configuration.otlp else { return Report() }
        let paths = LogPaths(directory: logDirectory)
        guard let lock = try? FileLock.tryAcquire(paths.otlpLock) else { return Report(skipped: true) }
        defer { lock.unlock() }
        let started = MonotonicClock.nowMilliseconds()
        let time = now.timeIntervalSince1970
        var state = OTLPState.load(logDirectory: logDirectory)
        let before = state
        var report = Report()
        var problems: [(kind: String, text: String)] = []

        let floor = (state.watermark ?? time - Self.firstLook) - Self.overlap
        var (snapshot, samples) = read(at: time, since: floor)
        samples = unspooled + samples
        unspooled = []
        let account = snapshot?.sources[""]?.account ?? snapshot?.sources.values.compactMap(\.account).first
        let resource = OTLPResource(
            settings: settings, account: account, anonymizeEmail: configuration.anonymizeEmail, host: host)
        var payloads: [(signal: String, body: [UInt8])] = []
        if let snapshot, let request = OTLPMetrics.request(snapshot, resource: resource) {
            payloads.append(("metrics", Array(request.serialized().utf8)))
        }
        var events: [OTLPLogs.Event] = []
        for sample in samples.sorted(by: { $0.time < $1.time }) {  // each log's come in its own order
            guard let event = OTLPLogs.event(sample), event.time >= floor, state.remember(event.key) else { continue }
            events.append(event)
            state.watermark = max(state.watermark ?? event.time, event.time)
        }
        if !events.isEmpty {
            payloads.append(("logs", Array(OTLPLogs.request(events, resource: resource, now: time).serialized().utf8)))
        }
        let spool = OTLPSpool(logDirectory: logDirectory, maximumPayloads: spoolLimit)
        do {
            let dropped = try spool.add(payloads)
            if dropped > 0 {
                report.dropped += dropped
                state.dropped += dropped
                problems.append(
                    (
                        "spool full",
                        "OTLP spool full (\(spoolLimit) payloads or 10 MB): dropped the oldest "
                            + "\(dropped); \(state.dropped) dropped so far"
                    ))
            }
        } catch {
            state = before  // not spooled: the events go with the next push
            unspooled = Array(samples.suffix(MetricsFollower.eventLimit))
            problems.append(("spool", "OTLP payloads not spooled: \(error); check \(spool.directory)"))
        }
        var saved = before
        if state != saved {  // the events are in the spool: never spooled twice, whatever happens next
            save(state)
            saved = state
        }

        if let next = state.nextAttempt, next > time {
            report.pending = spool.entries().count
        } else {
            send(
                spool, settings: settings, at: time, state: &state, report: &report, problems: &problems,
                started: started)
        }
        if let problem = problems.last {
            if state.lastProblem != problem.kind { report.problem = problem.text }
            state.lastProblem = problem.kind
        } else if report.sent > 0, state.lastProblem != nil {
            report.recovered = true
            state.lastProblem = nil
        }
        if state != saved { save(state) }
        return report
    }

    /// Sends the spool oldest first until it is empty, a payload must wait, or the time is up.
    private func send(
        _ spool: OTLPSpool, settings: OTLPSettings, at time: Double, state: inout OTLPState, report: inout Report,
        problems: inout [(kind: String, text: String)], started: Int64
    ) {
        let transport = OTLPTransport(headers: settings.headers)
        var entries = spool.entries()[...]
        while let entry = entries.first {
            let remaining = settings.timeoutMs - Int(MonotonicClock.nowMilliseconds() - started)
            guard remaining >= 50 else { break }
            guard let body = spool.read(entry) else {
                entries.removeFirst()
                continue
            }
            let response = transport.post(body, to: settings.url(of: entry.signal), timeoutMs: remaining)
            if response.isSuccess {
                spool.remove(entry)
                entries.removeFirst()
                report.sent += 1
                state.failures = 0
                state.nextAttempt = nil
                continue
            }
            let what = response.status.map { "HTTP \($0)" } ?? "no answer"
            let detail = response.problem.map { " (\($0))" } ?? ""
            if response.isRetryable {
                state.failures += 1
                let wait = OTLPState.backoff(failures: state.failures, retryAfter: response.retryAfter)
                state.nextAttempt = time + wait
                let kind = response.status.map { "http \($0)" } ?? "unreachable"
                problems.append(
                    (
                        kind,
                        "OTLP collector \(settings.shownEndpoint): \(what)\(detail); \(entries.count) payload"
                            + "\(entries.count == 1 ? "" : "s") kept on disk, next try in \(Int(wait.rounded())) s"
                    ))
                break
            }
            spool.remove(entry)
            entries.removeFirst()
            report.dropped += 1
            state.dropped += 1
            problems.append(
                (
                    "refused \(response.status ?? 0)",
                    "OTLP collector \(settings.shownEndpoint) refused a \(entry.signal) payload: \(what)\(detail); "
                        + "dropped it (check the endpoint and PET_OTLP_HEADERS)"
                ))
        }
        report.pending = entries.count
    }

    /// The metrics now and the samples that may be events: from the log files read only where they grew, or, with
    /// SQLite storage, from the database (the events since `since` only).
    private func read(at time: Double, since: Double) -> (MetricsSnapshot?, [ReportSample]) {
        if configuration.storageType == .sqlite {
            let database = configuration.databasePath ?? LogPaths(directory: logDirectory).defaultDatabase
            let source = [LogSource(path: database, isDatabase: true)]
            let snapshot = try? MetricsSnapshot.gather(
                reader: ReportLogReader(sources: source), sessions: SessionRowReader(sources: source), now: time)
            var samples: [ReportSample] = []
            _ = try? ReportLogReader(sources: source, since: since).read { samples.append($0) }
            return (snapshot, samples)
        }
        let follower = self.follower ?? MetricsFollower(directory: logDirectory)
        follower.collectsEvents = true
        self.follower = follower
        let snapshot = try? follower.snapshot(now: time)
        return (snapshot, follower.takeEvents())
    }

    private func save(_ state: OTLPState) {
        try? AtomicFile.write(
            Array(state.json.serialized().utf8), to: LogPaths(directory: logDirectory).otlpState, durable: false)
    }
}
