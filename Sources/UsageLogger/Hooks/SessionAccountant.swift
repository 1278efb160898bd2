import Foundation

/// Keeps `sessions.jsonl` and the session index: a row when a session ends, a row for a session that never ended
/// (found on a later `SessionStart`), the resume marks and the limit-hit counts. Every change of the index happens
/// under its lock, so two hooks at once (two sessions ending together, a sweep racing a `SessionEnd`) never count
/// a response twice.
struct SessionAccountant {
    let directory: String
    let configuration: Configuration
    let location: TranscriptLocation
    let now: Date

    /// How long a transcript must have been left unchanged before its session counts as ended without saying so.
    static let quietPeriod: TimeInterval = 30 * 60
    /// At most this many unended sessions are accounted per run (newest first), and for at most `sweepBudget`.
    static let sweepLimit = 4
    static let sweepBudget: TimeInterval = 2
    /// The longest a hook waits for another hook holding the index.
    static let lockWaitMs = 3_000

    private var paths: LogPaths { LogPaths(directory: directory) }
    private var sink: RecordSink { RecordSink(directory: directory, configuration: configuration) }

    /// `SessionEnd`: one row for the session, counting what earlier rows did not.
    func sessionEnded(_ input: HookInput) {
        guard let id = input.sessionID, SessionIndex.isValidID(id),
            let transcript = input.transcriptPath.flatMap(location.resolve)
        else { return }
        withIndex { index in
            account(
                id: id, transcript: transcript, cwd: input.cwd, reason: input.reason ?? "other", ended: now, in: &index)
        }
    }

    /// `SessionStart`: remembers a resume (the history it copies was counted with the session it came from) and
    /// accounts sessions that never ended.
    func sessionStarted(_ input: HookInput) {
        withIndex { index in
            if input.source == "resume", let id = input.sessionID {
                index.update(id, now: now.timeIntervalSince1970) { entry in
                    entry.resumedAt = now.timeIntervalSince1970
                    entry.recovered = 0
                }
            }
            sweepUnended(skipping: input.sessionID, in: &index)
        }
    }

    /// How long a limit-hit record recovered from the transcript waits to be claimed by a late `StopFailure`.
    static let recoveredClaimWindow: TimeInterval = 120

    /// `StopFailure` with `rate_limit`: the usage record and one more limit hit for the session's next row, unless
    /// the session's `SessionEnd` already recorded this hit from the transcript (the hook came late).
    func limitHit(sessionID: String, record: JSONValue) {
        withIndex { index in
            let seconds = now.timeIntervalSince1970
            if let entry = index[sessionID], entry.recovered > 0,
                let at = entry.recoveredAt, seconds - at < Self.recoveredClaimWindow
            {
                index.update(sessionID, now: seconds) { $0.recovered -= 1 }
                return
            }
            guard (try? sink.append([record], to: .usage, lockWaitMs: Self.lockWaitMs)) != nil else { return }
            index.update(sessionID, now: seconds) { $0.pendingLimitHits += 1 }
        }
    }

    /// Transcripts under `projects/` unchanged for `quietPeriod`, changed since the index began, without a row yet:
    /// sessions whose terminal was closed or killed. Each gets a row with `end_reason: "unended"`.
    func sweepUnended(skipping current: String?, in index: inout SessionIndex) {
        let started = Date()
        let newest = now.timeIntervalSince1970 - Self.quietPeriod
        let probeProject = TranscriptLocation.projectName(of: configuration.probeDirectory)
        let candidates = location.transcripts(excludingProjectsStartingWith: probeProject)
            .filter { $0.modified <= newest && $0.modified >= index.created }
            .sorted { $0.modified > $1.modified }
        var accounted = 0
        for candidate in candidates {
            guard accounted < Self.sweepLimit, Date().timeIntervalSince(started) < Self.sweepBudget else { break }
            let name = String(candidate.path.split(separator: "/").last ?? "")
            let id = String(name.dropLast(".jsonl".count))
            guard id != current, SessionIndex.isValidID(id), !(index[id]?.accounted ?? false),
                let transcript = location.resolve(candidate.path)
            else { continue }
            account(
                id: id, transcript: transcript, cwd: nil, reason: "unended", ended: nil, in: &index)
            accounted += 1
        }
    }

