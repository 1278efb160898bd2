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
        /// A record could not be written; `verdict` is what the probe saw, nil when it did not run. A failed write
        /// is not a failed probe.
        case writeFailed(LogWriteError, verdict: ScreenVerdict? = nil)
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
        /// The state file could not be read or saved: the record is written, but diagnostics changes are not
        /// (they would be written again on every run) and what is due is not remembered.
        case stateUnusable(StateStore.Problem)
        /// The state file was not valid JSON and was replaced; the diagnostics this probe saw were taken as known
        /// without a record.
        case stateReplaced(path: String)
        /// `/usage` ran signed out while the statusline shows plan limits (`SignedOutProbe`), since `since`;
        /// `firstSeen` when this probe is the first to see it (the diagnostics record was written now).
        case signedOut(since: Date, firstSeen: Bool)
        /// `hybrid` storage: the record is in the JSONL log, but the database refused it.
        case databaseFailed(DatabaseError)

        var isSignedOut: Bool {
            if case .signedOut = self { return true }
            return false
        }
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
        } catch let refused as RefusedFile {
            return .writeFailed(.refused(path: lockPath, reason: refused.reason))
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
            probe: result.outcome?.json(command: result.command), durationMs: result.outcome?.durationMs,
            limitsSeenAt: SessionContext.load(from: directory.path)?.rateLimitsAt)
        let sink = RecordSink(directory: directory.path, configuration: configuration)
        let report: LogWriter.Report
        do {
            report = try sink.append([screen.record], to: LogName(kind))
        } catch {
            return .writeFailed(error, verdict: screen.verdict)
        }
        do {
            let notes = try updateState(kind, screen: screen, sink: sink, report: report, at: result.capturedAt)
            return .written(problem: screen.problem, verdict: screen.verdict, notes: notes)
        } catch {
            return .writeFailed(error, verdict: screen.verdict)
        }
    }

    /// Records the attempt, writes diagnostic changes, and returns the notes worth saying. In two steps: the attempt
    /// is saved first, and only once that worked are diagnostics changes written and saved as known. A state that
    /// cannot be read or saved thus never lets the same change be written on every run. Throws only when writing
    /// the diagnostics changes fails (they are tried again next time).
    private func updateState(
        _ kind: ProbeKind, screen: ScreenRecord, sink: RecordSink, report: LogWriter.Report, at date: Date
    ) throws(LogWriteError) -> [Note] {
        let store = StateStore(directory: directory.path, privacy: sink.privacy)
        let complete = screen.verdict == .complete
        // Compared in their stored form (privacy applied), the form the state keeps them in.
        let current = complete ? screen.statusReport.map { sink.privacy.apply($0.diagnostics) } : nil
        var notes: [Note] = []
        if let repair = report.repairedTail { notes.append(.repairedTail(LogName(kind), repair)) }
        if let failure = report.databaseFailure { notes.append(.databaseFailed(failure)) }
        let replaced: Bool
        do {
            replaced = try store.update { state, wasReset -> Bool in
                state.lastAttempt[kind] = date
                if complete { state.lastSuccess[kind] = date }
                // What the unreadable file knew is lost: take what is seen now as known rather than as new.
                if wasReset, let current { state.knownDiagnostics = current }
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
                return wasReset
            }
        } catch {
            notes.append(.stateUnusable(error as? StateStore.Problem ?? .unsaved(path: store.path, reason: "\(error)")))
            return notes + debugNotes(kind, sink: sink, report: report)
        }
        if replaced { notes.append(.stateReplaced(path: store.path)) }
        if let current, !replaced {
            let recordContext = context.recordContext(at: date)
            do {
                try store.update { state in
                    let changes = DiagnosticChanges.between(known: state.knownDiagnostics, current: current)
                    // Written before the state says they are known: a failed write is tried again next time.
                    try sink.append(changes.records(context: recordContext), to: .diagnostics)
                    state.knownDiagnostics = current
                }
            } catch let error as LogWriteError {
                throw error
            } catch {
                notes.append(
                    .stateUnusable(error as? StateStore.Problem ?? .unsaved(path: store.path, reason: "\(error)")))
            }
        }
        if let signedOut = screen.signedOut {
            notes += try updateSignedOut(signedOut, store: store, sink: sink, at: date)
        }
        return notes + debugNotes(kind, sink: sink, report: report)
    }

    /// Records in `diagnostics.jsonl` when `/usage` starts and stops running signed out while the statusline shows
    /// plan limits, once each, like the installation warnings; the note says it holds.
    private func updateSignedOut(_ signedOut: Bool, store: StateStore, sink: RecordSink, at date: Date)
        throws(LogWriteError) -> [Note]
    {
        let recordContext = context.recordContext(at: date)
        do {
            return try store.update { state -> [Note] in
                switch (signedOut, state.signedOutSince) {
                case (true, let since?):
                    return [.signedOut(since: since, firstSeen: false)]
                case (true, nil):
                    let record = DiagnosticChanges.record(SignedOutProbe.diagnostic, event: "appeared", recordContext)
                    try sink.append([record], to: .diagnostics)
                    state.signedOutSince = date
                    return [.signedOut(since: date, firstSeen: true)]
                case (false, _?):
                    let record = DiagnosticChanges.record(SignedOutProbe.diagnostic, event: "resolved", recordContext)
                    try sink.append([record], to: .diagnostics)
                    state.signedOutSince = nil
                    return []
                case (false, nil):
                    return []
                }
            }
        } catch let error as LogWriteError {
            throw error
        } catch {
            return [.stateUnusable(error as? StateStore.Problem ?? .unsaved(path: store.path, reason: "\(error)"))]
        }
    }

    /// With `PET_LOGGING_DEBUG`: permissions tightened, rotation.
    private func debugNotes(_ kind: ProbeKind, sink: RecordSink, report: LogWriter.Report) -> [Note] {
        guard configuration.debug else { return [] }
        var notes: [Note] = []
        if report.tightenedPermissions { notes.append(.tightenedPermissions(path: sink.path(of: LogName(kind)))) }
        if report.rotated { notes.append(.rotated(LogName(kind))) }
        return notes
    }
}
