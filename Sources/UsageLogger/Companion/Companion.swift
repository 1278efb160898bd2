import Foundation

/// The companion process: probes `/status` at start and every status interval, `/usage` every usage interval,
/// one probe at a time, until stopped by a signal, by idleness, or by both probes failing for good.
public struct Companion {
    var context: CommandContext
    let directory: LogDirectory
    let cancellation: Cancellation
    let idleExitMs: Int64?
    private var schedule: CompanionSchedule
    private let startedAt = Date()
    /// Stop after this many probes (benchmarks); nil runs until stopped.
    public var probeLimit: Int?
    /// After this many probes, `run()` returns `.recycle` so the process can start afresh (see `RunCommand`).
    public var recycleAfterProbes: Int?
    private var probes = 0

    /// How `run()` ended.
    public enum Ending: Equatable {
        case exit(ExitCode)
        /// Time to re-execute: Foundation's `Process` leaks a little on every run (swift-corelibs-foundation#3260).
        case recycle
    }

    init(context: CommandContext, directory: LogDirectory, cancellation: Cancellation, idleExitMs: Int64?) {
        self.context = context
        self.directory = directory
        self.cancellation = cancellation
        self.idleExitMs = idleExitMs
        schedule = CompanionSchedule(
            intervals: Self.intervals(context.configuration), kinds: Self.kinds(context.configuration),
            startMs: MonotonicClock.nowMilliseconds(), maximumFailures: context.configuration.maxConsecutiveFailures)
    }

    /// A companion for `logDirectory` with a configuration made in code (the benchmark uses intervals of a few
    /// milliseconds, below what settings allow).
    public init(configuration: Configuration, environment: [String: String], logDirectory: String, console: Console) {
        let context = CommandContext(
            configuration: configuration, environment: environment, console: console,
            currentDirectory: FileManager.default.currentDirectoryPath)
        let directory = LogDirectory(path: logDirectory, reason: "given", isExplicit: true)
        self.init(context: context, directory: directory, cancellation: Cancellation(), idleExitMs: nil)
    }

    /// Runs until stopped; exit 0, or 69 when every probe was switched off.
    public mutating func run() -> ExitCode {
        if case .exit(let code) = runUntilRecycle() { return code }
        return .success
    }

    /// Runs until stopped, or until it is time to recycle the process.
    public mutating func runUntilRecycle() -> Ending {
        var console: Console { context.console }
        while !cancellation.isCancelled {
            if let probeLimit, probes >= probeLimit { return .exit(.success) }
            if let recycleAfterProbes, probes >= recycleAfterProbes { return .recycle }
            if cancellation.takeReloadRequest() { reload() }
            if let idleExitMs, isIdle(for: idleExitMs) {
                console.errorLine("no statusline for \(AgeText.text(Double(idleExitMs) / 1000)); the companion exits")
                return .exit(.success)
            }
            guard let (kind, dueMs) = schedule.next() else {
                console.errorLine("every probe is switched off after repeated failures; the companion exits")
                return .exit(.unavailable)
            }
            let now = MonotonicClock.nowMilliseconds()
            if dueMs > now {
                cancellation.wait(milliseconds: min(dueMs - now, 1_000))  // wake each second for idleness
                continue
            }
            if kind == .usage, context.configuration.usageSource == .auto, statuslineIsFresh() {
                schedule.record(.usage, .success, nowMs: now)
                continue
            }
            probe(kind)
        }
        return .exit(.success)
    }

    private mutating func probe(_ kind: ProbeKind) {
        probes += 1
        var probeContext = context
        if let session = SessionContext.load(from: directory.path), let id = session.sessionID,
            Date().timeIntervalSince(session.updatedAt) < 3_600
        {
            probeContext.claudeSession = (id, session.cwd)
        }
        let outcome = Recorder(context: probeContext, directory: directory, cancellation: cancellation).record(kind)
        let result: CompanionSchedule.Result
        var problem: String?
        switch outcome {
        case .cancelled:
            return
        case .skipped:
            result = .success  // another process probed it just now
        case .written(let reported, let exitCode, let notes):
            for note in notes { context.console.errorLine(note) }
            problem = reported
            result =
                exitCode == .success
                ? .success : (reported?.contains("rate_limit_error") == true ? .rateLimited : .failure)
        case .writeFailed(let error):
            problem = error.description
            result = .failure
        }
        if let problem { context.console.errorLine("\(kind.rawValue): \(problem)") }
        if schedule.record(kind, result, nowMs: MonotonicClock.nowMilliseconds()) {
            switchedOff(kind, lastProblem: problem ?? "unknown")
        }
    }

    private func switchedOff(_ kind: ProbeKind, lastProblem: String) {
        let count = context.configuration.maxConsecutiveFailures
        let message =
            "usage-logger switched off the \(kind.slashCommand) probe after \(count) failures in a row; "
            + "last: \(lastProblem). Fix it, then restart the companion."
        context.console.errorLine(message)
        let diagnostic = Diagnostic(
            message: message, kind: .probeDisabled, severity: .error, details: ["probe": kind.rawValue])
        let record = DiagnosticChanges.record(diagnostic, event: "appeared", context.recordContext(at: Date()))
        let sink = RecordSink(directory: directory.path, configuration: context.configuration)
        do { try sink.append([record], to: .diagnostics) } catch { context.console.errorLine(error.description) }
    }

    /// SIGHUP: read the configuration again; a bad new value is reported and the old configuration kept.
    private mutating func reload() {
        do {
            let configuration = try Configuration(environment: context.environment)
            context = CommandContext(
                configuration: configuration, environment: context.environment, console: context.console,
                currentDirectory: context.currentDirectory)
            schedule.changeIntervals(Self.intervals(configuration))
            context.console.errorLine("configuration reloaded")
        } catch {
            context.console.errorLine("\(error); kept the previous configuration")
        }
    }

    private func isIdle(for milliseconds: Int64) -> Bool {
        let last = SessionContext.load(from: directory.path)?.updatedAt ?? startedAt
        return Date().timeIntervalSince(max(last, startedAt)) * 1000 >= Double(milliseconds)
    }

    private func statuslineIsFresh() -> Bool {
        guard let last = SessionContext.load(from: directory.path)?.lastUsageRecord else { return false }
        return Date().timeIntervalSince(last) * 1000 < Double(context.configuration.usageIntervalMs)
    }

    private static func intervals(_ configuration: Configuration) -> [ProbeKind: Int] {
        [.status: configuration.statusIntervalMs, .usage: configuration.usageIntervalMs]
    }

    private static func kinds(_ configuration: Configuration) -> Set<ProbeKind> {
        configuration.usageSource == .statusline ? [.status] : [.status, .usage]
    }
}
