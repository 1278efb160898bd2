import Foundation

/// One probe turned into stored records: takes the per-kind probe lock (so two `once` runs, or `once` and the
/// companion, never run two `claude` for the same screen), probes, appends the record, keeps
/// `diagnostics.jsonl` and the state file up to date. Returns what happened as data; the command prints.
struct Recorder {
    enum Outcome: Equatable {
        /// Another process is probing this kind right now (its pid, when known).
        case skipped(holder: Int32?)
        /// The record was written; `problem` says what the probe reported when it did not succeed.
        case written(problem: String?, exitCode: ExitCode, notes: [String])
        case writeFailed(LogWriteError)
        /// Stopped by a signal mid-probe: nothing was written, the probe did not fail.
        case cancelled
    }

    let context: CommandContext
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
            kind: kind, frames: result.frames, capturedAt: result.capturedAt, context: context, failure: result.failure,
            probe: result.outcome?.json(command: result.command), durationMs: result.outcome?.durationMs)
        let sink = RecordSink(directory: directory.path, configuration: configuration)
        var notes: [String] = []
        do {
            let report = try sink.append([screen.record], to: LogName(kind))
            notes += try updateState(kind, screen: screen, sink: sink, report: report, at: result.capturedAt)
        } catch let error as LogWriteError {
            return .writeFailed(error)
        } catch {
            return .writeFailed(.writeFailed(path: directory.paths.state, reason: "\(error)"))
        }
        return .written(problem: screen.problem, exitCode: screen.exitCode, notes: notes)
    }

    /// Records the attempt, writes diagnostic changes, and returns the notes worth a line on stderr.
    private func updateState(
        _ kind: ProbeKind, screen: ScreenRecord, sink: RecordSink, report: LogWriter.Report, at date: Date
    ) throws -> [String] {
        let store = StateStore(directory: directory.path)
        let recordContext = context.recordContext(at: date)
        let notes = try store.update { state -> [String] in
            var notes: [String] = []
            state.lastAttempt[kind] = date
            if screen.exitCode == .success { state.lastSuccess[kind] = date }
            if let status = screen.statusReport, screen.exitCode == .success {
                let changes = DiagnosticChanges.between(known: state.knownDiagnostics, current: status.diagnostics)
                // Written before the state says they are known: a failed write is tried again next time.
                try sink.append(changes.records(context: recordContext), to: .diagnostics)
                state.knownDiagnostics = status.diagnostics
            }
            if let available = report.lowSpace {
                if !state.lowSpaceWarned {
                    notes.append(
                        "warning: only \(ByteCount.text(available)) free for \(directory.path) (PET_LOG_WARN_FREE="
                            + "\(ByteCount.text(configuration.warnFreeSpace))); writing stops below PET_LOG_MIN_FREE")
                }
                state.lowSpaceWarned = true
            } else {
                state.lowSpaceWarned = false
            }
            return notes
        }
        var debugNotes: [String] = []
        if configuration.debug, report.tightenedPermissions {
            debugNotes.append(
                "note: \(sink.path(of: LogName(kind))) had wider permissions; set back to 0600")
        }
        if configuration.debug, report.rotated { debugNotes.append("note: rotated \(kind.rawValue).jsonl") }
        return notes + debugNotes
    }
}
