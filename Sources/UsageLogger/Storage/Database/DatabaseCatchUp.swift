import Foundation

/// Brings the database up to date with the JSONL logs of its directory, so that `sqlite` and `hybrid` just work
/// after a switch and after a failure: the first time (no `logs_imported` in `meta`), and after the database
/// refused records (`DatabaseFailureMarker`), the logs are imported whole; otherwise only their last hour before
/// the database's newest record (a `hybrid` writer that found the database busy). Run by the patient commands
/// (`report`, `export`, `metrics`, `once`, the companion), never by the statusline or the hooks.
public struct DatabaseCatchUp {
    public let directory: String
    public let configuration: Configuration
    public var databasePath: String { configuration.databasePath ?? LogPaths(directory: directory).defaultDatabase }

    public init(directory: String, configuration: Configuration) {
        self.directory = directory
        self.configuration = configuration
    }

    static let importedKey = "logs_imported"

    /// Imports what the database lacks (`whole`: every line of the logs, as `usage-logger import` does); `progress`
    /// is told how far a whole import is.
    @discardableResult
    public func run(whole forced: Bool = false, progress: (LogImporter.Progress) -> Void = { _ in })
        throws(LogImporter.Failure) -> LogImporter.Outcome
    {
        let marker = DatabaseFailureMarker(paths: LogPaths(directory: directory))
        let database: RecordDatabase
        let whole: Bool
        do {
            database = try RecordDatabase(path: databasePath)
            let imported = try database.meta(Self.importedKey)
            whole = forced || imported == nil || marker.failure() != nil
        } catch {
            throw .database(error)
        }
        var importer = LogImporter(directory: directory, database: database)
        importer.catchUp = !whole
        var outcome = try importer.run(progress: whole ? progress : { _ in })
        guard whole else { return outcome }
        do {
            try database.setMeta(Self.importedKey, Timestamp.string(from: Date()))
        } catch {
            throw .database(error)
        }
        // The failure is over: said in the logs, and that line brought in too.
        if marker.failure() != nil {
            marker.succeeded(writer: LogWriter(directory: directory, configuration: configuration), path: databasePath)
            importer.catchUp = true
            let resolved = try importer.run()
            outcome.added.merge(resolved.added, uniquingKeysWith: +)
        }
        return outcome
    }
}
