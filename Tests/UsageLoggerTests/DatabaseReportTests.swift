import Foundation
import Testing

@testable import UsageLogger

/// The database as the report's source: `import` of a realistic history (rotated files, damaged lines) and, on the
/// same records, `report` and `export` from the database equal to those from the JSONL logs, byte for byte.
@Suite("database report", .serialized, .timeLimit(.minutes(2)))
struct DatabaseReportTests {
    /// Eight days of the realistic month (rotated at 1 MB) and three sessions, in `directory/logs`.
    static func history(in directory: TemporaryDirectory) throws -> String {
        var month = RealisticMonth()
        month.start = 1_792_454_400  // 2026-10-20T00:00:00Z
        month.days = 8
        let logs = directory.path + "/logs"
        try month.write(to: logs, maxSize: "1MB")
        let sink = RecordSink(directory: logs, configuration: try Configuration(environment: ["HOME": directory.path]))
        let sessions = (1...3).map { day in
            #"{"timestamp":"2026-10-2\#(day)T18:00:00.000Z","session_id":"s\#(day)","cwd":"/work/p\#(day % 2)","ended_at":"2026-10-2\#(day)T18:00:00.000Z","end_reason":"other","models":["claude-sonnet-5-5"],"requests":\#(day),"tokens":{"total":\#(day * 19)},"tokens_by_model":{"claude-sonnet-5-5":{"input":\#(day * 12),"output":\#(day * 7),"cache_read":0,"cache_creation":0,"total":\#(day * 19)}},"cost_usd":null,"limit_hits":0}"#
        }
        try sink.append(sessions.map { try JSONParser.parse(Array($0.utf8)) }, to: .sessions)
        return logs
    }

    @Test("import reads every log and rotated file, leaves damaged lines out and counted, and adds nothing twice")
    func importTwice() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.history(in: directory)
            let damage = [("usage.jsonl.2", "not a record\n"), ("usage.jsonl", #"{"timestamp":"2026-10-27T19:5"#)]
            for (file, text) in damage {
                let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + "/" + file))
                try handle.seekToEnd()
                try handle.write(contentsOf: Data(text.utf8))
                try handle.close()
            }
            let summary = try ReportLogReader(sources: [LogSource(path: logs)]).read { _ in }
            #expect(summary.files > 3)
            let environment = ["HOME": directory.path, "PET_LOG_DIR": logs]
            let (code, output) = runCLI(["import"], environment: environment)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardOutput.hasPrefix("imported \(summary.linesRead + 3) records (usage "))
            #expect(output.standardOutput.contains("; 2 lines are not a record and left out"))
            #expect(output.standardOutput.contains("set it to hybrid (or sqlite)"))
            #expect(!output.standardError.contains("importing"))  // progress only on a terminal

            let (again, second) = runCLI(["import", "--from", logs], environment: environment)
            #expect(again == .success)
            #expect(second.standardOutput.hasPrefix("imported 0 records from"))
            #expect(second.standardOutput.contains("; \(summary.linesRead + 3) were there already"))
            let database = try RecordDatabase(readingAt: logs + "/usage.db")
            let sessions = try database.count(.sessions)
            #expect(sessions == 3)

            let (missing, error) = runCLI(["import", "--from", directory.path + "/nowhere"], environment: environment)
            #expect(missing == .noInput)
            #expect(error.standardError.contains("no log directory at \(directory.path)/nowhere"))
        }
    }

    @Test("report and export read from the database print exactly what they print from the logs")
    func sameAsJSONL() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.history(in: directory)
            let environment = ["HOME": directory.path, "PET_LOG_DIR": logs]
            #expect(runCLI(["import"], environment: environment).0 == .success)
            let fixed = ["--tz", "Europe/Berlin", "--until", "2026-10-27T20:00"]
            var runs: [[String]] = [
                ["report", "--format", "text"], ["report", "--format", "json"], ["report", "--format", "csv"],
                ["report", "--format", "md"], ["report", "tokens"], ["report", "diagnostics", "--by", "week"],
                ["report", "--since", "2026-10-23", "--window", "week", "--format", "json"],
                ["report", "hits", "--by", "hour"],
            ].map { $0 + fixed }
            for kind in ["usage", "status", "diagnostics"] {
                runs.append(["export", "--kind", kind, "--format", "ndjson"])
                runs.append(["export", "--kind", kind, "--format", "csv", "--since", "2026-10-24"])
            }
            for run in runs {
                let (fileCode, fromFiles) = runCLI(run + ["--logs", logs], environment: environment)
                let (databaseCode, fromDatabase) = runCLI(
                    run + ["--logs", logs + "/usage.db"], environment: environment)
                #expect(fileCode == .success, "\(run): \(fromFiles.standardError)")
                #expect(databaseCode == fileCode, "\(run): \(fromDatabase.standardError)")
                #expect(!fromFiles.standardOutput.isEmpty)
                #expect(fromDatabase.standardOutput == fromFiles.standardOutput, "\(run)")
            }
            // With sqlite storage the database is what `report` reads by default.
            var sqlite = environment
            sqlite["PET_LOG_STORAGE_TYPE"] = "sqlite"
            let (_, byDefault) = runCLI(["report", "--format", "json"] + fixed, environment: sqlite)
            let (_, fromFiles) = runCLI(
                ["report", "--format", "json", "--logs", logs] + fixed, environment: environment)
            #expect(byDefault.standardOutput == fromFiles.standardOutput)
            let (missingCode, missing) = runCLI(
                ["report", "--logs", directory.path + "/none.db"], environment: environment)
            #expect(missingCode == .noInput)
            #expect(missing.standardError.contains("no database at \(directory.path)/none.db"))
        }
    }
}
