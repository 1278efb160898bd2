import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// In `hybrid` storage, says in `diagnostics.jsonl` when the database starts and stops refusing records, once each
/// however many processes write: a file in the log directory is present while it fails. Only the process that
/// creates the file (`O_EXCL`) records "appeared", and only the one whose `unlink` removes it records "resolved".
struct DatabaseFailureMarker {
    let paths: LogPaths

    /// The database refused a record: records the failure if it is new, at the time it is noticed. True when this
    /// call recorded it.
    @discardableResult
    func failed(_ error: DatabaseError, writer: LogWriter) -> Bool {
        let date = Date()
        let descriptor = open(paths.databaseFailing, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard descriptor >= 0 else { return false }  // already failing (or the directory is unusable: said elsewhere)
        try? SystemCall.writeAll(descriptor, Array("\(Timestamp.string(from: date)) \(error)\n".utf8))
        SystemCall.closeQuietly(descriptor)
        let reason =
            "\(error); the records are kept in the JSONL logs, and once it works `usage-logger import` adds them"
        _ = try? writer.append(
            [record(event: "appeared", path: error.path, reason: reason, at: date).serialized()], to: .diagnostics)
        return true
    }

    /// The database took a record: records that the failure is over, if there was one.
    func succeeded(writer: LogWriter, path: String) {
        guard access(paths.databaseFailing, F_OK) == 0, unlink(paths.databaseFailing) == 0 else { return }
        let date = Date()  // now, not the record's time: after the "appeared" another process may have written
        let reason = "it takes records again; `usage-logger import` adds those it missed"
        _ = try? writer.append(
            [record(event: "resolved", path: path, reason: reason, at: date).serialized()], to: .diagnostics)
    }

    /// Since when and why the database fails, as the marker says; nil while it works.
    func failure() -> String? {
        guard let text = try? String(contentsOfFile: paths.databaseFailing, encoding: .utf8) else { return nil }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The same message both times: the report pairs "appeared" and "resolved" by it.
    private func record(event: String, path: String, reason: String, at date: Date) -> JSONValue {
        .object([
            ("timestamp", .string(Timestamp.string(from: date))),
            ("session_id", .null),
            ("diagnostic_type", .string(Diagnostic.Kind.databaseFailing.rawValue)),
            ("severity", .string(Diagnostic.Severity.error.rawValue)),
            ("message", .string("the SQLite database refuses records")),
            ("details", .object([("event", .string(event)), ("path", .string(path)), ("reason", .string(reason))])),
        ])
    }
}
