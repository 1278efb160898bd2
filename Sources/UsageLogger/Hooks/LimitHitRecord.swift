import Foundation

/// The usage record a `StopFailure` hook writes: Claude Code refused or failed a request. `state: "limited"` for a
/// plan limit (`error: "rate_limit"`), else `"error"`; `usage_data.error` carries the hook's error value and the
/// message Claude Code showed; the windows are the statusline's last reading (so the report can say "blocked at
/// 14:02, 5-hour window at 100 %, reset in 38 min"), with `windows_read_at` saying how old it is.
enum LimitHitRecord {
    /// The longest message kept: enough for `API Error: Request rejected (429) · …`, never a whole reply.
    static let maximumMessageLength = 300

    static func make(_ input: HookInput, saved: SessionContext?, now: Date) -> JSONValue {
        var limits = StatuslineData(nil)
        if let saved, let rateLimits = saved.rateLimits { limits.applyRateLimits(rateLimits) }
        let context = RecordContext(timestamp: now, sessionID: input.sessionID, cwd: input.cwd)
        let record = UsageRecord.make(limits.usageReport, context: context, rawLines: [], source: "hook")
        let limited = input.error == "rate_limit"
        let error: JSONValue = .object([
            ("type", .string(input.error ?? "unknown")),
            ("message", .from(input.lastAssistantMessage.map(message))),
            ("code", .null),
        ])
        guard case .object(var members) = record,
            let index = members.firstIndex(where: { $0.0 == "usage_data" }),
            case .object(var data) = members[index].1
        else { return record }
        for position in data.indices {
            switch data[position].0 {
            case "state": data[position].1 = .string(limited ? "limited" : "error")
            case "error": data[position].1 = error
            default: break
            }
        }
        let readAt = limits.rateLimits == nil ? nil : saved?.rateLimitsAt
        data.append(("windows_read_at", .from(readAt.map(Timestamp.string(from:)))))
        members[index].1 = .object(data)
        return .object(members)
    }

    /// `record` with `usage_data.recovered_from` set: where a record not written by the hook itself came from.
    static func marking(_ record: JSONValue, recoveredFrom source: String) -> JSONValue {
        guard case .object(var members) = record, let index = members.firstIndex(where: { $0.0 == "usage_data" }),
            case .object(var data) = members[index].1
        else { return record }
        data.append(("recovered_from", .string(source)))
        members[index].1 = .object(data)
        return .object(members)
    }

    /// The message on one line, without control characters, cut to `maximumMessageLength` characters.
    /// Credentials and (with the privacy options) directories are taken out by `RecordSink`, as in every record.
    static func message(_ text: String) -> String {
        let flat = String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
        guard flat.count > maximumMessageLength else { return flat }
        return String(flat.prefix(maximumMessageLength - 1)) + "…"
    }
}
