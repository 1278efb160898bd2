import Foundation

/// What every record carries besides what was parsed: when, for which session, from where.
public struct RecordContext: Sendable {
    public var timestamp: Date
    /// The user's Claude Code session when known, else this usage-logger process's own id; nil (stored as null)
    /// only when a statusline input names none.
    public var sessionID: String?
    /// The Claude Code session's working directory when known, else ours (`RecordSink` drops it when excluded).
    public var cwd: String?
    /// Keep the cleaned capture in every record, not only in failed ones.
    public var includeRaw: Bool
    /// Store a one-way hash instead of the email (`PET_ANONYMIZE_EMAIL`).
    public var anonymizeEmail: Bool

    public init(
        timestamp: Date = Date(), sessionID: String?, cwd: String?, includeRaw: Bool = false,
        anonymizeEmail: Bool = false
    ) {
        self.timestamp = timestamp
        self.sessionID = sessionID
        self.cwd = cwd
        self.includeRaw = includeRaw
        self.anonymizeEmail = anonymizeEmail
    }

    /// The email as it may be stored: unchanged, or `sha256:` + hex of its lower-cased form.
    public func stored(email: String?) -> String? {
        guard let email, anonymizeEmail else { return email }
        return Self.anonymized(email)
    }

    public static func anonymized(_ email: String) -> String {
        email.hasPrefix("sha256:") ? email : "sha256:" + SHA256.hex(email.lowercased())
    }

    /// The most raw text a record keeps.
    public static let rawLimit = 16 * 1024

    /// Rendered text for the `raw` field, capped at `rawLimit` characters.
    static func rawText(_ lines: [String]) -> String {
        let text = lines.joined(separator: "\n")
        return text.count <= rawLimit ? text : String(text.prefix(rawLimit)) + "\n[truncated]"
    }
}
