import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The log side of `doctor`: the switch, the directory, each file's permissions and last record, rotation,
/// free space, the companion.
struct DoctorLogChecks {
    typealias Check = DoctorCommand.Check
    let context: CommandContext
    var configuration: Configuration { context.configuration }

    func checks() -> [Check] {
        var checks: [Check] = []
        checks.append(
            configuration.loggingEnabled
                ? Check(level: .ok, title: "logging", detail: "on")
                : Check(level: .warning, title: "logging", detail: "off", fix: "set PET_USAGE_LOGGING_ENABLED=true"))
        let directory = LogDirectory.choose(configuration: configuration, currentDirectory: context.currentDirectory)
        let path =
            directory.problem() != nil && !directory.isExplicit
            ? LogDirectory.fallbackPath(configuration: configuration) : directory.path
        checks.append(Check(level: .ok, title: "log directory chosen", detail: "\(path) (\(directory.reason))"))
        let others = LogDirectory(path: path, reason: directory.reason, isExplicit: directory.isExplicit)
            .othersWithRecords(configuration: configuration, currentDirectory: context.currentDirectory)
        if !others.isEmpty {
            checks.append(
                Check(
                    level: .warning, title: "split history",
                    detail: "records also in \(others.joined(separator: ", ")), which this run does not use",
                    fix: "run usage-logger from the same place every time (cron, the status line and your shell), "
                        + "or set PET_LOG_DIR; `usage-logger config` says why a directory is chosen"))
        }
        guard FileSystem.kind(of: path) == .directory || FileSystem.kind(of: path) == .symbolicLink else {
            let problem = directory.problem()
            checks.append(
                Check(
                    level: problem == nil ? .warning : .failure, title: "log directory",
                    detail: "\(path) \(problem.map { "cannot be used: \($0)" } ?? "does not exist yet")",
                    fix: problem == nil
                        ? "it is created by the first `usage-logger once`" : "fix its permissions or set PET_LOG_DIR"))
            return checks
        }
        checks.append(directoryCheck(path))
        let paths = LogPaths(directory: path)
        // With `sqlite` storage the logs are not written: the database check speaks for them.
        if configuration.storageType != .sqlite {
            for log in LogName.allCases { checks.append(fileCheck(paths.log(log), log: log)) }
        }
        checks += DoctorDatabaseCheck(configuration: configuration, logDirectory: path).checks()
        checks += DoctorTelemetryCheck(configuration: configuration, logDirectory: path).checks()
        checks.append(
            Check(
                level: .ok, title: "rotation",
                detail:
                    "at \(ByteCount.text(configuration.maxSize)), keeping \(configuration.maxFiles) old file\(configuration.maxFiles == 1 ? "" : "s") per log"
            ))
        checks.append(unsafeFilesCheck(paths))
        checks.append(spaceCheck(path))
        checks.append(companionCheck(paths))
        if let signedOut = signedOutCheck(path) { checks.append(signedOut) }
        return checks
    }

    /// Said while the companion's `/usage` probes run signed out and the statusline shows plan limits.
    private func signedOutCheck(_ directory: String) -> Check? {
        guard let since = StateStore(directory: directory).load().signedOutSince else { return nil }
        return Check(
            level: .warning, title: "companion sign-in",
            detail: "since \(Timestamp.string(from: since)), \(SignedOutProbe.explanation)", fix: SignedOutProbe.fix)
    }

    private func directoryCheck(_ path: String) -> Check {
        var info = stat()
        guard stat(path, &info) == 0 else {
            return Check(level: .failure, title: "log directory", detail: "\(path) cannot be read")
        }
        let mode = info.st_mode & 0o777
        if let reason = FileSystem.directoryRefusal(path, info) {
            return Check(
                level: .failure, title: "log directory", detail: "\(path) cannot be used: \(reason)",
                fix: info.st_uid != geteuid()
                    ? "use a directory of your own (set PET_LOG_DIR)" : "chmod go-w '\(path)', or set PET_LOG_DIR")
        }
        let writable = access(path, W_OK | X_OK) == 0
        if !writable {
            return Check(
                level: .failure, title: "log directory", detail: "\(path) is not writable", fix: "chmod 700 '\(path)'")
        }
        return mode & 0o077 == 0
            ? Check(level: .ok, title: "log directory", detail: "\(path) (mode \(String(mode, radix: 8)))")
            : Check(
                level: .warning, title: "log directory",
                detail: "\(path) is readable by others (mode \(String(mode, radix: 8)))",
                fix: "chmod 700 '\(path)'")
    }

