/// Loads a directory's JSONL logs (rotated files included, oldest first) into the database, in batches of one
/// transaction each. Idempotent: a line already in the database (same time, same bytes, same count of identical
/// lines before it) is passed over, so running it twice adds nothing, and after a `hybrid` database failure it adds
/// exactly what the database missed. Lines that are not records (torn, not JSON, no time) are counted, not
/// imported: the report skips them too.
///
/// `resumeFrom` makes it a catch-up: each log is read from where an earlier run stopped (the file, by identity,
/// whatever rotation renamed it to, and the end of its last whole line), so every line appended since is read, late
/// ones included, and nothing before it is read again. A file rotated away since is no loss: then every file there
/// is is read again, and what is in the database already is passed over.
public struct LogImporter {
    public let directory: String
    public let database: RecordDatabase
    public var batchSize = 2000
    /// Where to go on from, per log; a log without one is read whole.
    public var resumeFrom: [LogName: ReadPosition] = [:]
    /// Asked between batches: true stops the import there (a companion asked to stop); what was read is in, and
    /// the positions say where the next run goes on.
    public var shouldStop: () -> Bool = { false }

    public init(directory: String, database: RecordDatabase) {
        self.directory = directory
        self.database = database
    }

    /// Where reading a log stopped: the file and the offset after its last whole line.
    public struct ReadPosition: Sendable, Equatable {
        var file: FileIdentity
        var offset: Int64

        /// As kept in the database's `meta`: `device:inode offset`.
        var text: String { "\(file.text) \(offset)" }

        init(file: FileIdentity, offset: Int64) {
            self.file = file
            self.offset = offset
        }

        init?(text: String) {
            let parts = text.split(separator: " ")
            guard parts.count == 2, let file = FileIdentity(text: String(parts[0])), let offset = Int64(parts[1])
            else { return nil }
            self.init(file: file, offset: offset)
        }
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
        /// Where each log's reading stopped: where the next catch-up goes on from.
        public var positions: [LogName: ReadPosition] = [:]
        /// `shouldStop` ended it before the end of the logs.
        public var stopped = false

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
        var files: [(log: LogName, path: String, offset: Int64)] = []
        for log in LogName.allCases {
            let paths = ReportLogReader.files(of: log, among: names).map { directory + "/" + $0 }
            var first = 0
            var offset: Int64 = 0
            if let resume = resumeFrom[log],
                let index = paths.firstIndex(where: { FileIdentity(path: $0) == resume.file })
            {
                first = index
                offset = resume.offset
            }
            for (index, path) in paths.enumerated() where index >= first {
                files.append((log, path, index == first ? offset : 0))
            }
        }
        var outcome = Outcome()
        let total = files.reduce(Int64(0)) { $0 + max(0, FileSystem.size(of: $1.path) - $1.offset) }
        for file in files {
            if shouldStop() {
                outcome.stopped = true
                break
            }
            let before = outcome.bytes
            var counter = OccurrenceCounter()
            let position = try importFile(
                file.path, log: file.log, from: file.offset, counter: &counter, into: &outcome
            ) { done in
                progress(Progress(file: file.path, bytesDone: before + done, bytesTotal: total))
            }
            if let position { outcome.positions[file.log] = position }
            outcome.bytes += max(0, FileSystem.size(of: file.path) - file.offset)
            outcome.files += 1
        }
        return outcome
    }

    /// Imports the lines of `path` from `offset` on; returns where its last whole line ends.
    private func importFile(
        _ path: String, log: LogName, from offset: Int64, counter: inout OccurrenceCounter,
        into outcome: inout Outcome, progress: (Int64) -> Void
    ) throws(Failure) -> ReadPosition? {
        let reader: LineReader?
        do { reader = try LineReader(path: path, noFollow: true) } catch { throw .unreadable(error) }
        guard let reader else { return nil }  // rotated away since the directory was listed
        if offset > 0 { reader.skip(to: offset) }
        var batch: [(row: DatabaseRow, occurrence: Int?)] = []
        var bytesRead: Int64 = 0
        var lastLine = 0
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
            lastLine = bytes.count
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            guard let value = try? JSONParser.parse(Array(bytes)), case .object = value,
                let row = DatabaseRow(log: log, record: value, line: String(decoding: bytes, as: UTF8.self))
            else {
                outcome.skipped += 1
                continue
            }
            // Identical lines of the same time are told apart by their order in the file.
            batch.append((row, counter.next(time: row.time, hash: row.hash)))
            if batch.count >= batchSize {
                try flush()
                if shouldStop() {
                    outcome.stopped = true
                    break
                }
            }
        }
        try flush()
        guard let identity = reader.identity else { return nil }
        // A last line without its newline (a writer mid-append) is read again next time: the position stays
        // before it, and a record it was is passed over then.
        var end = offset + bytesRead
        if !reader.lastLineEnded { end -= Int64(lastLine + 1) }
        return ReadPosition(file: identity, offset: max(offset, end))
    }
}
