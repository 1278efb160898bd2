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
    /// Claude Code's own `cost.total_cost_usd` of the most recent sessions, newest first, for the row the
    /// `SessionEnd` hook writes (several sessions may run at once, so more than the current one).
    public var sessionCosts: [SessionCost] = []

    /// One session's cost as Claude Code last reported it.
    public struct SessionCost: Sendable, Equatable {
        public var sessionID: String
        public var costUSD: Double
    }

    /// How many sessions' costs are kept.
    static let maximumSessionCosts = 16

    public init(updatedAt: Date) { self.updatedAt = updatedAt }

    /// Keeps `costUSD` as the latest cost of `sessionID`.
    public mutating func remember(cost costUSD: Double, of sessionID: String) {
        guard costUSD.isFinite, costUSD >= 0, sessionID.utf8.count <= 128 else { return }
        sessionCosts.removeAll { $0.sessionID == sessionID }
        sessionCosts.insert(SessionCost(sessionID: sessionID, costUSD: costUSD), at: 0)
        if sessionCosts.count > Self.maximumSessionCosts { sessionCosts.removeLast() }
    }

    /// The latest cost Claude Code reported for `sessionID`, if the statusline saw it.
    public func cost(of sessionID: String) -> Double? {
        sessionCosts.first { $0.sessionID == sessionID }?.costUSD
    }

    static func path(in directory: String) -> String { LogPaths(directory: directory).sessionContext }

    /// The most of `statusline.json` that is read: a larger file (which `save` never writes) counts as absent,
    /// and the next render replaces it.
    static let maximumBytes = 64 * 1024
    /// The longest text field kept, so that a huge model name or directory cannot push the file over the cap.
    static let maximumFieldLength = 1_024

    /// The saved context; nil when there is none or it cannot be used (unreadable, not JSON, too large).
    public static func load(from directory: String) -> SessionContext? {
        guard case .bytes(let bytes)? = try? BoundedFile.read(path(in: directory), maximumBytes: maximumBytes),
            let json = try? JSONParser.parse(bytes),
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
        for item in (json["session_costs"]?.arrayValue ?? []).prefix(maximumSessionCosts) {
            guard let id = item["session_id"]?.stringValue, let cost = item["cost_usd"]?.doubleValue else { continue }
            context.sessionCosts.append(SessionCost(sessionID: id, costUSD: cost))
        }
        return context
    }

    /// Replaces the file in one rename (not fsynced: it is rewritten on every render), through the privacy options
    /// like every record: no working directory under `PET_EXCLUDE_CWD`, no address under `PET_ANONYMIZE_EMAIL`.
    public func save(in directory: String, privacy: RecordPrivacy) throws {
        func field(_ text: String?) -> JSONValue { .from(text.map { String($0.prefix(Self.maximumFieldLength)) }) }
        func json(rateLimits: JSONValue?) -> JSONValue {
            .object([
                ("updated_at", .string(Timestamp.string(from: updatedAt))),
                ("session_id", field(sessionID)),
                ("cwd", field(cwd)),
                ("model", field(model)),
                ("version", field(version)),
                ("rate_limits", rateLimits ?? .null),
                ("rate_limits_at", .from(rateLimitsAt.map(Timestamp.string(from:)))),
                ("last_usage_record", .from(lastUsageRecord.map(Timestamp.string(from:)))),
                (
                    "session_costs",
                    .array(
                        sessionCosts.map {
                            .object([("session_id", field($0.sessionID)), ("cost_usd", .double($0.costUSD))])
                        })
                ),
            ])
        }
        var text = privacy.apply(json(rateLimits: rateLimits)).serialized() + "\n"
        // Limits too large to keep (only a hostile input sends such) are dropped: unknown, never zero.
        if text.utf8.count > Self.maximumBytes { text = privacy.apply(json(rateLimits: nil)).serialized() + "\n" }
        try AtomicFile.write(Array(text.utf8), to: Self.path(in: directory), durable: false)
    }
}
