import Foundation

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
            // 0644: node_exporter often runs as another user (the metrics hold no secret); no fsyncs, since the next
            // record rewrites it.
            try AtomicFile.write(Array(text.utf8), to: path, durable: false, mode: 0o644)
        } catch {
            throw Failure(description: "cannot write \(path): \(error); check the directory's permissions")
        }
        return path
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
