import Foundation

/// Limit hits and warning changes as OTLP log records (`ExportLogsServiceRequest`, OTLP/HTTP's JSON encoding):
/// a usage record whose `usage_data.state` is `limited` (Claude Code refused a request for a plan limit), and each
/// `diagnostics.jsonl` record (a warning appeared or was resolved). Each record carries an `eventName`, a
/// severity, a sentence for people and its figures as attributes for queries.
enum OTLPLogs {
    /// What a log record is about; `key` tells one from another across pushes (and processes), for never sending
    /// the same twice.
    struct Event: Sendable, Equatable {
        var time: Double
        var key: String
        var name: String
        var severityNumber: Int
        var severityText: String
        var body: String
        var attributes: [JSONValue]
    }

    /// The event a sample stands for, or nil for a sample that is none (an ordinary reading, a status record).
    static func event(_ sample: ReportSample) -> Event? {
        switch sample {
        case .usage(let reading):
            guard reading.state == "limited" else { return nil }
            let full = reading.windows.max { ($0.usedPercent ?? 0) < ($1.usedPercent ?? 0) }
            var attributes: [JSONValue] = []
            if let name = full?.name { attributes.append(OTLPResource.keyValue("window", name)) }
            if let percent = full?.usedPercent { attributes.append(OTLPResource.keyValue("used_percent", percent)) }
            if let resetsAt = full?.resetsAt {
                attributes.append(
                    OTLPResource.keyValue("resets_at", Timestamp.string(from: Date(timeIntervalSince1970: resetsAt))))
            }
            if let session = reading.sessionID { attributes.append(OTLPResource.keyValue("session.id", session)) }
            let window = full.map { " (\($0.name))" } ?? ""
            let resets =
                full?.resetsAt.map { "; it resets at \(Timestamp.string(from: Date(timeIntervalSince1970: $0)))" } ?? ""
            return Event(
                time: reading.time, key: "limit \(reading.time) \(reading.sessionID ?? "")",
                name: "usage_logger.limit_hit", severityNumber: 13, severityText: "WARN",
                body: "Claude Code refused a request: the plan limit\(window) is reached\(resets)",
                attributes: attributes)
        case .diagnostic(let reading):
            let appeared = reading.event == .appeared
            let (number, text) =
                appeared
                ? (reading.severity == "error"
                    ? (17, "ERROR") : reading.severity == "info" ? (9, "INFO") : (13, "WARN"))
                : (9, "INFO")
            return Event(
                time: reading.time,
                key:
                    "diagnostic \(reading.event.rawValue) \(reading.time) \(reading.type) \(reading.message.prefix(80))",
                name: "usage_logger.diagnostic.\(reading.event.rawValue)", severityNumber: number,
                severityText: text,
                body: (appeared ? "Warning appeared: " : "Warning resolved: ") + reading.message,
                attributes: [
                    OTLPResource.keyValue("diagnostic.type", reading.type),
                    OTLPResource.keyValue("diagnostic.severity", reading.severity),
                ])
        case .status:
            return nil
        }
    }

    /// The request carrying `events`, observed at `now`.
    static func request(_ events: [Event], resource: OTLPResource, now: Double) -> JSONValue {
        let observed = OTLPResource.nanoseconds(now)
        let records: [JSONValue] = events.map { event in
            .object([
                ("timeUnixNano", OTLPResource.nanoseconds(event.time)), ("observedTimeUnixNano", observed),
                ("severityNumber", .int(event.severityNumber)), ("severityText", .string(event.severityText)),
                ("body", .object([("stringValue", .string(event.body))])), ("attributes", .array(event.attributes)),
                ("eventName", .string(event.name)),
            ])
        }
        return .object([
            (
                "resourceLogs",
                .array([
                    .object([
                        ("resource", resource.json),
                        (
                            "scopeLogs",
                            .array([.object([("scope", OTLPResource.scope), ("logRecords", .array(records))])])
                        ),
                    ])
                ])
            )
        ])
    }
}
