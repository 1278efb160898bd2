/// Loads a directory's JSONL logs (rotated files included, oldest first) into the database, in batches of one
/// transaction each. Idempotent: a line already in the database (same time, same bytes) is passed over, so running
/// it twice adds nothing, and after a `hybrid` database failure it adds exactly what the database missed. Lines that
/// are not records (torn, not JSON, no time) are counted, not imported: the report skips them too.
public struct LogImporter {
    public let directory: String
    public let database: RecordDatabase
    public var batchSize = 2000

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
        let files = LogName.allCases.flatMap { log in
            ReportLogReader.files(of: log, among: names).map { (log: log, path: directory + "/" + $0) }
        }
        var outcome = Outcome()
        let total = files.reduce(Int64(0)) { $0 + FileSystem.size(of: $1.path) }
        for file in files {
            let size = FileSystem.size(of: file.path)
            let before = outcome.bytes
            try importFile(file.path, log: file.log, into: &outcome) { done in
                progress(Progress(file: file.path, bytesDone: before + done, bytesTotal: total))
            }
            outcome.bytes += size
            outcome.files += 1
        }
        return outcome
    }

    private func importFile(
        _ path: String, log: LogName, into outcome: inout Outcome, progress: (Int64) -> Void
    ) throws(Failure) {
        let reader: LineReader?
        do { reader = try LineReader(path: path, noFollow: true) } catch { throw .unreadable(error) }
        guard let reader else { return }  // rotated away since the directory was listed
        var batch: [(line: String, value: JSONValue)] = []
        var bytesRead: Int64 = 0
        func flush() throws(Failure) {
            guard !batch.isEmpty else { return }
            do {
                let result = try database.insert(batch, into: log)
                outcome.added[log, default: 0] += result.added
                outcome.present += batch.count - result.added - result.skipped
                outcome.skipped += result.skipped
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
            guard let value = try? JSONParser.parse(Array(bytes)), case .object = value else {
                outcome.skipped += 1
                continue
            }
            batch.append((String(decoding: bytes, as: UTF8.self), value))
            if batch.count >= batchSize { try flush() }
        }
        try flush()
    }
}
