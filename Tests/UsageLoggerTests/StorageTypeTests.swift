import Foundation
import Testing

@testable import UsageLogger

/// `PET_LOG_STORAGE_TYPE=sqlite|hybrid` through the commands a person uses: where records go, what a refusing
/// database costs (nothing, in `hybrid`), several writers at once, and the statusline leaving the database alone
/// when it records nothing.
@Suite("storage types", .serialized)
struct StorageTypeTests {
    static let lines = (1...3).map { index in
        #"{"timestamp":"2026-11-23T13:2\#(index):00.000Z","usage_data":{"source":"mine","state":"ok","windows":[{"name":"Current session","used_percent":\#(index * 10)}]}}"#
    }

    static func environment(_ home: TemporaryDirectory, storage: String) -> [String: String] {
        ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs", "PET_LOG_STORAGE_TYPE": storage]
    }

    static func append(_ lines: [String], _ environment: [String: String]) -> (ExitCode, CapturingConsole) {
        runCLI(
            ["append", "usage"], environment: environment, input: Array((lines.joined(separator: "\n") + "\n").utf8))
    }

    static func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test("sqlite: append, report, export, doctor and config use only the database")
    func sqliteOnly() throws {
        try withTemporaryDirectory { home in
            let environment = Self.environment(home, storage: "sqlite")
            let (code, output) = Self.append(Self.lines, environment)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardError.contains("appended 3 records to \(home.path)/logs/usage.db"))
            #expect(FileSystem.kind(of: home.path + "/logs/usage.jsonl") == .missing)
            let stored = try RecordDatabase(readingAt: home.path + "/logs/usage.db").count(.usage)
            #expect(stored == 3)
            let (reportCode, report) = runCLI(["report", "--format", "json"], environment: environment)
            #expect(reportCode == .success, "\(report.standardError)")
            #expect(report.standardOutput.contains("\"peak_percent\": 30"))
            let (_, export) = runCLI(["export", "--format", "csv"], environment: environment)
            #expect(export.standardOutput.split(separator: "\n").count == 4)
            let (_, doctor) = runCLI(["doctor"], environment: environment)
            #expect(doctor.standardOutput.contains("✔ database: \(home.path)/logs/usage.db, schema 3: 3 usage"))
            #expect(!doctor.standardOutput.contains("usage.jsonl"))
            let (_, config) = runCLI(["config"], environment: environment)
            #expect(config.standardOutput.contains("PET_LOG_DB_PATH               \(home.path)/logs/usage.db"))
        }
    }

    @Test("sqlite: a database that refuses the record is a write error (74), said with what to do")
    func sqliteRefusal() throws {
        try withTemporaryDirectory { home in
            try Data(String(repeating: "garbage ", count: 600).utf8).write(
                to: URL(fileURLWithPath: home.subdirectory("logs").path + "/usage.db"))
            let (code, output) = Self.append(Self.lines, Self.environment(home, storage: "sqlite"))
            #expect(code == .ioError)
            #expect(output.standardError.contains("is not a usable SQLite database"))
            #expect(output.standardError.contains("move it away (`sqlite3 FILE .recover` may save what it holds)"))
        }
    }

    @Test("hybrid: a damaged database costs the logs nothing; said each time, recorded once, resolved by the catch-up")
    func hybridFailure() throws {
        try withTemporaryDirectory { home in
            let environment = Self.environment(home, storage: "hybrid")
            let logs = home.subdirectory("logs")
            logs.write("usage.db", String(repeating: "garbage ", count: 600))
            for line in Self.lines.prefix(2) {
                let (code, output) = Self.append([line], environment)
                #expect(code == .success)
                #expect(output.standardError.contains("warning: \(logs.path)/usage.db is not a usable SQLite database"))
            }
            #expect(Self.lines(logs.path + "/usage.jsonl") == Array(Self.lines.prefix(2)))
            let failing = Self.lines(logs.path + "/diagnostics.jsonl")
            #expect(failing.count == 1)
            #expect(failing.first?.contains(#""diagnostic_type":"database_failing""#) == true)
            #expect(failing.first?.contains(#""event":"appeared""#) == true)
            let (_, doctor) = runCLI(["doctor"], environment: environment)
            #expect(doctor.standardOutput.contains("✘ database writes: failing since"))

            try FileManager.default.removeItem(atPath: logs.path + "/usage.db")
            #expect(Self.append([Self.lines[2]], environment).0 == .success)
            // Working again, but only a catch-up (which brings in what it missed) says the failure is over.
            #expect(Self.lines(logs.path + "/diagnostics.jsonl").count == 1)
            let afterRepair = try RecordDatabase(readingAt: logs.path + "/usage.db").count(.usage)
            #expect(afterRepair == 1)

            // `import` adds what the database missed, once, and ends the failure.
            let (code, output) = runCLI(["import"], environment: environment)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardOutput.hasPrefix("imported 4 records (usage 2, diagnostics 2)"))
            #expect(output.standardOutput.contains("1 were there already"))
            let events = Self.lines(logs.path + "/diagnostics.jsonl")
            #expect(events.count == 2)
            #expect(events.last?.contains(#""event":"resolved""#) == true)
            let database = try RecordDatabase(readingAt: logs.path + "/usage.db")
            let counts = (try database.count(.usage), try database.count(.diagnostics))
            #expect(counts.0 == 3)
            #expect(counts.1 == 2)
        }
    }

    enum Refusal: String, CaseIterable { case damaged, locked, newerSchema, unwritable, symbolicLink }

    @Test(
        "hybrid: whatever the database's refusal, the log gets the record and the failure is recorded once",
        arguments: Refusal.allCases)
    func hybridRefusals(_ refusal: Refusal) throws {
        try withTemporaryDirectory { home in
            let logs = home.subdirectory("logs").path
            var databasePath = logs + "/usage.db"
            var holder: SQLiteConnection?
            switch refusal {
            case .damaged:
                try Data(String(repeating: "garbage ", count: 600).utf8).write(to: URL(fileURLWithPath: databasePath))
            case .locked:
                _ = try RecordDatabase(path: databasePath)
                holder = try SQLiteConnection(path: databasePath, busyTimeoutMs: 0)
                try holder?.execute("BEGIN IMMEDIATE", operation: "hold")
            case .newerSchema:
                try SQLiteConnection(path: databasePath, busyTimeoutMs: 0).execute(
                    "PRAGMA user_version = 42", operation: "pretend")
            case .unwritable:
                databasePath = home.write("a-file", "") + "/usage.db"
            case .symbolicLink:
                symlink(home.write("elsewhere", "keep"), databasePath)
            }
            let configuration = try Configuration(environment: Self.environment(home, storage: "hybrid"))
            let sink = RecordSink(
                writer: LogWriter(directory: logs, configuration: configuration), privacy: RecordPrivacy(),
                storage: .hybrid, databasePath: databasePath)
            for line in Self.lines {
                let report = try sink.append([try JSONParser.parse(Array(line.utf8))], to: .usage, lockWaitMs: 50)
                // Busy, for a caller that must not wait: not a failure, the next catch-up adds the record.
                #expect((report.databaseFailure != nil) == (refusal != .locked))
                #expect(
                    report.databaseFailure?.description.contains(databasePath) ?? (refusal == .locked),
                    "\(String(describing: report.databaseFailure))")
            }
            try holder?.execute("ROLLBACK", operation: "release")
            #expect(Self.lines(logs + "/usage.jsonl") == Self.lines)
            if refusal == .locked {
                #expect(FileSystem.kind(of: logs + "/diagnostics.jsonl") == .missing)
                let caughtUp = try DatabaseCatchUp(directory: logs, configuration: configuration).run()
                #expect(caughtUp.added[.usage] == 3)
                return
            }
            let recorded = Self.lines(logs + "/diagnostics.jsonl")
            #expect(recorded.count == 1)
            #expect(recorded.first?.contains("database_failing") == true)
            if refusal == .symbolicLink {
                #expect(try String(contentsOfFile: home.path + "/elsewhere", encoding: .utf8) == "keep")
            }
        }
    }

    @Test(
        "switching a JSONL history to hybrid or sqlite just works: the first report brings the logs in, once",
        arguments: ["hybrid", "sqlite"])
    func switching(storage: String) throws {
        try withTemporaryDirectory { home in
            let before = Self.environment(home, storage: "jsonl")
            #expect(Self.append(Self.lines, before).0 == .success)
            let (_, fromLogs) = runCLI(["export", "--format", "ndjson"], environment: before)
            let after = Self.environment(home, storage: storage)
            let line = #"{"timestamp":"2026-11-23T13:30:00.000Z","usage_data":{"source":"mine","windows":[]}}"#
            #expect(Self.append([line, line], after).0 == .success)  // identical lines: two records
            let (code, fromDatabase) = runCLI(["export", "--format", "ndjson"], environment: after)
            #expect(code == .success, "\(fromDatabase.standardError)")
            #expect(fromDatabase.standardOutput.hasPrefix(fromLogs.standardOutput))
            #expect(fromDatabase.standardOutput.split(separator: "\n").count == 5)
            let (_, again) = runCLI(["export", "--format", "ndjson"], environment: after)
            #expect(again.standardOutput == fromDatabase.standardOutput)
            let stored = try RecordDatabase(readingAt: home.path + "/logs/usage.db").count(.usage)
            #expect(stored == 5)
        }
    }

    @Test("hybrid: a report while the database is damaged reads the logs, says so, and import ends the failure")
    func hybridFallbackAndRecovery() throws {
        try withTemporaryDirectory { home in
            let environment = Self.environment(home, storage: "hybrid")
            let logs = home.subdirectory("logs").path
            #expect(Self.append([Self.lines[0]], environment).0 == .success)
            try Data(String(repeating: "garbage ", count: 600).utf8).write(to: URL(fileURLWithPath: logs + "/usage.db"))
            #expect(Self.append([Self.lines[1]], environment).0 == .success)
            let (code, report) = runCLI(["export", "--format", "ndjson"], environment: environment)
            #expect(code == .success)
            #expect(report.standardError.contains("is not a usable SQLite database"))
            #expect(report.standardError.contains("reading the JSONL logs instead"))
            #expect(report.standardOutput.split(separator: "\n").count == 2)

            try FileManager.default.removeItem(atPath: logs + "/usage.db")
            let (imported, output) = runCLI(["import"], environment: environment)
            #expect(imported == .success, "\(output.standardError)")
            #expect(FileSystem.kind(of: logs + "/database-failing") == .missing)
            let database = try RecordDatabase(readingAt: logs + "/usage.db")
            let counts = (try database.count(.usage), try database.count(.diagnostics))
            #expect(counts.0 == 2)
            #expect(counts.1 == 2)  // appeared and resolved, both in the database too
            let (_, doctor) = runCLI(["doctor"], environment: environment)
            #expect(!doctor.standardOutput.contains("failing since"))
        }
    }

    @Test("a relative PET_LOG_DB_PATH stops with 78; --logs naming a log file says to give its directory (64)")
    func mistakes() {
        withTemporaryDirectory { home in
            var environment = Self.environment(home, storage: "sqlite")
            environment["PET_LOG_DB_PATH"] = "usage.db"
            let (code, output) = runCLI(["config"], environment: environment)
            #expect(code == .configuration)
            #expect(output.standardError.contains("PET_LOG_DB_PATH='usage.db' is not valid: use an absolute path"))
            let (logsCode, logs) = runCLI(["report", "--logs", home.path + "/logs/usage.jsonl"], environment: [:])
            #expect(logsCode == .usage)
            #expect(logs.standardError.contains("is a log file; give its directory"))
        }
    }

    @Test("every line of the log reaches the database: written while jsonl, while failing, or read by a catch-up first")
    func nothingLeftOut() throws {
        try withTemporaryDirectory { home in
            let logs = home.subdirectory("logs").path
            let hybrid = Self.environment(home, storage: "hybrid")
            func line(_ hoursAgo: Double, _ tag: String) -> String {
                let time = Timestamp.string(from: Date().addingTimeInterval(-hoursAgo * 3600))
                return #"{"timestamp":"\#(time)","usage_data":{"source":"mine","tag":"\#(tag)","windows":[]}}"#
            }
            #expect(Self.append([line(5, "a")], hybrid).0 == .success)
            #expect(runCLI(["export", "--format", "ndjson"], environment: hybrid).0 == .success)  // a catch-up
            // Written while storage was jsonl, hours older than the newest row: still brought in.
            let jsonl = Self.environment(home, storage: "jsonl")
            #expect(Self.append([line(4, "b"), line(3, "c")], jsonl).0 == .success)
            #expect(Self.append([line(0, "d")], hybrid).0 == .success)
            // While the database fails, then after it is restored and a newer record went in.
            let database = logs + "/usage.db"
            try FileManager.default.moveItem(atPath: database, toPath: database + ".saved")
            try FileManager.default.createDirectory(atPath: database, withIntermediateDirectories: false)
            #expect(Self.append([line(2, "e")], hybrid).0 == .success)
            try FileManager.default.removeItem(atPath: database)
            try FileManager.default.moveItem(atPath: database + ".saved", toPath: database)
            #expect(Self.append([line(0, "f")], hybrid).0 == .success)
            let (code, export) = runCLI(["export", "--format", "ndjson"], environment: hybrid)
            #expect(code == .success, "\(export.standardError)")
            let stored = try RecordDatabase(readingAt: database).count(.usage)
            #expect(stored == 6)
            #expect(Self.lines(logs + "/usage.jsonl").count == 6)
            // The same line, written by a hybrid writer after a catch-up read it from the log: still one row.
            let late = try JSONParser.parse(Array(line(0.5, "g").utf8))
            try LogWriter(directory: logs, configuration: try Configuration(environment: hybrid)).append(
                [late.serialized()], to: .usage)
            try DatabaseCatchUp(directory: logs, configuration: try Configuration(environment: hybrid)).run()
            try RecordDatabase(path: database).insert([(late.serialized(), late)], into: .usage, counted: false)
            let afterRace = try RecordDatabase(readingAt: database).count(.usage)
            #expect(afterRace == 7)
        }
    }

    @Test("several processes writing at once, hybrid: every line once in the log and once in the database")
    func concurrentWriters() throws {
        try withTemporaryDirectory { home in
            var environment = Self.environment(home, storage: "hybrid")
            environment["PATH"] = "/usr/bin:/bin"
            let writers = 4
            let perWriter = 60
            var commands: [SpawnedCommand] = []
            for writer in 0..<writers {
                let input = (0..<perWriter).map { index in
                    #"{"timestamp":"2026-11-23T13:00:00.000Z","writer":\#(writer),"n":\#(index),"usage_data":{"windows":[{"name":"Current session","used_percent":1}]}}"#
                }.joined(separator: "\n")
                commands.append(
                    try SpawnedCommand(Binary.path, ["append", "usage"], environment: environment, input: input))
            }
            for command in commands {
                #expect(command.waitForExit(milliseconds: 60_000) == 0, "\(command.standardError)")
            }
            #expect(Self.lines(home.path + "/logs/usage.jsonl").count == writers * perWriter)
            let database = try RecordDatabase(readingAt: home.path + "/logs/usage.db")
            let stored = try database.count(.usage)
            #expect(stored == writers * perWriter)
            #expect(FileSystem.kind(of: home.path + "/logs/database-failing") == .missing)
        }
    }

    @Test("many single appends from four threads at once, hybrid and sqlite: none lost, none twice")
    func interleavedAppends() throws {
        for storage in ["hybrid", "sqlite"] {
            try withTemporaryDirectory { home in
                let configuration = try Configuration(environment: Self.environment(home, storage: storage))
                try FileSystem.createDirectory(home.path + "/logs", mode: 0o700)
                let sink = RecordSink(directory: home.path + "/logs", configuration: configuration)
                let failures = FailureCount()
                DispatchQueue.concurrentPerform(iterations: 4) { thread in
                    for index in 0..<100 {
                        let record = JSONValue.object([
                            ("timestamp", .string("2026-11-23T13:00:00.000Z")), ("thread", .int(thread)),
                            ("n", .int(index)),
                        ])
                        do {
                            if let failure = try sink.append([record], to: .usage).databaseFailure {
                                failures.add("\(failure)")
                            }
                        } catch {
                            failures.add("\(error)")
                        }
                    }
                }
                #expect(failures.value.isEmpty, "\(storage): \(failures.value)")
                let stored = try RecordDatabase(readingAt: home.path + "/logs/usage.db").count(.usage)
                #expect(stored == 400, "\(storage)")
                #expect(Self.lines(home.path + "/logs/usage.jsonl").count == (storage == "hybrid" ? 400 : 0))
            }
        }
    }

    @Test("the statusline opens the database only when it records: not with logging off, not within the interval")
    func statuslineLeavesDatabaseAlone() throws {
        try withTemporaryDirectory { home in
            var environment = Self.environment(home, storage: "hybrid")
            let input = Array(
                #"{"rate_limits":{"five_hour":{"used_percentage":12,"resets_at":1785776400}}}"#.utf8)
            _ = runCLI(["statusline"], environment: environment, input: input)
            #expect(FileSystem.kind(of: home.path + "/logs/usage.db") == .missing)  // logging is off

            environment["PET_USAGE_LOGGING_ENABLED"] = "true"
            _ = runCLI(["statusline"], environment: environment, input: input)
            let first = try RecordDatabase(readingAt: home.path + "/logs/usage.db").count(.usage)
            #expect(first == 1)
            // Damaged now: a render that records nothing must not notice, since it must not open the file.
            try Data(String(repeating: "garbage ", count: 600).utf8).write(
                to: URL(fileURLWithPath: home.path + "/logs/usage.db"))
            for path in ["-wal", "-shm"] {
                try? FileManager.default.removeItem(atPath: home.path + "/logs/usage.db" + path)
            }
            let (code, output) = runCLI(["statusline"], environment: environment, input: input)
            #expect(code == .success)
            #expect(output.standardOutput.contains("12%"))
            #expect(FileSystem.kind(of: home.path + "/logs/database-failing") == .missing)
            #expect(FileSystem.kind(of: home.path + "/logs/diagnostics.jsonl") == .missing)
        }
    }
}

/// Collects failures from several threads.
private final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [String] = []

    func add(_ failure: String) { lock.withLock { failures.append(failure) } }
    var value: [String] { lock.withLock { failures } }
}
