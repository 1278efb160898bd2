import Foundation

/// `usage-logger import [--from DIR]`: loads the JSONL logs (rotated files included) into the SQLite database
/// (`PET_LOG_DB_PATH`), idempotently, with progress on a terminal.
enum ImportCommand {
    static let from = CommandSpec.Option(
        name: "--from", valueName: "DIR", help: "the log directory to import (default: the configured one)")

    static let spec = CommandSpec(
        name: "import", abstract: "Load the JSONL logs into the SQLite database",
        options: [from],
        discussion: """
            Reads usage.jsonl, status.jsonl, diagnostics.jsonl and sessions.jsonl with their rotated files, oldest
            first, and adds every record to the database at PET_LOG_DB_PATH (default: usage.db in the log
            directory), creating it when needed. Running it again adds nothing: a record already there (same time,
            same line) is passed over, so it is also how a database catches up after it refused records in hybrid
            storage. Lines that are not records (torn, not JSON, no time) are counted and left out, as the report
            leaves them out. Works whatever PET_LOG_STORAGE_TYPE says; with sqlite or hybrid the database then stays
            current by itself.
            """,
        epilogue: """
            Examples:
              usage-logger import
              usage-logger import --from ~/old-laptop/logs
              sqlite3 ~/.claude/pets/logs/usage.db 'SELECT count(*) FROM usage_probes'
            """,
        exitCodes: [
            .init(.success, meaning: "imported (or nothing new to import)"),
            .init(.noInput, meaning: "the log directory is missing or cannot be read"),
            .init(.cannotCreate, meaning: "the database cannot be created or is not ours to write"),
            .init(.ioError, meaning: "the database refused the records (damaged, locked, newer, disk full)"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let configuration = context.configuration
        let directory = LogDirectory.choose(configuration: configuration, currentDirectory: context.currentDirectory)
        let source =
            arguments.value(of: from).map {
                ReportArguments.absolute($0, currentDirectory: context.currentDirectory, home: configuration.home)
            } ?? directory.path
        let databasePath = configuration.databasePath ?? directory.paths.defaultDatabase
        let started = MonotonicClock.nowMilliseconds()
        var progress = ProgressLine(console: context.console)
        let outcome: LogImporter.Outcome
        do {
            if source == directory.path {
                // The configured logs: the database then knows it has them all, and a failure it had is over.
                outcome = try DatabaseCatchUp(directory: source, configuration: configuration).run(whole: true) {
                    progress.show($0)
                }
            } else {
                outcome = try LogImporter(directory: source, database: RecordDatabase(path: databasePath)).run {
                    progress.show($0)
                }
            }
        } catch let error as LogImporter.Failure {
            progress.clear()
            switch error {
            case .unreadable(.missingDirectory(let path)):
                context.console.errorLine("no log directory at \(path); give the directory the logs are in with --from")
                return .noInput
            case .unreadable:
                context.console.errorLine(error.description)
                return .noInput
            case .database(let failure):
                context.console.errorLine(error.description)
                return ExitCode(failure)
            }
        } catch {
            progress.clear()
            let failure = error as? DatabaseError ?? .failed(path: databasePath, operation: "open", reason: "\(error)")
            context.console.errorLine(failure.description)
            return ExitCode(failure)
        }
        progress.clear()
        let seconds = Double(MonotonicClock.nowMilliseconds() - started) / 1000
        context.console.line(summary(outcome, from: source, into: databasePath, seconds: seconds))
        if configuration.storageType == .jsonl {
            context.console.line(
                "PET_LOG_STORAGE_TYPE is jsonl, so new records go to the JSONL logs only; set it to hybrid (or sqlite) "
                    + "to keep the database current, or run import again later")
        }
        return .success
    }

    static func summary(_ outcome: LogImporter.Outcome, from source: String, into database: String, seconds: Double)
        -> String
    {
        let byLog = LogName.allCases.compactMap { log in
            outcome.added[log].flatMap { $0 > 0 ? "\(log.rawValue) \($0)" : nil }
        }
        var text =
            "imported \(outcome.addedTotal) record\(outcome.addedTotal == 1 ? "" : "s")"
            + (byLog.isEmpty ? "" : " (\(byLog.joined(separator: ", ")))")
            + " from \(outcome.files) file\(outcome.files == 1 ? "" : "s") (\(ByteCount.text(outcome.bytes))) of "
            + "\(source) into \(database) in \(String(format: "%.1f", seconds)) s"
        if outcome.present > 0 { text += "; \(outcome.present) were there already" }
        if outcome.skipped > 0 {
            text += "; \(outcome.skipped) line\(outcome.skipped == 1 ? " is" : "s are") not a record and left out"
        }
        return text
    }
}
