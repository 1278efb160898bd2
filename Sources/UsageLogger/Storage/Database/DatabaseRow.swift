/// One record as a row of its log's table: the queried fields pulled out of the JSON, the line itself and its hash.
/// Nil when the record has no time the report could read (such a line is skipped by the JSONL reader too).
struct DatabaseRow {
    var time: Double
    var timestamp: String
    /// The table's own columns after `time` and `timestamp`, in `DatabaseSchema` order, before `record`.
    var columns: [SQLiteValue?]
    var line: String
    /// FNV-1a of the line: with `time`, what makes an import of the same line a no-op.
    var hash: Int64
    /// Usage records: one sample per window.
    var samples: [Sample] = []

    struct Sample {
        var window: String
        var usedPercent: Double?
        var resetsAt: String?
    }

    init?(log: LogName, record: JSONValue, line: String) {
        let timeText = log == .sessions ? (record["ended_at"]?.stringValue ?? record["timestamp"]?.stringValue) : nil
        guard let timestamp = record["timestamp"]?.stringValue,
            let time = Timestamp.date(iso8601: timeText ?? timestamp)?.timeIntervalSince1970
        else { return nil }
        self.time = time
        self.timestamp = timestamp
        self.line = line
        hash = Self.hash(line)
        func text(_ value: JSONValue?) -> SQLiteValue? { value?.stringValue.map(SQLiteValue.text) }
        func integer(_ value: JSONValue?) -> SQLiteValue? { value?.intValue.map { .integer(Int64($0)) } }
        func real(_ value: JSONValue?) -> SQLiteValue? { value?.doubleValue.map(SQLiteValue.real) }
        let session = text(record["session_id"])
        switch log {
        case .usage:
            let usage = record["usage_data"]
            columns = [
                session, text(usage?["source"]), text(usage?["state"]), text(record["error"]),
                text(usage?["error"]?["type"]), integer(record["probe"]?["duration_ms"]),
            ]
            samples = (usage?["windows"]?.arrayValue ?? []).compactMap { window in
                guard let name = window["name"]?.stringValue else { return nil }
                return Sample(
                    window: name, usedPercent: window["used_percent"]?.doubleValue,
                    resetsAt: window["resets_at"]?.stringValue)
            }
        case .status:
            columns = [
                session, text(record["email"]), text(record["version"]), text(record["model"]), text(record["error"]),
            ]
        case .diagnostics:
            columns = [
                session, text(record["diagnostic_type"]), text(record["severity"]),
                text(record["details"]?["event"]), text(record["message"]),
            ]
        case .sessions:
            columns = [
                session, text(record["cwd"]), text(record["started_at"]), text(record["ended_at"]),
                text(record["end_reason"]), integer(record["requests"]), integer(record["tokens"]?["total"]),
                real(record["cost_usd"]), integer(record["limit_hits"]),
            ]
        case .alerts:
            columns = [
                text(record["event"]), text(record["window"]), real(record["threshold"]), real(record["used_percent"]),
                integer(record["command"]?["status"]),
            ]
        }
    }

    /// The insert for `log`'s table; a line already there (same time, hash and occurrence) is passed over. The
    /// last parameter is the occurrence; `counted` computes it instead: one more than the identical lines of the
    /// same time already stored (a record written now), where an import gives it from its own count of the log.
    static func insertSQL(_ log: LogName, counted: Bool) -> String {
        let own: [String]
        switch log {
        case .usage: own = ["session_id", "source", "state", "error", "error_type", "duration_ms"]
        case .status: own = ["session_id", "email", "version", "model", "error"]
        case .diagnostics: own = ["session_id", "diagnostic_type", "severity", "event", "message"]
        case .sessions:
            own = [
                "session_id", "cwd", "started_at", "ended_at", "end_reason", "requests", "total_tokens", "cost_usd",
                "limit_hits",
            ]
        case .alerts: own = ["event", "window", "threshold", "used_percent", "command_status"]
        }
        let table = DatabaseSchema.table(of: log)
        let names = ["time", "timestamp"] + own + ["record", "record_hash", "occurrence"]
        let values = names.indices.map { "?\($0 + 1)" }
        let occurrence =
            counted
            ? "(SELECT count(*) FROM \(table) WHERE time = ?1 AND record_hash = ?\(names.count - 1))"
            : values[values.count - 1]
        return "INSERT OR IGNORE INTO \(table) (\(names.joined(separator: ", "))) VALUES ("
            + (values.dropLast() + [occurrence]).joined(separator: ", ") + ")"
    }

    static let insertSampleSQL =
        "INSERT INTO usage_samples (probe_id, time, timestamp, window, used_percent, resets_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"

    /// The insert's parameters: with the occurrence for an import's insert, without for a counted one.
    func values(occurrence: Int?) -> [SQLiteValue?] {
        [.real(time), .text(timestamp)] + columns + [.text(line), .integer(hash)]
            + (occurrence.map { [.integer(Int64($0))] } ?? [])
    }

    /// 64-bit FNV-1a: fast, and with the time beside it a collision between two different lines is out of reach.
    static func hash(_ line: String) -> Int64 {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in line.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x0000_0100_0000_01B3
        }
        return Int64(bitPattern: value)
    }
}
