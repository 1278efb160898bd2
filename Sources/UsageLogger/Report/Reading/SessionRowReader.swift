/// Reads `sessions.jsonl` (and its rotated files, oldest first) of each directory, or a database's `sessions`, for the report's tokens: one
/// `SessionReading` per row that ended in `since..<until`. Rows are small and few (one per session), so each is
/// parsed whole; a line that is not a row is skipped and counted.
public struct SessionRowReader: Sendable {
    public var sources: [LogSource]
    public var since: Double?
    public var until: Double?

    public init(sources: [LogSource], since: Double? = nil, until: Double? = nil) {
        self.sources = sources
        self.since = since
        self.until = until
    }

    /// One row: when the session ended (`ended_at`, else `timestamp`), its directory and its tokens per model.
    public struct SessionReading: Sendable, Equatable {
        public var time: Double
        public var label: String
        public var cwd: String?
        public var requests: Int
        public var tokensByModel: [String: SessionTokens]
    }

    /// Calls `body` with every row in range, directory by directory; returns how many lines were skipped.
    @discardableResult
    public func read(_ body: (SessionReading) -> Void) throws(ReportReadError) -> Int {
        var skipped = 0
        for source in sources {
            if source.isDatabase {
                skipped += try readDatabase(source, body)
                continue
            }
            let names = try ReportLogReader.fileNames(in: source.path)
            for file in ReportLogReader.files(of: .sessions, among: names) {
                guard let reader = try LineReader(path: source.path + "/" + file) else { continue }
                while let line = try reader.next() {
                    guard case .text(let bytes) = line, !bytes.isEmpty else { continue }
                    guard let reading = Self.reading(Array(bytes), label: source.label) else {
                        skipped += 1
                        continue
                    }
                    if let since, reading.time < since { continue }
                    if let until, reading.time >= until { continue }
                    body(reading)
                }
            }
        }
        return skipped
    }

    /// The `sessions` table of a database, whose `time` is the row's `ended_at` (else `timestamp`) as here.
    private func readDatabase(_ source: LogSource, _ body: (SessionReading) -> Void) throws(ReportReadError) -> Int {
        var skipped = 0
        do {
            let database = try RecordDatabase(readingAt: source.path)
            let rows = try database.records(of: .sessions, since: since, until: until)
            while try rows.step() {
                guard let reading = Self.reading(Array(rows.bytes(1)), label: source.label) else {
                    skipped += 1
                    continue
                }
                body(reading)
            }
        } catch {
            throw .database(error)
        }
        return skipped
    }

    static func reading(_ bytes: [UInt8], label: String) -> SessionReading? {
        guard let row = try? JSONParser.parse(bytes), case .object = row,
            let text = row["ended_at"]?.stringValue ?? row["timestamp"]?.stringValue,
            let time = Timestamp.date(iso8601: text)?.timeIntervalSince1970,
            case .object(let models)? = row["tokens_by_model"]
        else { return nil }
        var byModel: [String: SessionTokens] = [:]
        for (model, counts) in models {
            byModel[model] = SessionTokens(
                input: counts["input"]?.intValue ?? 0, output: counts["output"]?.intValue ?? 0,
                cacheRead: counts["cache_read"]?.intValue ?? 0, cacheCreation: counts["cache_creation"]?.intValue ?? 0)
        }
        return SessionReading(
            time: time, label: label, cwd: row["cwd"]?.stringValue, requests: row["requests"]?.intValue ?? 0,
            tokensByModel: byModel)
    }
}
