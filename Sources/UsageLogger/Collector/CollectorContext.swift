import Foundation

/// What collecting records needs from the command that runs it: the settings, the environment `claude` inherits,
/// where we run, and which session the records belong to. No console: collecting never prints.
struct CollectorContext {
    /// Replaced when the companion reloads its settings (SIGHUP); everything else stays.
    var configuration: Configuration
    let environment: [String: String]
    let currentDirectory: String
    /// The Claude Code session the statusline last reported, when known: records carry its id and cwd.
    var claudeSession: (id: String, cwd: String?)?

    /// One id per usage-logger process, for records when no Claude Code session is known: made once, so every
    /// context of the process (and a reloaded companion) shares it.
    var processSessionID: String { Self.processSessionID }
    private static let processSessionID = UUID().uuidString.lowercased()

    /// What records made now carry: our session id, the working directory (`RecordSink` drops it when
    /// excluded), the debug and email options.
    func recordContext(at date: Date) -> RecordContext {
        RecordContext(
            timestamp: date, sessionID: claudeSession?.id ?? processSessionID,
            cwd: claudeSession?.cwd ?? currentDirectory,
            includeRaw: configuration.debug,
            anonymizeEmail: configuration.anonymizeEmail)
    }
}
