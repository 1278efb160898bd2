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
    }
}

/// Reads and updates `state.json` under its own lock, so concurrent `once` runs never lose an update. What it
/// saves passes the privacy options, like every record (known diagnostics name paths and addresses).
public struct StateStore: Sendable {
    public let directory: String
    public let privacy: RecordPrivacy
    var path: String { LogPaths(directory: directory).state }

    public init(directory: String, privacy: RecordPrivacy = RecordPrivacy()) {
        self.directory = directory
        self.privacy = privacy
    }

    /// The state, in the form it is saved in (so a file written before a privacy option was turned on compares
    /// like one written after); a missing or unreadable file counts as empty (the next update rewrites it).
    public func load() -> LoggerState {
        guard let data = FileManager.default.contents(atPath: path), let json = try? JSONParser.parse([UInt8](data))
        else {
            return LoggerState()
        }
        return LoggerState(json: privacy.apply(json))
    }

    /// Applies `change` to the stored state atomically and returns what `change` returned. When `change`
    /// throws, nothing is saved.
    public func update<T>(_ change: (inout LoggerState) throws -> T) throws -> T {
        let lock = try FileLock.acquire(LogPaths(directory: directory).stateLock)
        defer { lock.unlock() }
        var state = load()
        let result = try change(&state)
        try AtomicFile.write(Array((privacy.apply(state.json).prettySerialized() + "\n").utf8), to: path)
        return result
    }
}
