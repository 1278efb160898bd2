/// Loads a directory's JSONL logs (rotated files included, oldest first) into the database, in batches of one
/// transaction each. Idempotent: a line already in the database (same time, same bytes, same count of identical
/// lines before it) is passed over, so running it twice adds nothing, and after a `hybrid` database failure it adds
/// exactly what the database missed. Lines that are not records (torn, not JSON, no time) are counted, not
/// imported: the report skips them too.
///
/// `catchUp` looks only at the last hour before the newest record the database has of each log (what `hybrid`
/// writers may have failed to add, a lock being busy): files last written before it are not opened, and older lines
/// are passed over on their timestamp without being parsed.
public struct LogImporter {
    public let directory: String
    public let database: RecordDatabase
    public var batchSize = 2000
    /// Only lines from an hour before the database's newest record of each log (see above).
    public var catchUp = false

    /// How far back of the newest record a catch-up looks.
    static let catchUpWindow: Double = 3600

    public init(directory: String, database: RecordDatabase) {
        self.directory = directory
        self.database = database
    }

    /// How far the import is, for a progress line.
    public struct Progress: Sendable, Equatable {
        public var file: String
        public var bytesDone: Int64
        public var bytesTotal: Int64
    }

    /// What the import did.
    public struct Outcome: Sendable, Equatable {
        public var added: [LogName: Int] = [:]
        /// Records that were in the database already.
        public var present = 0
        /// Lines that are not records.
        public var skipped = 0
        public var files = 0
        public var bytes: Int64 = 0

        public var addedTotal: Int { added.values.reduce(0, +) }
    }

    /// Why an import stopped: the logs could not be read, or the database refused a batch (the batches before it
    /// are in; running `import` again goes on where it stopped).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case unreadable(ReportReadError)
        case database(DatabaseError)

        public var description: String {
            switch self {
            case .unreadable(let error): error.description
            case .database(let error): error.description
            }
        }
    }

    public func run(progress: (Progress) -> Void = { _ in }) throws(Failure) -> Outcome {
        let names: [String]
        do { names = try ReportLogReader.fileNames(in: directory) } catch { throw .unreadable(error) }
        var files: [(log: LogName, path: String, cutoff: Double?)] = []
        for log in LogName.allCases {
            var cutoff: Double?
            if catchUp {
                do { cutoff = try database.lastRecordTime(of: log).map { $0 - Self.catchUpWindow } } catch {
                    throw .database(error)
                }
            }
            for name in ReportLogReader.files(of: log, among: names) {
                let path = directory + "/" + name
                // A file last written before the cutoff holds nothing newer: not even opened.
                if let cutoff, let written = FileSystem.modificationTime(of: path), written < cutoff { continue }
                files.append((log, path, cutoff))
            }
        }
        var outcome = Outcome()
        let total = files.reduce(Int64(0)) { $0 + FileSystem.size(of: $1.path) }
        for file in files {
            let size = FileSystem.size(of: file.path)
            let before = outcome.bytes
            var counter = OccurrenceCounter()
            try importFile(file.path, log: file.log, cutoff: file.cutoff, counter: &counter, into: &outcome) { done in
                progress(Progress(file: file.path, bytesDone: before + done, bytesTotal: total))
            }
            outcome.bytes += size
            outcome.files += 1
        }
        return outcome
    }

    private func importFile(
        _ path: String, log: LogName, cutoff: Double?, counter: inout OccurrenceCounter, into outcome: inout Outcome,
        progress: (Int64) -> Void
    ) throws(Failure) {
        let reader: LineReader?
        do { reader = try LineReader(path: path, noFollow: true) } catch { throw .unreadable(error) }
        guard let reader else { return }  // rotated away since the directory was listed
        var batch: [(row: DatabaseRow, occurrence: Int?)] = []
        var bytesRead: Int64 = 0
        var time = RecordTime()
        func flush() throws(Failure) {
            guard !batch.isEmpty else { return }
            do {
                let added = try database.insert(batch, into: log)
                outcome.added[log, default: 0] += added
                outcome.present += batch.count - added
            } catch {
                throw .database(error)
            }
            batch.removeAll(keepingCapacity: true)
            progress(bytesRead)
        }
        while true {
            let next: LineReader.Line?
            do { next = try reader.next() } catch { throw .unreadable(error) }
            guard let next else { break }
            guard case .text(let bytes) = next else {
                outcome.skipped += 1
                continue
            }
            bytesRead += Int64(bytes.count + 1)
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let cutoff, let written = Self.leadingTimestamp(bytes, &time), written < cutoff { continue }
            guard let value = try? JSONParser.parse(Array(bytes)), case .object = value,
                let row = DatabaseRow(log: log, record: value, line: String(decoding: bytes, as: UTF8.self))
            else {
                outcome.skipped += 1
                continue
            }
            // Identical lines of the same time are told apart by their order; a catch-up that starts at a cutoff
            // sees every line of a time it looks at, so it counts them the same way.
            batch.append((row, counter.next(time: row.time, hash: row.hash)))
            if batch.count >= batchSize { try flush() }
        }
        try flush()
    }

    /// The time of a line written as usage-logger writes (`{"timestamp":"2026-…Z",…`), read without parsing it.
    private static func leadingTimestamp(_ bytes: UnsafeBufferPointer<UInt8>, _ time: inout RecordTime) -> Double? {
        let prefix = leadingKey
        guard bytes.count > prefix.count + 24, bytes.starts(with: prefix) else { return nil }
        return time.seconds(UnsafeBufferPointer(rebasing: bytes[prefix.count..<(prefix.count + 24)]))
    }

    private static let leadingKey = Array(#"{"timestamp":""#.utf8)
}
