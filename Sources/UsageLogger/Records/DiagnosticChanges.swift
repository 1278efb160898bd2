/// What changed in the installation warnings since the last `/status`: `diagnostics.jsonl` is a change log,
/// written when a warning first appears and when it is gone, not every hour.
struct DiagnosticChanges: Equatable {
    var appeared: [Diagnostic] = []
    var resolved: [Diagnostic] = []

    var isEmpty: Bool { appeared.isEmpty && resolved.isEmpty }

    /// Compares by type and message: the same warning worded the same way is the same warning.
    static func between(known: [Diagnostic], current: [Diagnostic]) -> DiagnosticChanges {
        func key(_ diagnostic: Diagnostic) -> String { diagnostic.kind.rawValue + "\u{0}" + diagnostic.message }
        let knownKeys = Set(known.map(key))
        let currentKeys = Set(current.map(key))
        var seen = Set<String>()
        let appeared = current.filter { !knownKeys.contains(key($0)) && seen.insert(key($0)).inserted }
        return DiagnosticChanges(appeared: appeared, resolved: known.filter { !currentKeys.contains(key($0)) })
    }

    /// The `diagnostics.jsonl` records: `{timestamp, session_id, diagnostic_type, severity, message, details}`.
    func records(context: RecordContext) -> [JSONValue] {
        appeared.map { Self.record($0, event: "appeared", context) }
            + resolved.map { Self.record($0, event: "resolved", context) }
    }

    static func record(_ diagnostic: Diagnostic, event: String, _ context: RecordContext) -> JSONValue {
        let details =
            [("event", JSONValue.string(event))]
            + diagnostic.details.sorted { $0.key < $1.key }.map { ($0.key, JSONValue.string($0.value)) }
        return .object([
            ("timestamp", .string(Timestamp.string(from: context.timestamp))),
            ("session_id", .from(context.sessionID)),
            ("diagnostic_type", .string(diagnostic.kind.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("details", .object(details)),
        ])
    }
}
