#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the logs of one or more directories (rotated files included) or databases, as samples in time order, streaming: memory
/// stays the same however long the history. Torn or invalid lines are skipped and counted.
///
/// Each (directory, log) pair is one `LogStream` (its files oldest first, small local disorder put right); the
/// streams are merged by time, a k-way merge over a handful of heads. Equal times come in the order of `sources`,
/// then usage, status, diagnostics. A line more than `LogStream.reorderWindow` lines out of place in its file (a
/// clock set back) comes out where it is: a consumer must bear an occasional step back in time.
public struct ReportLogReader: Sendable {
    public var sources: [LogSource]
    public var logs: Set<LogName>
    public var since: Double?
    public var until: Double?
    /// Only the newest this many files of each log (a look at what is new since a recent time); nil reads them all.
    public var newestFilesOnly: Int?

    public init(
        sources: [LogSource], logs: Set<LogName> = Set(LogName.readings), since: Double? = nil, until: Double? = nil
    ) {
        self.sources = sources
        self.logs = logs
        self.since = since
        self.until = until
    }

    /// Calls `body` with every sample in `since..<until`, in time order across every file and directory.
    public func read(_ body: (ReportSample) -> Void) throws(ReportReadError) -> ReadSummary {
        var streams: [any SampleStream] = []
        for source in sources {
            if source.isDatabase {
                streams += try DatabaseStream.streams(of: source, logs: logs, since: since, until: until)
                continue
            }
            let names = try Self.fileNames(in: source.path)
            for log in LogName.readings where logs.contains(log) {  // sessions.jsonl is not a log of readings
                let files = Self.files(of: log, among: names).suffix(newestFilesOnly ?? .max).map {
                    source.path + "/" + $0
                }
                streams.append(LogStream(files: files, log: log, label: source.label, since: since, until: until))
            }
        }
        var heads: [ReportSample?] = []
        var headTimes: [Double] = []
        for stream in streams {
            let next = try stream.next()
            heads.append(next?.sample)
            headTimes.append(next?.time ?? .infinity)
        }
        while true {
            // A handful of streams: a scan of their head times beats a heap. Records' times are finite, so infinity
            // marks a stream that is done.
            var chosen = -1
            var earliest = Double.infinity
            for index in headTimes.indices where headTimes[index] < earliest {
                chosen = index
                earliest = headTimes[index]
            }
            guard chosen >= 0, let sample = heads[chosen].take() else { break }
            body(sample)
            let next = try streams[chosen].next()
            headTimes[chosen] = next?.time ?? .infinity
            heads[chosen] = next?.sample
        }
        return streams.reduce(into: ReadSummary()) { total, stream in
            total.linesRead += stream.summary.linesRead
            total.skippedLines += stream.summary.skippedLines
            total.files += stream.summary.files
        }
    }

    /// The names in a log directory, listed once.
    static func fileNames(in directory: String) throws(ReportReadError) -> [String] {
        guard let handle = opendir(directory) else {
            switch errno {
            case ENOENT: throw .missingDirectory(directory)
            case ENOTDIR: throw .unreadable(path: directory, reason: "not a directory; give the log directory")
            default: throw .unreadable(path: directory, reason: String(cString: strerror(errno)))
            }
        }
        defer { closedir(handle) }
        var names: [String] = []
        while let entry = readdir(handle) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            names.append(name)
        }
        return names
    }

    /// A log's files oldest first: `name.N` … `name.1` (only canonical numbers, as `LogWriter` writes them), then
    /// `name` itself when present.
    static func files(of log: LogName, among names: [String]) -> [String] {
        let prefix = log.fileName + "."
        let rotated = names.compactMap { name -> Int? in
            guard name.hasPrefix(prefix) else { return nil }
            let suffix = name.dropFirst(prefix.count)
            guard let index = Int(suffix), index > 0, "\(index)" == suffix else { return nil }
            return index
        }
        return rotated.sorted(by: >).map { prefix + "\($0)" } + (names.contains(log.fileName) ? [log.fileName] : [])
    }
}
