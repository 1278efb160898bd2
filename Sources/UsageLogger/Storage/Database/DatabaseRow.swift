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
        columns = Self.columns(of: log).map { $0.value(in: record) }
        if log == .usage {
            samples = (record["usage_data"]?["windows"]?.arrayValue ?? []).compactMap { window in
                guard let name = window["name"]?.stringValue else { return nil }
                return Sample(
                    window: name, usedPercent: window["used_percent"]?.doubleValue,
                    resetsAt: window["resets_at"]?.stringValue)
            }
        }
    }

    /// A table's own column: its name, and where in the record its value is, of which kind.
    struct Column {
        enum Kind { case text, integer, real }
        let name: String
        let kind: Kind
        let path: [String]

        init(_ name: String, _ kind: Kind = .text, _ path: String...) {
            self.name = name
            self.kind = kind
            self.path = path.isEmpty ? [name] : path
        }

        func value(in record: JSONValue) -> SQLiteValue? {
            let found = path.reduce(Optional(record)) { value, key in value?[key] }
            switch kind {
            case .text: return found?.stringValue.map(SQLiteValue.text)
            case .integer: return found?.intValue.map { .integer(Int64($0)) }
            case .real: return found?.doubleValue.map(SQLiteValue.real)
            }
        }
    }

    /// Each table's own columns after `time` and `timestamp`, in `DatabaseSchema` order: the one list both the
    /// values and the insert's names come from (made once: an import asks for it on every line).
    static func columns(of log: LogName) -> [Column] { columnsByLog[log] ?? [] }

    private static let columnsByLog = Dictionary(uniqueKeysWithValues: LogName.allCases.map { ($0, declared($0)) })

    private static func declared(_ log: LogName) -> [Column] {
        switch log {
        case .usage:
            [
                Column("session_id"), Column("source", .text, "usage_data", "source"),
                Column("state", .text, "usage_data", "state"), Column("error"),
                Column("error_type", .text, "usage_data", "error", "type"),
                Column("duration_ms", .integer, "probe", "duration_ms"),
            ]
        case .status: [Column("session_id"), Column("email"), Column("version"), Column("model"), Column("error")]
        case .diagnostics:
            [
                Column("session_id"), Column("diagnostic_type"), Column("severity"),
                Column("event", .text, "details", "event"), Column("message"),
            ]
        case .sessions:
            [
                Column("session_id"), Column("cwd"), Column("started_at"), Column("ended_at"), Column("end_reason"),
                Column("requests", .integer), Column("total_tokens", .integer, "tokens", "total"),
                Column("cost_usd", .real), Column("limit_hits", .integer),
            ]
        case .alerts:
            [
                Column("event"), Column("window"), Column("threshold", .real), Column("used_percent", .real),
                Column("command_status", .integer, "command", "status"),
            ]
        }
    }

    /// The insert for `log`'s table; a line already there (same time, hash and occurrence) is passed over. The
    /// last parameter is the occurrence; `counted` computes it instead: one more than the identical lines of the
    /// same time already stored (a record written now), where an import gives it from its own count of the log.
    static func insertSQL(_ log: LogName, counted: Bool) -> String {
        let own = columns(of: log).map(\.name)
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
