import Foundation

/// Looks at the records written since the last look (by anyone: probes, the statusline, the hooks) and runs
/// `PET_ALERT_COMMAND` once for each alert they call for; the companion does it after every turn and `once` after
/// its probes. One process at a time (`alerts.lock`, not waited for: whoever holds it is doing this very work);
/// what was alerted is remembered in `alerts.json` and each run recorded in `alerts.jsonl`, so a restart neither
/// repeats nor loses an alert.
public struct AlertWatch {
    let directory: String
    let configuration: Configuration
    let environment: [String: String]
    var now: Date = Date()

    /// On the first look, only this much history is looked at: alerts are about now, not last month.
    static let firstLook: Double = 900
    /// Records written a little late (a hook finishing after a newer record) are still seen: each look starts
    /// this much before the newest record of the last one; what was alerted already is not alerted again.
    static let overlap: Double = 300

    public init(directory: String, configuration: Configuration, environment: [String: String]) {
        self.directory = directory
        self.configuration = configuration
        self.environment = environment
    }

    /// One alert and how its command went.
    public struct Delivery: Sendable, Equatable {
        public var event: AlertEvent
        public var outcome: AlertRunner.Outcome
    }

    /// Why a look could not be made; the caller says it, and recording goes on.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public var description: String
    }

    /// The alerts of the records since the last look, each delivered; empty when alerts are off or another
    /// process is looking.
    public func check(stopping cancellation: Cancellation? = nil) throws(Problem) -> [Delivery] {
        guard let command = configuration.alertCommand else { return [] }
        let paths = LogPaths(directory: directory)
        guard let lock = try? FileLock.tryAcquire(paths.alertsLock) else { return [] }
        defer { lock.unlock() }
        var evaluator = AlertEvaluator(state: loadState(), thresholds: configuration.alertThresholds)
        let start = evaluator.state.watermark.map { $0 - Self.overlap } ?? now.timeIntervalSince1970 - Self.firstLook
        let alreadySeen = evaluator.state.watermark ?? start
        var events: [AlertEvent] = []
        do {
            _ = try reader(since: start).read { sample in
                // Readings already looked at only count for what is remembered by key (hits, warnings).
                if case .usage(let reading) = sample, reading.state != "limited", sample.time <= alreadySeen {
                    return
                }
                events += evaluator.add(sample)
            }
        } catch {
            throw Problem(description: "alerts: \(error)")
        }
        // Saved before any command runs: a state that cannot be saved must not make every look send them again
        // (a process killed half-way loses an alert rather than repeating them all).
        do {
            try AtomicFile.write(Array(evaluator.state.json.serialized().utf8), to: paths.alertsState)
        } catch {
            throw Problem(description: "alerts: cannot save \(paths.alertsState), so none was sent: \(error)")
        }
        let runner = AlertRunner(command: command, environment: environment)
        let host = ProcessInfo.processInfo.hostName
        let privacy = RecordPrivacy(configuration: configuration)
        var deliveries: [Delivery] = []
        for event in events {
            if cancellation?.isCancelled == true { break }  // asked to stop: no new 10-second command
            var event = event
            // Records written before PET_ANONYMIZE_EMAIL was turned on still hold the address.
            if configuration.anonymizeEmail, let account = event.account, account.contains("@") {
                event.account = RecordContext.anonymized(account)
            }
            deliveries.append(Delivery(event: event, outcome: runner.run(privacy.apply(event.json(host: host)))))
        }
        let sink = RecordSink(directory: directory, configuration: configuration)
        do {
            try sink.append(deliveries.map { Self.record($0, host: host) }, to: .alerts)
        } catch {
            throw Problem(description: "alerts: \(error)")
        }
        return deliveries
    }

    /// The records to look at: the database with `sqlite` storage, else the newest two files of each log (a look
    /// comes every interval, so older files were looked at already; with `hybrid` the logs are the whole record).
    private func reader(since: Double) -> ReportLogReader {
        let source =
            configuration.storageType != .sqlite
            ? LogSource(path: directory)
            : LogSource(
                path: configuration.databasePath ?? LogPaths(directory: directory).defaultDatabase, isDatabase: true)
        var reader = ReportLogReader(sources: [source], since: since)
        reader.newestFilesOnly = 2
        return reader
    }

    private func loadState() -> AlertState { Self.loadState(in: directory) }

    /// What the alerts of the log directory remember; empty when nothing (or nothing readable) is there.
    static func loadState(in directory: String) -> AlertState {
        let path = LogPaths(directory: directory).alertsState
        guard FileSystem.refusal(at: path) == nil,
            let data = FileManager.default.contents(atPath: path), data.count < 1 << 20,
            let json = try? JSONParser.parse([UInt8](data))
        else { return AlertState() }
        return AlertState(json: json)
    }

    /// The `alerts.jsonl` record of one delivery: the event as the command got it, and how the command went.
    static func record(_ delivery: Delivery, host: String) -> JSONValue {
        var members: [(String, JSONValue)] = [("timestamp", .string(Timestamp.string(from: Date())))]
        if case .object(let event) = delivery.event.json(host: host) { members += event }
        let outcome = delivery.outcome
        members.append(
            (
                "command",
                .object([
                    ("status", outcome.status.map { .int(Int($0)) } ?? .null), ("timed_out", .bool(outcome.timedOut)),
                    ("problem", .from(outcome.problem)), ("duration_ms", .int(outcome.durationMs)),
                ])
            ))
        return .object(members)
    }
}
