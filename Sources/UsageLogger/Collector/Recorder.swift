import Foundation

/// One probe turned into stored records: takes the per-kind probe lock (so two `once` runs, or `once` and the
/// companion, never run two `claude` for the same screen), probes, appends the record, keeps
/// `diagnostics.jsonl` and the state file up to date. Returns what happened as data; the command says it.
struct Recorder {
    enum Outcome: Equatable {
        /// Another process is probing this kind right now (its pid, when known).
        case skipped(holder: Int32?)
        /// The record was written; `problem` says what the probe reported when it did not succeed.
        case written(problem: String?, verdict: ScreenVerdict, notes: [Note])
        case writeFailed(LogWriteError)
        /// Stopped by a signal mid-probe: nothing was written, the probe did not fail.
        case cancelled
    }

    /// What writing noticed besides the record, worth a line on stderr.
    enum Note: Equatable {
        /// Free space fell below `PET_LOG_WARN_FREE` (said once until space comes back).
        case lowSpace(available: Int64, directory: String, warnMark: Int64)
        /// With `PET_LOGGING_DEBUG`: the log had wider permissions and was set back to 0600.
        case tightenedPermissions(path: String)
        /// With `PET_LOGGING_DEBUG`: the log was rotated before this record.
        case rotated(LogName)
        /// The log did not end with a newline (a writer was killed mid-append) and was repaired first.
        case repairedTail(LogName, LogWriter.TailRepair)
    }

    let context: CollectorContext
    let directory: LogDirectory
    var cancellation: Cancellation?
    var configuration: Configuration { context.configuration }

    func record(_ kind: ProbeKind) -> Outcome {
        let lockPath = directory.paths.probeLock(kind)
        let lock: FileLock
        do {
            guard let acquired = try FileLock.tryAcquire(lockPath) else {
                return .skipped(holder: FileLock.holder(of: lockPath))
            }
            lock = acquired
        } catch {
            return .writeFailed(.cannotOpen(path: lockPath, reason: "\(error)"))
        }
        lock.recordHolder()
        defer { lock.unlock() }

        var prober = Prober(configuration: configuration, environment: context.environment)
        prober.cancellation = cancellation
        let result = prober.run(kind)
        if result.outcome?.cancelled == true { return .cancelled }
        let screen = ScreenRecord.make(
            kind: kind, frames: result.frames, capturedAt: result.capturedAt,
            context: context.recordContext(at: result.capturedAt), failure: result.failure,
            probe: result.outcome?.json(command: result.command), durationMs: result.outcome?.durationMs)
        let sink = RecordSink(directory: directory.path, configuration: configuration)
        var notes: [Note] = []
        do {
            let report = try sink.append([screen.record], to: LogName(kind))
            notes += try updateState(kind, screen: screen, sink: sink, report: report, at: result.capturedAt)
        } catch let error as LogWriteError {
            return .writeFailed(error)
        } catch {
            return .writeFailed(.writeFailed(path: directory.paths.state, reason: "\(error)"))
        }
        return .written(problem: screen.problem, verdict: screen.verdict, notes: notes)
    }

    /// Records the attempt, writes diagnostic changes, and returns the notes worth saying.
    private func updateState(
        _ kind: ProbeKind, screen: ScreenRecord, sink: RecordSink, report: LogWriter.Report, at date: Date
    ) throws -> [Note] {
        let store = StateStore(directory: directory.path)
        let recordContext = context.recordContext(at: date)
        let complete = screen.verdict == .complete
        var notes = try store.update { state -> [Note] in
            var notes: [Note] = []
            state.lastAttempt[kind] = date
            if complete { state.lastSuccess[kind] = date }
            if let status = screen.statusReport, complete {
                let changes = DiagnosticChanges.between(known: state.knownDiagnostics, current: status.diagnostics)
                // Written before the state says they are known: a failed write is tried again next time.
                try sink.append(changes.records(context: recordContext), to: .diagnostics)
                state.knownDiagnostics = status.diagnostics
            }
            if let available = report.lowSpace {
                if !state.lowSpaceWarned {
                    notes.append(
                        .lowSpace(
                            available: available, directory: directory.path, warnMark: configuration.warnFreeSpace))
                }
                state.lowSpaceWarned = true
            } else {
                state.lowSpaceWarned = false
            }
            return notes
        }
        if configuration.debug, report.tightenedPermissions {
            notes.append(.tightenedPermissions(path: sink.path(of: LogName(kind))))
        }
        if configuration.debug, report.rotated { notes.append(.rotated(LogName(kind))) }
        if let repair = report.repairedTail { notes.insert(.repairedTail(LogName(kind), repair), at: 0) }
        return notes
    }
}
