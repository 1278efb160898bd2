import Foundation
import UsageLogger

/// Writer processes (`usage-logger append usage`) all at once on one database, with `PET_LOG_STORAGE_TYPE` hybrid
/// and sqlite, against jsonl in the same run: each writer runs its appends one after another, every append a batch
/// of usage records with one window each. Afterwards every record must be in the database exactly once (and, in
/// hybrid, in the JSONL log exactly once) with its window sample, and every append must have exited 0.
struct DatabaseSoak {
    let binary: String
    let directory: String
    let writers: Int
    let appendsPerWriter: Int
    let recordsPerAppend: Int

    struct Figures {
        var storage = ""
        var seconds = 0.0
        var failedAppends = 0
        /// Records missing from, or more than once in, the JSONL log and the database (nil: not checked).
        var jsonl: (missing: Int, duplicates: Int)?
        var database: (missing: Int, duplicates: Int, samples: Int)?
    }

    var records: Int { writers * appendsPerWriter * recordsPerAppend }

    func run(storage: String) -> Figures {
        let logs = directory + "/\(storage)"
        try? FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory, "PET_LOG_DIR": logs, "PET_LOG_STORAGE_TYPE": storage,
            "PET_LOG_DB_PATH": logs + "/usage.db",
        ]
        for writer in 0..<writers {
            for batch in 0..<appendsPerWriter { writeBatch(writer: writer, batch: batch) }
        }
        let failures = Failures()
        let done = DispatchGroup()
        let started = Date()
        for writer in 0..<writers {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                for batch in 0..<appendsPerWriter {
                    let result = spawnExiting(
                        [binary, "append", "usage", inputPath(writer: writer, batch: batch)], stdinPath: "/dev/null",
                        environment: environment)
                    if result.status != 0 { failures.add() }
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
        var figures = Figures(storage: storage, seconds: Date().timeIntervalSince(started))
        figures.failedAppends = failures.count
        if storage != "sqlite" {
            let ids = ((try? String(contentsOfFile: logs + "/usage.jsonl", encoding: .utf8)) ?? "")
                .split(separator: "\n").compactMap { line -> String? in
                    guard let value = try? JSONParser.parse(Array(line.utf8)) else { return nil }
                    return value["session_id"]?.stringValue
                }
            figures.jsonl = tally(ids)
        }
        if storage != "jsonl" {
            figures.database = databaseTally(logs + "/usage.db")
        }
        return figures
    }

    /// The expected ids against those found: how many are missing, how many found more than once.
    private func tally(_ ids: [String]) -> (missing: Int, duplicates: Int) {
        var seen: [String: Int] = [:]
        for id in ids { seen[id, default: 0] += 1 }
        var missing = 0
        var duplicates = 0
        for writer in 0..<writers {
            for batch in 0..<appendsPerWriter {
                for index in 0..<recordsPerAppend {
                    let count = seen[id(writer, batch, index)] ?? 0
                    if count == 0 { missing += 1 }
                    duplicates += max(0, count - 1)
                }
            }
        }
        return (missing, duplicates)
    }

    /// The database's `session_id`s and window samples, through the `sqlite3` shell; without it, only the count.
    private func databaseTally(_ path: String) -> (missing: Int, duplicates: Int, samples: Int) {
        let shell = ["/usr/bin/sqlite3", "/bin/sqlite3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let shell else {
            let rows = (try? RecordDatabase(path: path).count(.usage)) ?? 0
            return (max(0, records - rows), max(0, rows - records), -1)
        }
        let output = directory + "/rows.txt"
        _ = spawnTimed(
            [shell, path, "SELECT session_id FROM usage_probes; SELECT 'samples ' || count(*) FROM usage_samples"],
            stdinPath: "/dev/null", stdoutPath: output, environment: ["PATH": "/usr/bin:/bin"])
        let lines = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(separator: "\n").map(
            String.init)
        let samples = lines.last.flatMap { $0.hasPrefix("samples ") ? Int($0.dropFirst(8)) : nil } ?? -1
        let found = tally(lines.filter { !$0.hasPrefix("samples ") })
        return (found.missing, found.duplicates, samples)
    }

    private func id(_ writer: Int, _ batch: Int, _ index: Int) -> String { "soak-\(writer)-\(batch)-\(index)" }

    private func inputPath(writer: Int, batch: Int) -> String { directory + "/batch-\(writer)-\(batch).jsonl" }

    /// A batch of usage records, each at its own millisecond with one window.
    private func writeBatch(writer: Int, batch: Int) {
        var text = ""
        for index in 0..<recordsPerAppend {
            let millisecond = ((writer * appendsPerWriter) + batch) * recordsPerAppend + index
            let time = Timestamp.string(from: Date(timeIntervalSince1970: 1_796_000_000 + Double(millisecond) / 1000))
            text +=
                "{\"timestamp\":\"\(time)\",\"session_id\":\"\(id(writer, batch, index))\",\"cwd\":null,"
                + "\"usage_data\":{\"source\":\"soak\",\"state\":\"ok\",\"windows\":[{\"name\":\"Current session\","
                + "\"used_percent\":\(index % 100),\"resets\":null,\"resets_at\":null}],\"extra_usage\":null,"
                + "\"cost\":null,\"total_tokens\":null,\"error\":null,\"duration_ms\":null}}\n"
        }
        try? text.write(toFile: inputPath(writer: writer, batch: batch), atomically: false, encoding: .utf8)
    }

    /// Appends that did not exit 0, from every writer thread.
    final class Failures: @unchecked Sendable {
        private let lock = NSLock()
        private var failed = 0

        func add() { lock.withLock { failed += 1 } }

        var count: Int { lock.withLock { failed } }
    }
}
