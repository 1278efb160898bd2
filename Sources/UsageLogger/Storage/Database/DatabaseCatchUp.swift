import Foundation

/// Brings the database up to date with the JSONL logs of its directory, so that `sqlite` and `hybrid` just work
/// after a switch and after a failure: the first time (no `logs_imported` in `meta`), and while the database has
/// been refusing records (`DatabaseFailureMarker`, which only this ends), the logs are imported whole; otherwise
/// each log is read from where the last catch-up stopped (`LogImporter.resumeFrom`, kept in `meta`), so every line
/// appended since is seen: what a `hybrid` writer could not add (the database busy, failing, or the process
/// killed between the log and the database) and what was written while storage was `jsonl`. Run by the patient
/// commands (`report`, `export`, `metrics`, `once`, the companion), never by the statusline or the hooks.
public struct DatabaseCatchUp {
    public let directory: String
    public let configuration: Configuration
    public var databasePath: String { configuration.databasePath ?? LogPaths(directory: directory).defaultDatabase }

    public init(directory: String, configuration: Configuration) {
        self.directory = directory
        self.configuration = configuration
    }

    static let importedKey = "logs_imported"

    static func positionKey(_ log: LogName) -> String { "read_" + log.rawValue }

    /// Imports what the database lacks (`whole`: every line of the logs, as `usage-logger import` does); `progress`
    /// is told how far a whole import is.
    @discardableResult
    public func run(
        whole forced: Bool = false, progress: (LogImporter.Progress) -> Void = { _ in },
        shouldStop: @escaping () -> Bool = { false }
    ) throws(LogImporter.Failure) -> LogImporter.Outcome {
        let marker = DatabaseFailureMarker(paths: LogPaths(directory: directory))
        let failing = marker.failure() != nil
        let database: RecordDatabase
        var importer: LogImporter
        let whole: Bool
        do {
            database = try RecordDatabase(path: databasePath)
            importer = LogImporter(directory: directory, database: database)
            importer.shouldStop = shouldStop
            let imported = try database.meta(Self.importedKey)
            whole = forced || failing || imported == nil
            if !whole {
                for log in LogName.allCases {
                    if let text = try database.meta(Self.positionKey(log)),
                        let position = LogImporter.ReadPosition(text: text)
                    {
                        importer.resumeFrom[log] = position
                    }
                }
            }
        } catch {
            throw .database(error)
        }
        var outcome = try importer.run(progress: whole ? progress : { _ in })
        if failing, !outcome.stopped {
            // The failure is over: said in the logs, and that line brought in too.
            marker.succeeded(writer: LogWriter(directory: directory, configuration: configuration), path: databasePath)
            importer.resumeFrom = outcome.positions
            let resolved = try importer.run()
            outcome.added.merge(resolved.added, uniquingKeysWith: +)
            outcome.positions.merge(resolved.positions) { $1 }
        }
        do {
            for (log, position) in outcome.positions {
                try database.setMeta(Self.positionKey(log), position.text)
            }
            if whole, !outcome.stopped { try database.setMeta(Self.importedKey, Timestamp.string(from: Date())) }
        } catch {
            throw .database(error)
        }
        return outcome
    }
}
