/// One table of the SQLite database as a stream of samples, oldest first: each row's `record` (the line the JSONL
/// log holds) goes through the same `LogLineDecoder` as a log's lines, read in place from SQLite's buffer, so a
/// report from the database equals the report from the logs.
final class DatabaseStream: SampleStream {
    private let database: RecordDatabase
    private let rows: SQLiteStatement
    private var decoder: LogLineDecoder
    private(set) var summary = ReadSummary()

    init(database: RecordDatabase, log: LogName, label: String, since: Double?, until: Double?)
        throws(ReportReadError)
    {
        self.database = database
        decoder = LogLineDecoder(log: log, label: label)
        do { rows = try database.records(of: log, since: since, until: until) } catch { throw .database(error) }
        summary.files = 1
    }

    /// A stream per log of `logs` from the database `source` names.
    static func streams(of source: LogSource, logs: Set<LogName>, since: Double?, until: Double?)
        throws(ReportReadError) -> [DatabaseStream]
    {
        let database: RecordDatabase
        do { database = try RecordDatabase(readingAt: source.path) } catch { throw .database(error) }
        var streams: [DatabaseStream] = []
        for log in LogName.readings where logs.contains(log) {
            streams.append(
                try DatabaseStream(database: database, log: log, label: source.label, since: since, until: until))
        }
        return streams
    }

    func next() throws(ReportReadError) -> (sample: ReportSample, time: Double)? {
        while true {
            let more: Bool
            do { more = try rows.step() } catch { throw .database(error) }
            guard more else { return nil }
            guard let sample = decoder.decode(rows.bytes(1)) else {
                summary.skippedLines += 1
                continue
            }
            summary.linesRead += 1
            return (sample, decoder.time)
        }
    }
}