    private func fileCheck(_ path: String, log: LogName) -> Check {
        switch FileSystem.kind(of: path) {
        case .missing where log == .sessions:  // written only once the hooks are installed
            return Check(level: .ok, title: log.fileName, detail: "no sessions yet (`usage-logger setup hooks`)")
        case .missing where log == .alerts:  // written only when an alert fires
            return Check(
                level: .ok, title: log.fileName,
                detail: configuration.alertCommand == nil ? "alerts are off (PET_ALERT_COMMAND)" : "no alert yet")
        case .missing:
            return Check(level: .warning, title: log.fileName, detail: "no records yet")
        case .regular:
            break
        default:
            return Check(
                level: .failure, title: log.fileName, detail: "\(path) is not a regular file", fix: "move it away")
        }
        var info = stat()
        _ = lstat(path, &info)
        let mode = info.st_mode & 0o777
        guard mode == 0o600 else {
            return Check(
                level: .warning, title: log.fileName,
                detail: "mode \(String(mode, radix: 8)), set back to 600 on the next write", fix: "chmod 600 '\(path)'")
        }
        let lastRecord = LastRecord(path: path)
        let invalid =
            lastRecord.invalidLines == 0
            ? ""
            : "; \(lastRecord.invalidLines) line\(lastRecord.invalidLines == 1 ? " is" : "s are") not valid JSON "
                + "(skipped; a writer stopped mid-append leaves one, the next write cuts it off)"
        guard let last = lastRecord.timestamp else {
            return Check(level: .warning, title: log.fileName, detail: "no readable record" + invalid)
        }
        let age = Date().timeIntervalSince(last)
        let interval = log == .status ? configuration.statusIntervalMs : configuration.usageIntervalMs
        // Only the logs of readings are written on a schedule; the others when something happens.
        let stale = [.usage, .status].contains(log) && age * 1000 > Double(interval) * 3
        return Check(
            level: stale || !invalid.isEmpty ? .warning : .ok, title: log.fileName,
            detail: "last record \(AgeText.text(age)) ago" + invalid,
            fix: stale ? "is `usage-logger once --due` in cron, or the companion, running?" : nil)
    }

    /// Links and other people's files at our paths: every command refuses them, so they stop logging.
    private func unsafeFilesCheck(_ paths: LogPaths) -> Check {
        let refused = paths.all.compactMap { path in FileSystem.refusal(at: path).map { "\(path): \($0)" } }
        guard refused.isEmpty else {
            return Check(
                level: .failure, title: "files", detail: refused.joined(separator: "; "),
                fix: "move \(refused.count == 1 ? "it" : "them") away; usage-logger refuses to write there")
        }
        return Check(level: .ok, title: "files", detail: "no link or special file where usage-logger writes")
    }

    private func spaceCheck(_ path: String) -> Check {
        guard let available = FileSystem.availableBytes(at: path) else {
            return Check(level: .warning, title: "free space", detail: "cannot tell")
        }
        let text = "\(ByteCount.text(available)) free"
        if available < configuration.minimumFreeSpace {
            return Check(
                level: .failure, title: "free space", detail: text + ", writing is paused (PET_LOG_MIN_FREE)",
                fix: "free some space")
        }
        if available < configuration.warnFreeSpace {
            return Check(
                level: .warning, title: "free space", detail: text + ", below PET_LOG_WARN_FREE", fix: "free some space"
            )
        }
        return Check(level: .ok, title: "free space", detail: text)
    }

    private func companionCheck(_ paths: LogPaths) -> Check {
        let lockPath = paths.companionLock
        guard FileSystem.kind(of: lockPath) == .regular, (try? FileLock.tryAcquire(lockPath)) == nil else {
            return Check(level: .ok, title: "companion", detail: "not running (cron or the statusline can start it)")
        }
        let holder = FileLock.holder(of: lockPath).map { "pid \($0)" } ?? "another process"
        return Check(level: .ok, title: "companion", detail: "running (\(holder))")
    }
}

/// The timestamp of the last record of a log, read from its last 64 KB without reading the whole file; lines
/// that are not JSON (a torn last line) are skipped and counted.
struct LastRecord {
    private(set) var timestamp: Date?
    /// Lines in the part read that are not valid JSON.
    private(set) var invalidLines = 0

    init(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let window: UInt64 = 65_536
        try? handle.seek(toOffset: size > window ? size - window : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        // A window that starts mid-file starts mid-line: its first piece is not a line of its own.
        let lines = data.split(separator: 0x0A).dropFirst(size > window ? 1 : 0)
        for line in lines.reversed() {
            guard let json = try? JSONParser.parse([UInt8](line)) else {
                invalidLines += 1
                continue
            }
            if timestamp == nil, let text = json["timestamp"]?.stringValue { timestamp = Timestamp.date(from: text) }
        }
    }
}

/// Ages for people: `42 s`, `3 min`, `2 h`, `5 days`.
enum AgeText {
    static func text(_ seconds: TimeInterval) -> String {
        switch seconds {
        case ..<120: "\(Int(seconds)) s"
        case ..<7_200: "\(Int(seconds / 60)) min"
        case ..<172_800: "\(Int(seconds / 3_600)) h"
        default: "\(Int(seconds / 86_400)) days"
        }
    }
}