    /// Reads the session's transcripts, appends its row, and moves the index past what was counted.
    private func account(
        id: String, transcript: String, cwd: String?, reason: String, ended: Date?, in index: inout SessionIndex
    ) {
        let entry = index[id]
        var tally = TranscriptTally(countedThrough: entry?.countFrom)
        for file in location.files(of: transcript) {
            do { try tally.read(path: file) } catch { if file == transcript { return } }
        }
        let seconds = now.timeIntervalSince1970
        let sessionCwd = cwd ?? tally.cwd
        if let sessionCwd, sessionCwd.hasPrefix(configuration.probeDirectory) {
            // One of our own probes: never a row, but remembered so the sweep does not read it again.
            index.update(id, now: seconds) { $0.countedThrough = tally.lastResponseTime ?? seconds }
            return
        }
        let pending = entry?.pendingLimitHits ?? 0
        // A session already in the logs with nothing new since (ended after a sweep counted it): no empty row.
        if (entry?.rows ?? 0) > 0, tally.requests == 0, pending == 0, tally.refusalCount == 0 { return }
        let saved = SessionContext.load(from: directory)
        let missing = recoverLimitHits(
            tally.refusals.suffix(max(0, tally.refusalCount - pending)), id: id, cwd: sessionCwd, saved: saved)
        let row = SessionRow(
            sessionID: id, cwd: sessionCwd, endReason: reason, endedAt: ended, tally: tally,
            costUSD: saved?.cost(of: id), limitHits: max(pending, tally.refusalCount))
        guard (try? sink.append([row.json(at: now)], to: .sessions, lockWaitMs: Self.lockWaitMs)) != nil else {
            return
        }
        index.update(id, now: seconds) { entry in
            entry.rows += 1
            entry.pendingLimitHits = 0
            if missing > 0 {
                entry.recovered += missing
                entry.recoveredAt = seconds
            }
            entry.countedThrough =
                [entry.countedThrough, tally.lastResponseTime, tally.lastTime].compactMap { $0 }.max()
                ?? entry.countFrom ?? 0
        }
    }

    /// Limit-hit usage records for refusals the transcript shows but no `StopFailure` hook recorded (`claude -p`
    /// ends that hook as it exits, sometimes before it has started), marked `recovered_from: "transcript"`.
    /// Returns how many were written.
    private func recoverLimitHits(
        _ refusals: ArraySlice<(time: Double, message: String?)>, id: String, cwd: String?, saved: SessionContext?
    ) -> Int {
        guard !refusals.isEmpty else { return 0 }
        let records = refusals.map { refusal -> JSONValue in
            var members: [(String, JSONValue)] = [
                ("hook_event_name", .string("StopFailure")), ("session_id", .string(id)), ("cwd", .from(cwd)),
                ("error", .string("rate_limit")),
            ]
            if let message = refusal.message { members.append(("last_assistant_message", .string(message))) }
            let record = LimitHitRecord.make(
                HookInput(.object(members)), saved: saved, now: Date(timeIntervalSince1970: refusal.time))
            return LimitHitRecord.marking(record, recoveredFrom: "transcript")
        }
        return (try? sink.append(records, to: .usage, lockWaitMs: Self.lockWaitMs)) != nil ? records.count : 0
    }

    /// Runs `change` on the index under its lock and saves it; does nothing when the lock stays held.
    private func withIndex(_ change: (inout SessionIndex) -> Void) {
        guard let lock = try? FileLock.acquire(paths.sessionIndexLock, waitingAtMostMilliseconds: Self.lockWaitMs)
        else { return }
        defer { lock.unlock() }
        var index = SessionIndex.load(from: directory, now: now.timeIntervalSince1970)
        change(&index)
        try? index.save(in: directory)
    }
}
