import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The SQLite database of records itself: rows and samples, idempotence, the schema's forward migrations, and every
/// way a file can be wrong (a link, another name, damage, a lock, a newer schema, a place that cannot be written).
@Suite("record database")
struct RecordDatabaseTests {
    static let usage =
        #"{"timestamp":"2026-11-23T13:27:24.473Z","session_id":"s1","cwd":"/tmp","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":6,"resets":"12pm","resets_at":"2026-11-23T17:00:00.000Z"},{"name":"Current week (all models)","used_percent":24.5,"resets":"Mar 19","resets_at":null}],"error":null},"probe":{"duration_ms":2941}}"#
    static let session =
        #"{"timestamp":"2026-11-30T07:53:26.346Z","session_id":"710e","cwd":"/w","ended_at":"2026-11-30T07:53:26.346Z","end_reason":"other","requests":1,"tokens":{"total":19},"tokens_by_model":{"m":{"input":12,"output":7,"cache_read":0,"cache_creation":0,"total":19}},"cost_usd":null,"limit_hits":0}"#

    static func record(_ line: String) throws -> (line: String, value: JSONValue) {
        (line, try JSONParser.parse(Array(line.utf8)))
    }

    static func sql(_ database: String, _ query: String) -> String {
        RealClaude.shell(["sqlite3", database, query]).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var hasSQLite3: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3") }

    @Test("a usage record is a probe row and a sample per window; written again another record, imported again none")
    func rowsAndSamples() throws {
        try withTemporaryDirectory { directory in
            let path = directory.path + "/usage.db"
            let database = try RecordDatabase(path: path)
            #expect(try database.insert([Self.record(Self.usage)], into: .usage) == (1, 0))
            #expect(try database.insert([Self.record(#"{"no":"time"}"#)], into: .usage) == (0, 1))
            let row = try #require(DatabaseRow(log: .usage, record: Self.record(Self.usage).value, line: Self.usage))
            #expect(try database.insert([(row, 0)], into: .usage) == 0)  // an import of the line: there already
            #expect(try database.insert([Self.record(Self.usage)], into: .usage) == (1, 0))  // a second record
            #expect(try database.insert([(row, 0), (row, 1), (row, 2)], into: .usage) == 1)
            #expect(try database.count(.usage) == 3)
            try database.execute("DELETE FROM usage_probes WHERE occurrence > 0")
            #expect(try database.schemaVersion == DatabaseSchema.currentVersion)
            guard Self.hasSQLite3 else { return }
            #expect(
                Self.sql(path, "SELECT window, used_percent, ifnull(resets_at, '-') FROM usage_samples ORDER BY window")
                    == "Current session|6.0|2026-11-23T17:00:00.000Z\nCurrent week (all models)|24.5|-")
            #expect(
                Self.sql(path, "SELECT source, state, duration_ms, session_id, record FROM usage_probes")
                    == "command|ok|2941|s1|" + Self.usage)
        }
    }

    @Test("the file, its -wal and -shm are 0600 whatever the umask; a directory made for it is 0700")
    func permissions() throws {
        try withTemporaryDirectory { directory in
            let path = directory.path + "/new/usage.db"
            let previous = umask(0)
            defer { umask(previous) }
            let database = try RecordDatabase(path: path)
            try database.insert([Self.record(Self.usage)], into: .usage)
            for file in [path, path + "-wal", path + "-shm"] where FileSystem.kind(of: file) == .regular {
                #expect(Self.mode(file) == 0o600, "\(file)")
            }
            #expect(FileSystem.kind(of: path + "-wal") == .regular)  // still open: write-ahead logging is on
            #expect(Self.mode(directory.path + "/new") == 0o700)
            chmod(path, 0o644)
            _ = try RecordDatabase(path: path)
            #expect(Self.mode(path) == 0o600)
        }
    }

    @Test("a symbolic link at the database or its -wal, or a second name, is refused and left untouched")
    func plantedLinks() throws {
        try withTemporaryDirectory { directory in
            let target = directory.write("target", "not yours")
            let path = directory.path + "/usage.db"
            symlink(target, path)
            #expect(throws: DatabaseError.refused(path: path, reason: "it is a symbolic link")) {
                try RecordDatabase(path: path)
            }
            unlink(path)
            symlink(target, path + "-wal")
            #expect(throws: DatabaseError.self) { try RecordDatabase(path: path) }
            unlink(path + "-wal")
            link(target, path)
            do {
                _ = try RecordDatabase(path: path)
                Issue.record("a hard link was used")
            } catch let error as DatabaseError {
                #expect(error.description.contains("hard link"))
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "not yours")
        }
    }

    @Test("a damaged file, a held lock, a newer schema and an unwritable place each say what to do")
    func failures() throws {
        try withTemporaryDirectory { directory in
            let damaged = directory.write("damaged.db", String(repeating: "garbage ", count: 1000))
            do {
                _ = try RecordDatabase(path: damaged)
                Issue.record("a damaged file opened")
            } catch let error as DatabaseError {
                guard case .notADatabase = error else { throw error }
                #expect(error.description.contains("usage-logger import"))
            }
            #expect(try String(contentsOfFile: damaged, encoding: .utf8).hasPrefix("garbage"))

            let path = directory.path + "/usage.db"
            _ = try RecordDatabase(path: path)
            let holder = try SQLiteConnection(path: path, busyTimeoutMs: 0)
            try holder.execute("BEGIN IMMEDIATE", operation: "hold")
            let waiting = try RecordDatabase(path: path, busyTimeoutMs: 50)
            #expect(throws: DatabaseError.locked(path: path, waitedMs: 50)) {
                try waiting.insert([Self.record(Self.usage)], into: .usage)
            }
            try holder.execute("ROLLBACK", operation: "release")

            let newer = try SQLiteConnection(path: directory.path + "/newer.db", busyTimeoutMs: 0)
            try newer.execute("PRAGMA user_version = 99", operation: "pretend")
            #expect(
                throws: DatabaseError.newerSchema(
                    path: directory.path + "/newer.db", found: 99, known: DatabaseSchema.currentVersion)
            ) { try RecordDatabase(path: directory.path + "/newer.db") }
            #expect(try newer.integer("PRAGMA user_version") == 99)

            let file = directory.write("plain-file", "")
            do {
                _ = try RecordDatabase(path: file + "/usage.db")
                Issue.record("a database under a file was created")
            } catch let error as DatabaseError {
                guard case .readOnly = error else { throw error }
                #expect(error.description.contains("PET_LOG_DB_PATH"))
            }
        }
    }

    @Test("a database of every earlier schema version is brought forward, keeping its rows", arguments: 0..<3)
    func migration(from version: Int) throws {
        #expect(DatabaseSchema.currentVersion == 3, "add the new version to this test's arguments")
        try withTemporaryDirectory { directory in
            let path = directory.path + "/old.db"
            do {
                let old = try SQLiteConnection(path: path, busyTimeoutMs: 0)
                try DatabaseSchema.migrate(old, to: version)
                if version >= 1 {
                    let row = try #require(
                        DatabaseRow(log: .usage, record: Self.record(Self.usage).value, line: Self.usage))
                    try old.prepare(DatabaseRow.insertSQL(.usage, counted: false)).run(row.values(occurrence: 0))
                }
                #expect(try old.integer("PRAGMA user_version") == Int64(version))
            }
            let database = try RecordDatabase(path: path)
            #expect(try database.schemaVersion == DatabaseSchema.currentVersion)
            #expect(try database.count(.usage) == (version >= 1 ? 1 : 0))
            #expect(try database.insert([Self.record(Self.session)], into: .sessions) == (1, 0))
            let row = try #require(DatabaseRow(log: .usage, record: Self.record(Self.usage).value, line: Self.usage))
            #expect(try database.insert([(row, 0)], into: .usage) == (version >= 1 ? 0 : 1))
        }
    }

    static func mode(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode & 0o777
    }
}
