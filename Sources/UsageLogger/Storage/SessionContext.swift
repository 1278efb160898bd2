import Foundation

/// What the statusline last saw of Claude Code (`statusline.json` beside the logs): the session, its working
/// directory, model and version, the `rate_limits`, and when the statusline last wrote a usage record. The
/// companion reads it to tag its records with the real session and to know when Claude Code was last used.
public struct SessionContext: Sendable, Equatable {
    public var updatedAt: Date
    public var sessionID: String?
    public var cwd: String?
    public var model: String?
    public var version: String?
    /// The statusline input's `rate_limits` object as received.
    public var rateLimits: JSONValue?
    /// When `rateLimits` was received; kept when a later render has none (a missing value is unknown, not zero).
    public var rateLimitsAt: Date?
    public var lastUsageRecord: Date?

    public init(updatedAt: Date) { self.updatedAt = updatedAt }

    static func path(in directory: String) -> String { LogPaths(directory: directory).sessionContext }

    public static func load(from directory: String) -> SessionContext? {
        guard let data = FileManager.default.contents(atPath: path(in: directory)),
            let json = try? JSONParser.parse([UInt8](data)),
            let updated = json["updated_at"]?.stringValue.flatMap(Timestamp.date(from:))
        else { return nil }
        var context = SessionContext(updatedAt: updated)
        context.sessionID = json["session_id"]?.stringValue
        context.cwd = json["cwd"]?.stringValue
        context.model = json["model"]?.stringValue
        context.version = json["version"]?.stringValue
        context.rateLimits = json["rate_limits"].flatMap { $0 == .null ? nil : $0 }
        context.rateLimitsAt = json["rate_limits_at"]?.stringValue.flatMap(Timestamp.date(from:))
        context.lastUsageRecord = json["last_usage_record"]?.stringValue.flatMap(Timestamp.date(from:))
        return context
    }

    /// Replaces the file in one rename (not fsynced: it is rewritten on every render), through the privacy options
    /// like every record: no working directory under `PET_EXCLUDE_CWD`, no address under `PET_ANONYMIZE_EMAIL`.
    public func save(in directory: String, privacy: RecordPrivacy) throws {
        let json = JSONValue.object([
            ("updated_at", .string(Timestamp.string(from: updatedAt))),
            ("session_id", .from(sessionID)),
            ("cwd", .from(cwd)),
            ("model", .from(model)),
            ("version", .from(version)),
            ("rate_limits", rateLimits ?? .null),
            ("rate_limits_at", .from(rateLimitsAt.map(Timestamp.string(from:)))),
            ("last_usage_record", .from(lastUsageRecord.map(Timestamp.string(from:)))),
        ])
        let stored = privacy.apply(json)
        try AtomicFile.write(Array((stored.serialized() + "\n").utf8), to: Self.path(in: directory), durable: false)
    }
}
