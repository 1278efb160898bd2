import Foundation

/// What every record carries besides what was parsed: when, for which session, from where.
public struct RecordContext: Sendable {
    public var timestamp: Date
    /// The user's Claude Code session when known, else this usage-logger process's own id.
    public var sessionID: String
    /// The Claude Code session's working directory when known, else ours; nil when excluded.
    public var cwd: String?
    /// Keep the cleaned capture in every record, not only in failed ones.
    public var includeRaw: Bool

    public init(timestamp: Date = Date(), sessionID: String, cwd: String?, includeRaw: Bool = false) {
        self.timestamp = timestamp
        self.sessionID = sessionID
        self.cwd = cwd
        self.includeRaw = includeRaw
    }

    /// The most raw text a record keeps.
    public static let rawLimit = 16 * 1024

    /// Rendered text for the `raw` field, capped at `rawLimit` characters.
    static func rawText(_ lines: [String]) -> String {
        let text = lines.joined(separator: "\n")
        return text.count <= rawLimit ? text : String(text.prefix(rawLimit)) + "\n[truncated]"
    }
}
