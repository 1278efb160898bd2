import Foundation

/// The small state kept beside the logs (`state.json`): when each probe last ran and succeeded, which
/// diagnostics are known (so `diagnostics.jsonl` records changes, not repeats), and what was already said once.
/// It never changes what a command means; it only decides what is due and what is new.
public struct LoggerState: Sendable, Equatable {
    public var lastAttempt: [ProbeKind: Date] = [:]
    public var lastSuccess: [ProbeKind: Date] = [:]
    public var knownDiagnostics: [Diagnostic] = []
    /// The low-space warning was given and space has not come back since.
    public var lowSpaceWarned = false
    /// Since when `/usage` probes run signed out while the statusline shows plan limits (`SignedOutProbe`); nil
    /// when they do not.
    public var signedOutSince: Date?

    public init() {}

    var json: JSONValue {
        func times(_ map: [ProbeKind: Date]) -> JSONValue {
            .object(
                ProbeKind.allCases.compactMap { kind in
                    map[kind].map { (kind.rawValue, .string(Timestamp.string(from: $0))) }
                })
        }
        return .object([
            ("last_attempt", times(lastAttempt)),
            ("last_success", times(lastSuccess)),
            ("known_diagnostics", .array(knownDiagnostics.map(StatusRecord.item))),
            ("low_space_warned", .bool(lowSpaceWarned)),
            ("signed_out_since", .from(signedOutSince.map(Timestamp.string(from:)))),
        ])
    }

    init(json: JSONValue) {
        func times(_ value: JSONValue?) -> [ProbeKind: Date] {
            var map: [ProbeKind: Date] = [:]
            for kind in ProbeKind.allCases {
                if let text = value?[kind.rawValue]?.stringValue, let date = Timestamp.date(from: text) {
                    map[kind] = date
                }
            }
            return map
        }
        lastAttempt = times(json["last_attempt"])
        lastSuccess = times(json["last_success"])
        knownDiagnostics = (json["known_diagnostics"]?.arrayValue ?? []).compactMap { item in
            guard let message = item["message"]?.stringValue else { return nil }
            let kind = item["diagnostic_type"]?.stringValue.flatMap(Diagnostic.Kind.init(rawValue:)) ?? .other
            let severity = item["severity"]?.stringValue.flatMap(Diagnostic.Severity.init(rawValue:)) ?? .warning
            var details: [String: String] = [:]
            if case .object(let members)? = item["details"] {
                for (key, value) in members { details[key] = value.stringValue }
            }
            return Diagnostic(message: message, kind: kind, severity: severity, details: details)
        }
        lowSpaceWarned = json["low_space_warned"] == .bool(true)
        signedOutSince = json["signed_out_since"]?.stringValue.flatMap(Timestamp.date(from:))
    }
}
