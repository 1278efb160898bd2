#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Keeps the metrics of one log directory up to date by reading only what was appended since the last call: what
/// the companion uses after each record, so a year of logs costs one full read at start, then a few lines a turn.
///
/// Per log it remembers the live file (device and inode) and how far it read (after the last whole line). The live
/// file grown: the new lines are read. Rotated since: the file read before is found among `name.1`, `name.2`, … by
/// its inode, its rest is read, then the newer files. Anything else (the file cut shorter, the one read before
/// gone): that log is read again from its oldest file. Each log feeds its own part of the state (windows and hits
/// from usage, the version from status, …), so the parts are merged at the end and order across logs does not
/// matter. Unlike a full read, counters keep what rotation deletes until the process restarts.
public final class MetricsFollower {
    public let directory: String
    private var parts: [LogName: MetricsSnapshot.Source] = [:]
    private var positions: [LogName: Position] = [:]
    private var decoders: [LogName: LogLineDecoder] = [:]
    private var summary = ReadSummary()
    private static let bufferSize = 1 << 20
    private var buffer = [UInt8](repeating: 0, count: bufferSize)
    /// With `collectsEvents`: the limit hits and warning changes read since the last `takeEvents()`.
    private var events: [ReportSample] = []
    /// Keep the limit hits (usage records in state `limited`) and warning changes read, for `takeEvents()`: what
    /// the OpenTelemetry push sends as logs, read in the same pass as the metrics.
    public var collectsEvents = false
    /// The most events kept between two `takeEvents()` (the newest).
    static let eventLimit = 1_000

    /// Where reading a log stopped: the live file's identity and the offset after its last whole line read.
    private struct Position {
        var device: UInt64
        var inode: UInt64
        var offset: Int
    }

    public init(directory: String) {
        self.directory = directory
    }

    /// The state of the directory at `now`, after reading what was appended since the last call (all on the first).
    public func snapshot(now: Double) throws(ReportReadError) -> MetricsSnapshot {
        let names = try ReportLogReader.fileNames(in: directory)
        for log in LogName.allCases {
            if try !follow(log, names: names) { try readAll(log, names: names) }
        }
        var snapshot = MetricsSnapshot(now: now)
        var merged = MetricsSnapshot.Source()
        for log in LogName.allCases { merged.merge(parts[log] ?? MetricsSnapshot.Source()) }
        snapshot.sources[""] = merged
        snapshot.summary = summary
        return snapshot
    }

    /// The limit hits and warning changes read since the last call, oldest first (on the first snapshot, those of
    /// the whole history); empty unless `collectsEvents`.
    public func takeEvents() -> [ReportSample] {
        defer { events = [] }
        return events
    }

    /// Reads what `log` gained since the last call; false when that cannot be told and it must be read again.
    private func follow(_ log: LogName, names: [String]) throws(ReportReadError) -> Bool {
        guard let position = positions[log] else { return false }
        let live = try LiveFile(path: directory + "/" + log.fileName)
        defer { live.close() }
        if live.descriptor < 0, position.inode == 0 {  // still no such log: unless rotated files came meanwhile
            return ReportLogReader.files(of: log, among: names).isEmpty
        }
        if live.identity == (position.device, position.inode) {
            guard live.size >= position.offset else { return false }  // cut shorter: not the lines read before
            positions[log]?.offset = try read(live.descriptor, from: position.offset, log: log, sealed: false)
            return true
        }
        if position.inode == 0 {  // there was no live file: it is new, unless rotated files came with it
            guard ReportLogReader.files(of: log, among: names).allSatisfy({ $0 == log.fileName }) else { return false }
        } else {
            // Rotated since: the file read before is now one of name.1, name.2, … (newest first).
            let rotated = ReportLogReader.files(of: log, among: names).filter { $0 != log.fileName }.reversed()
            var newer: [String] = []
            var found = false
            for name in rotated {
                guard let file = try? LiveFile(path: directory + "/" + name) else { continue }
                defer { file.close() }
                if file.identity == (position.device, position.inode) {
                    guard file.size >= position.offset else { return false }  // not the file read before
                    _ = try read(file.descriptor, from: position.offset, log: log, sealed: true)
                    found = true
                    break
                }
                newer.append(name)
            }
            guard found else { return false }
            for name in newer.reversed() {
                guard let file = try? LiveFile(path: directory + "/" + name) else { continue }
                defer { file.close() }
                _ = try read(file.descriptor, from: 0, log: log, sealed: true)
            }
        }
        let offset = live.descriptor < 0 ? 0 : try read(live.descriptor, from: 0, log: log, sealed: false)
        positions[log] = Position(device: live.identity.device, inode: live.identity.inode, offset: offset)
        return true
    }

    /// Reads `log` from its oldest file, forgetting what it said before.
    private func readAll(_ log: LogName, names: [String]) throws(ReportReadError) {
        parts[log] = MetricsSnapshot.Source()
        decoders[log] = LogLineDecoder(log: log, label: "")
        for name in ReportLogReader.files(of: log, among: names) where name != log.fileName {
            guard let file = try? LiveFile(path: directory + "/" + name), file.descriptor >= 0 else { continue }
            defer { file.close() }
            _ = try read(file.descriptor, from: 0, log: log, sealed: true)
        }
        let live = try LiveFile(path: directory + "/" + log.fileName)
        defer { live.close() }
        let offset = live.descriptor < 0 ? 0 : try read(live.descriptor, from: 0, log: log, sealed: false)
        positions[log] = Position(device: live.identity.device, inode: live.identity.inode, offset: offset)
    }

