import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The one place where what the lower layers did (outcomes as data) becomes exit codes and words on stderr.
extension ExitCode {
    /// 0 for a recognised screen, 65 when nothing was recognised, 69 when the probe failed.
    init(_ verdict: ScreenVerdict) {
        switch verdict {
        case .complete: self = .success
        case .nothingRecognised: self = .dataError
        case .probeFailed: self = .unavailable
        }
    }

    /// sysexits: 73 when the file cannot be created, 74 for write failures.
    init(_ error: LogWriteError) {
        switch error {
        case .cannotOpen, .notARegularFile, .refused: self = .cannotCreate
        case .lowSpace, .writeFailed: self = .ioError
        case .database(let error): self.init(error)
        }
    }

    /// 73 when the database cannot be created or used (permissions, a link, none there), 74 for the rest (damaged,
    /// locked, newer, disk full).
    init(_ error: DatabaseError) {
        switch error {
        case .refused, .readOnly, .missing: self = .cannotCreate
        default: self = .ioError
        }
    }

    /// 128 plus the signal, as a shell reports a command a signal ended: 130 for SIGINT, 143 for SIGTERM.
    init(stoppedBy signal: Int32) {
        self.init(rawValue: 128 + signal)
    }

    /// 69 when every probe was switched off, 73 when the lock could not be taken again; 0 for any other ending.
    init(_ ending: Companion.Ending) {
        switch ending {
        case .everyProbeSwitchedOff: self = .unavailable
        case .lockLost: self = .cannotCreate
        case .stopped, .probeLimitReached, .idle, .replaced: self = .success
        }
    }

    /// The exit code of one `once` probe: a probe that failed is 69 whatever its screen, a write failure its own.
    init(_ outcome: Recorder.Outcome) {
        switch outcome {
        case .skipped, .cancelled: self = .success
        case .written(_, let verdict, _): self = verdict == .complete ? .success : .unavailable
        case .writeFailed(let error, _): self.init(error)
        }
    }
}

extension Console {
    /// Says that a signal stopped the command and its probe, and returns the exit code for it.
    func sayStopped(by signal: Int32) -> ExitCode {
        let names = [SIGINT: "SIGINT", SIGTERM: "SIGTERM", SIGHUP: "SIGHUP"]
        errorLine("stopped by \(names[signal] ?? "signal \(signal)"): claude and everything it started were ended")
        return ExitCode(stoppedBy: signal)
    }

    /// Prints a record (with the privacy options, as it would be stored) and its problem, if any, on stderr.
    func show(_ screen: ScreenRecord, pretty: Bool, privacy: RecordPrivacy) {
        let record = privacy.apply(screen.record)
        line(pretty ? record.prettySerialized() : record.serialized())
        if let problem = screen.problem { errorLine(problem) }
    }

    /// Says what `once` did for `kind`.
    func say(_ outcome: Recorder.Outcome, kind: ProbeKind) {
        switch outcome {
        case .skipped(let holder):
            let who = holder.map { " (pid \($0))" } ?? ""
            errorLine("another usage-logger\(who) is already probing \(kind.rawValue); skipped this one")
        case .written(let problem, _, let notes):
            for note in notes { say(note) }
            if let problem { errorLine("\(kind.rawValue): \(problem) (recorded with the error)") }
        case .writeFailed(let error, _):
            errorLine(error.description)
        case .cancelled:
            break
        }
    }

    func say(_ note: Recorder.Note) {
        switch note {
        case .lowSpace(let available, let directory, let warnMark):
            errorLine(
                "warning: only \(ByteCount.text(available)) free for \(directory) (PET_LOG_WARN_FREE="
                    + "\(ByteCount.text(warnMark))); writing stops below PET_LOG_MIN_FREE")
        case .tightenedPermissions(let path):
            errorLine("note: \(path) had wider permissions; set back to 0600")
        case .rotated(let log):
            errorLine("note: rotated \(log.fileName)")
        case .repairedTail(let log, let repair):
            say(repair, in: log)
        case .stateUnusable(let problem):
            let fix =
                switch problem {
                case .unreadable: "move it away"
                case .unsaved: "free some space or make the log directory writable"
                }
            errorLine(
                "warning: \(problem); the record was written, but diagnostics changes are not recorded until it "
                    + "can be used (they would repeat on every run), and --due cannot tell what is due: \(fix)")
        case .stateReplaced(let path):
            errorLine(
                "note: \(path) was not valid JSON and was replaced; the installation warnings seen now are taken as "
                    + "known without a diagnostics record")
        case .signedOut(_, let firstSeen):
            // Said once; `doctor` and diagnostics.jsonl keep saying it while it lasts.
            if firstSeen { errorLine("warning: \(SignedOutProbe.explanation)\n    fix: \(SignedOutProbe.fix)") }
        case .databaseFailed(let error):
            errorLine("warning: \(error) (the record is in the JSONL log; `usage-logger import` adds it later)")
        }
    }

