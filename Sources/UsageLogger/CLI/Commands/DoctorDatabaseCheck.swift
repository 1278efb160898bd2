import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The database side of `doctor`: with `sqlite` or `hybrid` storage, whether the database opens, is sound
/// (`PRAGMA quick_check`), has a schema this usage-logger knows, is 0600, how many records it holds and how old the
/// last is, and whether `hybrid` writes have been failing; with `jsonl`, a database left from before is mentioned.
struct DoctorDatabaseCheck {
    typealias Check = DoctorCommand.Check
    let configuration: Configuration
    let logDirectory: String

    var path: String { configuration.databasePath ?? LogPaths(directory: logDirectory).defaultDatabase }

    func checks() -> [Check] {
        let title = "database"
        guard configuration.storageType != .jsonl else {
            guard FileSystem.kind(of: path) == .regular else { return [] }
            return [
                Check(
                    level: .ok, title: title,
                    detail: "\(path) exists but is not kept current (PET_LOG_STORAGE_TYPE=jsonl)",
                    fix: nil)
            ]
        }
        var checks: [Check] = []
        if let failure = DatabaseFailureMarker(paths: LogPaths(directory: logDirectory)).failure() {
            checks.append(
                Check(
                    level: .failure, title: "database writes",
                    detail: "failing since \(failure); the JSONL logs have every record",
                    fix: "fix what the message says, then run `usage-logger import` to add what the database missed"))
        }
        guard FileSystem.kind(of: path) != .missing else {
            checks.append(
                Check(
                    level: .warning, title: title, detail: "\(path) does not exist yet",
                    fix: "it is created with the first record; `usage-logger import` loads the logs you have"))
            return checks
        }
        do {
            let database = try RecordDatabase(readingAt: path)
            let soundness = try database.quickCheck()
            guard soundness == "ok" else {
                checks.append(
                    Check(
                        level: .failure, title: title, detail: "\(path) is damaged: \(soundness)",
                        fix: "move it away and run `usage-logger import` to rebuild it from the JSONL logs"))
                return checks
            }
            let counts = try LogName.allCases.map { log throws(DatabaseError) in
                "\(try database.count(log)) \(log.rawValue)"
            }
            var detail = "\(path), schema \(try database.schemaVersion): \(counts.joined(separator: ", "))"
            if let last = try database.lastRecordTime(of: .usage) {
                detail += "; last usage record \(AgeText.text(Date().timeIntervalSince1970 - last)) ago"
            }
            checks.append(Check(level: .ok, title: title, detail: detail))
        } catch {
            checks.append(Check(level: .failure, title: title, detail: error.description))
            return checks
        }
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & 0o777 != 0o600 {
            checks.append(
                Check(
                    level: .warning, title: "database permissions",
                    detail: "mode \(String(info.st_mode & 0o777, radix: 8)), set back to 600 on the next write",
                    fix: "chmod 600 '\(path)'"))
        }
        return checks
    }
}