    /// Feeds the lines of `descriptor` from `offset` to `log`'s part; returns the offset after the last line fed.
    /// A live file's last line without its newline is being written: it is left for the next call. A rotated file
    /// (`sealed`) is complete, so its last line counts as it is.
    private func read(_ descriptor: Int32, from offset: Int, log: LogName, sealed: Bool) throws(ReportReadError)
        -> Int
    {
        // Taken out while lines are fed, so neither is copied on each change.
        var lines = Lines(log: log, part: parts.removeValue(forKey: log) ?? MetricsSnapshot.Source())
        lines.decoder = decoders.removeValue(forKey: log) ?? lines.decoder
        defer {
            parts[log] = lines.part
            decoders[log] = lines.decoder
            summary.linesRead += lines.read
            summary.skippedLines += lines.skipped
            if collectsEvents, !lines.events.isEmpty {
                events += lines.events
                if events.count > Self.eventLimit { events.removeFirst(events.count - Self.eventLimit) }
            }
        }
        var consumed = offset  // the file offset of buffer[0]
        var filled = 0
        while true {
            if filled == buffer.count {
                if buffer.count >= LineReader.maximumLineLength {
                    // Not a line of ours (a zero-filled tail a crash left): passed over, as the readers do.
                    consumed += filled
                    filled = 0
                    lines.skipped += 1
                } else {
                    buffer += [UInt8](repeating: 0, count: buffer.count)  // one long line
                }
            }
            let count = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return pread(descriptor, base + filled, raw.count - filled, off_t(consumed + filled))
            }
            if count < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: directory + "/" + log.fileName, reason: String(cString: strerror(errno)))
            }
            let atEnd = count == 0
            filled += count
            var start = 0
            buffer.withUnsafeBufferPointer { bytes in
                guard let base = bytes.baseAddress else { return }
                while start < filled, let found = memchr(base + start, 0x0A, filled - start) {
                    let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    lines.feed(UnsafeBufferPointer(start: base + start, count: newline - start))
                    start = newline + 1
                }
                if atEnd, sealed, start < filled {
                    lines.feed(UnsafeBufferPointer(start: base + start, count: filled - start))
                    start = filled
                }
            }
            consumed += start
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { bytes in
                    guard let base = bytes.baseAddress else { return }
                    _ = memmove(base, base + start, filled - start)
                }
                filled -= start
            }
            if atEnd {
                if buffer.count > Self.bufferSize { buffer = [UInt8](repeating: 0, count: Self.bufferSize) }
                return consumed
            }
        }
    }
}

/// One log's lines turned into its part of the state.
private struct Lines {
    let log: LogName
    var part: MetricsSnapshot.Source
    var decoder: LogLineDecoder
    var read = 0
    var skipped = 0
    /// Limit hits and warning changes, for `MetricsFollower.takeEvents()`.
    var events: [ReportSample] = []

    init(log: LogName, part: MetricsSnapshot.Source) {
        self.log = log
        self.part = part
        decoder = LogLineDecoder(log: log, label: "")
    }

    mutating func feed(_ line: UnsafeBufferPointer<UInt8>) {
        guard !line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) else { return }
        if log == .sessions {
            guard let session = SessionRowReader.reading(Array(line), label: "") else {
                skipped += 1
                return
            }
            part.add(session)
            return
        }
        guard let sample = decoder.decode(line) else {
            skipped += 1
            return
        }
        read += 1
        switch sample {
        case .usage(let reading):
            part.add(reading)
            if reading.state == "limited" { events.append(sample) }
        case .status(let reading): part.add(reading)
        case .diagnostic(let reading):
            part.add(reading)
            events.append(sample)
        }
    }
}

/// A log file opened for reading with its identity; a missing file has descriptor -1 and inode 0.
private struct LiveFile {
    let descriptor: Int32
    let identity: (device: UInt64, inode: UInt64)
    let size: Int

    init(path: String) throws(ReportReadError) {
        var opened: Int32
        repeat { opened = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW) } while opened < 0 && errno == EINTR
        guard opened >= 0 else {
            guard errno == ENOENT else { throw .unreadable(path: path, reason: String(cString: strerror(errno))) }
            descriptor = -1
            identity = (0, 0)
            size = 0
            return
        }
        var info = stat()
        guard fstat(opened, &info) == 0 else {
            let reason = String(cString: strerror(errno))
            SystemCall.closeQuietly(opened)
            throw .unreadable(path: path, reason: reason)
        }
        descriptor = opened
        identity = (UInt64(bitPattern: Int64(info.st_dev)), UInt64(info.st_ino))
        size = Int(info.st_size)
    }

    func close() {
        if descriptor >= 0 { SystemCall.closeQuietly(descriptor) }
    }
}