    /// Says how a log's last line, left without its newline, was made whole.
    func say(_ repair: LogWriter.TailRepair, in log: LogName) {
        switch repair {
        case .cutBack(let bytes):
            errorLine(
                "note: \(log.fileName) ended in a partial line (a writer was stopped mid-append); cut back "
                    + "\(bytes) byte\(bytes == 1 ? "" : "s") so the new record starts on a line of its own")
        case .ended:
            errorLine("note: the last record of \(log.fileName) lacked its newline; added it")
        }
    }

    /// Says what happened in the companion, as it happens.
    func say(_ event: Companion.Event) {
        switch event {
        case .probed(_, .skipped), .probed(_, .cancelled):
            break
        case .probed(let kind, .written(let problem, _, let notes)):
            for note in notes { say(note) }
            if let problem { errorLine("\(kind.rawValue): \(problem)") }
        case .probed(let kind, .writeFailed(let error, _)):
            errorLine("\(kind.rawValue): \(error)")
        case .turnEnded(let kind, let succeeded, let durationMs, let next, let inMs):
            guard errorIsTerminal else { break }  // a person watching `run` sees each probe; a service's log does not
            let time = Timestamp.string(from: Date()).prefix(19).replacingOccurrences(of: "T", with: " ")
            let after = next.map { "; next \($0.rawValue) in \(AgeText.text(Double(inMs) / 1000))" } ?? ""
            errorLine(
                "\(time) \(kind.rawValue) \(succeeded ? "recorded" : "failed") in "
                    + String(format: "%.1f s", Double(durationMs) / 1000) + after)
        case .statuslineRecords(let screenDueAt):
            guard errorIsTerminal else { break }
            let time = Timestamp.string(from: Date()).prefix(19).replacingOccurrences(of: "T", with: " ")
            let screen =
                screenDueAt.map { "; /usage screen in \(AgeText.text(max(0, $0.timeIntervalSinceNow)))" }
                ?? "; no /usage screen while it does (PET_USAGE_SCREEN_INTERVAL=0)"
            errorLine("\(time) usage recorded by the statusline, no probe" + screen)
        case .switchedOff(_, let diagnostic):
            errorLine(diagnostic.message)
        case .recordFailed(let error):
            errorLine(error.description)
        case .metricsFailed(let problem), .alertsFailed(let problem), .catchUpFailed(let problem),
            .telemetry(let problem):
            errorLine(problem)
        case .alerted(let deliveries):
            for delivery in deliveries { say(delivery) }
        case .reloaded:
            errorLine("configuration reloaded")
        case .reloadFailed(let error):
            errorLine("\(error); kept the previous configuration")
        case .lockRetaken(let path):
            errorLine(
                "note: \(path) was no longer the lock this companion held (the log directory was deleted or "
                    + "recreated); took it again")
        }
    }

    /// One alert and how its command went: always said (an alert is news), the failure with what the command said.
    func say(_ delivery: AlertWatch.Delivery) {
        let outcome = delivery.outcome
        let result =
            outcome.succeeded
            ? "sent"
            : "NOT sent: " + (outcome.problem ?? "the command exited with \(outcome.status.map(String.init) ?? "?")")
        errorLine("alert (\(delivery.event.kind.rawValue)): \(delivery.event.summary) — \(result)")
    }

    /// Says why the companion ended, when that is news, and returns its exit code.
    func say(_ ending: Companion.Ending) -> ExitCode {
        switch ending {
        case .stopped, .probeLimitReached:
            break
        case .idle(let milliseconds):
            errorLine("no statusline for \(AgeText.text(Double(milliseconds) / 1000)); the companion exits")
        case .everyProbeSwitchedOff:
            errorLine("every probe is switched off after repeated failures; the companion exits")
        case .replaced(let directory, let holder):
            errorLine(
                "\(directory) was deleted or recreated and another companion\(holder.map { " (pid \($0))" } ?? "") "
                    + "now runs for it; this one exits")
        case .lockLost(let path, let reason):
            errorLine(
                "\(path) was deleted or replaced and cannot be taken again (\(reason)); the companion exits so that "
                    + "no second one can run beside it")
        }
        return ExitCode(ending)
    }

    func say(_ warning: ConfigurationWarning) {
        switch warning {
        case .unknownSetting(let name, let file, let suggestion):
            errorLine(
                "warning: \(name)\(file.map { " (in \($0))" } ?? "") is not a usage-logger setting"
                    + (suggestion.map { "; did you mean \($0)?" } ?? ""))
        }
    }
}
