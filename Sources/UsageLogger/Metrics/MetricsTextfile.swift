import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The metrics as a file for node_exporter's textfile collector (`--collector.textfile.directory=DIR`): written to
/// `DIR/usage_logger.prom` through a temporary file and a rename, so the collector never reads half of it (its
/// temporary name does not end in `.prom`, which the collector passes over).
public enum MetricsTextfile {
    /// The file's name in the directory.
    public static let fileName = "usage_logger.prom"

    /// What went wrong, with what to do about it.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Writes `text` to `directory/usage_logger.prom` atomically. Returns the path.
    @discardableResult
    public static func write(_ text: String, directory: String) throws(Failure) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw Failure(
                description:
                    "\(directory) is not a directory; create it (node_exporter's --collector.textfile.directory) "
                    + "or give another")
        }
        let path = directory + "/" + fileName
        do {
            try replace(path, with: Array(text.utf8))
        } catch {
            throw Failure(description: "cannot write \(path): \(error); check the directory's permissions")
        }
        return path
    }

    /// A temporary file beside `path`, mode 0644, then `rename`: like `AtomicFile`, but readable by a node_exporter
    /// running as another user (metrics hold no secret), and without fsyncs (the next record rewrites it).
    private static func replace(_ path: String, with bytes: [UInt8]) throws {
        if let reason = FileSystem.refusal(at: path) { throw RefusedFile(path: path, reason: reason) }
        let temporary = "\(path).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = try SystemCall.retrying("create", path: temporary) {
            open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        }
        do {
            defer { SystemCall.closeQuietly(descriptor) }
            try SystemCall.changeMode(descriptor, 0o644, path: temporary)
            try SystemCall.writeAll(descriptor, bytes, path: temporary)
        } catch {
            SystemCall.removeQuietly(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = SystemCallError("rename", path: path)
            SystemCall.removeQuietly(temporary)
            throw failure
        }
    }

    /// The state `follower` reads now, written: what the companion does after each record (reading only what was
    /// appended since the last time).
    public static func refresh(directory: String, follower: MetricsFollower, now: Date = Date()) throws(Failure) {
        let snapshot: MetricsSnapshot
        do {
            snapshot = try follower.snapshot(now: now.timeIntervalSince1970)
        } catch {
            throw Failure(description: "metrics not written: \(error)")
        }
        try write(PrometheusExposition.render(snapshot), directory: directory)
    }
}

extension MetricsTextfile {
    /// The state the database at `database` holds now, written: the companion's refresh with `sqlite` storage,
    /// where there are no log files to follow. The whole history is read each time (about a second for a year, on
    /// an index), so it is a refresh per record, not per render.
    public static func refresh(directory: String, database: String, now: Date = Date()) throws(Failure) {
        let source = [LogSource(path: database, isDatabase: true)]
        let snapshot: MetricsSnapshot
        do {
            snapshot = try MetricsSnapshot.gather(
                reader: ReportLogReader(sources: source), sessions: SessionRowReader(sources: source),
                now: now.timeIntervalSince1970)
        } catch {
            throw Failure(description: "metrics not written: \(error)")
        }
        try write(PrometheusExposition.render(snapshot), directory: directory)
    }
}
