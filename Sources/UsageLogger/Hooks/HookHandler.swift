import Foundation

/// What `usage-logger hook` does with one event, once the command has decided recording is on: a usage record
/// for a `StopFailure`, a `sessions.jsonl` row for a `SessionEnd`, resume marks and the unended-session sweep for a
/// `SessionStart`. Writes only to the log directory; reads only the statusline's saved state and transcripts under
/// Claude Code's `projects/`.
public struct HookHandler: Sendable {
    public let configuration: Configuration
    /// The prepared log directory.
    public let directory: String

    public init(configuration: Configuration, directory: String) {
        self.configuration = configuration
        self.directory = directory
    }

    /// Handles `input` as of `now`. Events it does not know are ignored.
    public func handle(_ input: HookInput, now: Date = Date()) {
        // A session in our probe directory is one of our probes (belt and braces: probes carry the marker too).
        if let cwd = input.cwd, cwd.hasPrefix(configuration.probeDirectory) { return }
        let accountant = SessionAccountant(
            directory: directory, configuration: configuration,
            location: TranscriptLocation(claudeConfigDirectory: configuration.claudeConfigDirectory), now: now)
        switch input.event {
        case .stopFailure?:
            let record = LimitHitRecord.make(input, saved: SessionContext.load(from: directory), now: now)
            if input.error == "rate_limit", let id = input.sessionID, SessionIndex.isValidID(id) {
                accountant.limitHit(sessionID: id, record: record)
            } else {
                let sink = RecordSink(directory: directory, configuration: configuration)
                _ = try? sink.append([record], to: .usage, lockWaitMs: SessionAccountant.lockWaitMs)
            }
        case .sessionEnd?: accountant.sessionEnded(input)
        case .sessionStart?: accountant.sessionStarted(input)
        case nil: break
        }
    }
}
