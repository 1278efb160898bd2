import Foundation
import UsageLogger

/// `usage-logger import` of a year of per-minute logs into a new database, then again (it must add nothing), and
/// `report --format json` over the same year from the database against from the JSONL logs (the outputs must be the
/// same bytes but for `generated_at`, the moment each ran). Baselines in the same run: `cat` of the files (the cost
/// of reading the bytes at all) and the report over the JSONL. Peak RSS of a child comes from GNU time, as in
/// `ReportBench` (a posix_spawn child inherits this process's high-water mark).
struct ImportBench {
    let binary: String
    let scratch: String
    let environment: [String: String]

    /// The generated logs (written when `directory` holds none yet) and what the import made of them.
    func run(directory: String, row: (String, String, String) -> Void) throws {
        var lines = 0
        if ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).isEmpty {
            let written = try YearOfLogs(directory: directory, years: 1).write()
            lines = written.usageLines + written.statusLines + written.diagnosticLines
        } else {
            lines = try Self.lineCount(directory)
        }
        let bytes = try Self.size(directory)
        let database = scratch + "/import/usage.db"
        try? FileManager.default.removeItem(atPath: scratch + "/import")
        let importing = environment.merging([
            "PET_LOG_DIR": directory, "PET_LOG_DB_PATH": database, "PET_LOG_STORAGE_TYPE": "jsonl",
        ]) { $1 }
        let cat = best(of: 2) {
            spawnTimed(["/bin/sh", "-c", "cat \"$0\"/*", directory], stdinPath: "/dev/null", environment: importing)
        }
        let jsonl = report(environment: importing, output: scratch + "/report-jsonl.json")

        let first = timedAlone([binary, "import", "--from", directory], environment: importing)
        let counts = try LogName.readings.map { try RecordDatabase(path: database).count($0) }
        let again = timedAlone([binary, "import", "--from", directory], environment: importing)
        let countsAgain = try LogName.readings.map { try RecordDatabase(path: database).count($0) }
        let databaseBytes = ["", "-wal", "-shm"].reduce(0) { $0 + Self.fileSize(database + $1) }
        let rows = counts.reduce(0, +)
        row(
            "import: a year of logs into a new database",
            String(format: "%.2f s, %.1f MB/s", first.seconds, Double(bytes) / 1e6 / first.seconds),
            String(
                format:
                    "%.0f lines/s, peak RSS %.1f MiB; %d of %d lines are rows (usage %d, status %d, diagnostics %d)",
                Double(lines) / first.seconds, Double(first.rssKB) / 1024, rows, lines, counts[0], counts[1],
                counts[2]))
        row(
            "  cat of the same files (baseline)", String(format: "%.3f s", (cat?.ms ?? 0) / 1000),
            String(
                format: "import is %.0fx cat; report from JSONL %.2f s (import %.1fx that)",
                first.seconds / max((cat?.ms ?? 1) / 1000, 0.001), jsonl.seconds, first.seconds / jsonl.seconds))
        row(
            "  database size", String(format: "%.0f MB", Double(databaseBytes) / 1e6),
            String(
                format: "%.2fx the %.0f MB of JSONL (every line kept whole, plus columns, samples, indexes)",
                Double(databaseBytes) / Double(bytes), Double(bytes) / 1e6))
        row(
            "import again (idempotent)", String(format: "%.2f s", again.seconds),
            String(
                format: "%d rows added (goal 0 %@), peak RSS %.1f MiB, %.2fx the first import",
                countsAgain.reduce(0, +) - rows, countsAgain == counts ? "✔" : "✘", Double(again.rssKB) / 1024,
                again.seconds / first.seconds))

        var reading = environment.merging(["PET_LOG_DB_PATH": database, "PET_LOG_STORAGE_TYPE": "sqlite"]) { $1 }
        reading["PET_LOG_DIR"] = directory
        let sqlite = report(environment: reading, output: scratch + "/report-sqlite.json")
        let same = Self.sameReport(scratch + "/report-jsonl.json", scratch + "/report-sqlite.json")
        row(
            "report --format json from the database", String(format: "%.3f s", sqlite.seconds),
            String(format: "peak RSS %.1f MiB", Double(sqlite.rssKB) / 1024))
        row(
            "  the same from the JSONL logs (baseline)", String(format: "%.3f s", jsonl.seconds),
            String(
                format: "peak RSS %.1f MiB; database/JSONL: time %.2fx, peak RSS %.2fx",
                Double(jsonl.rssKB) / 1024, sqlite.seconds / jsonl.seconds, Double(sqlite.rssKB) / Double(jsonl.rssKB)))
        row(
            "  outputs byte-identical (but generated_at)", same ? "yes" : "NO",
            same ? "" : "a bug: compare the two files")
    }

    /// The report's time (best of two) and peak RSS (GNU time), its output kept in `output`.
    private func report(environment: [String: String], output: String) -> (seconds: Double, rssKB: Int) {
        let argv = [binary] + ReportBench.reportArguments
        let timed = best(of: 2) {
            spawnTimed(argv, stdinPath: "/dev/null", stdoutPath: output, environment: environment)
        }
        let rss = ReportBench.peakAlone(argv, environment: environment) ?? timed?.rssKB ?? 0
        return ((timed?.ms ?? 0) / 1000, rss)
    }

    /// One run of `argv` under GNU time: wall seconds and its own peak RSS.
    private func timedAlone(_ argv: [String], environment: [String: String]) -> (seconds: Double, rssKB: Int) {
        let output = scratch + "/time.txt"
        let timed = spawnTimed(
            ["/usr/bin/time", "-f", "%M", "-o", output] + argv, stdinPath: "/dev/null", environment: environment)
        let rss = (try? String(contentsOfFile: output, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        }
        return ((timed?.ms ?? 0) / 1000, rss ?? timed?.rssKB ?? 0)
    }

    private func best(of tries: Int, _ run: () -> (ms: Double, rssKB: Int)?) -> (ms: Double, rssKB: Int)? {
        (0..<tries).compactMap { _ in run() }.min { $0.ms < $1.ms }
    }

    /// Whether two reports are the same bytes once the line with `generated_at` (the wall time) is left out.
    static func sameReport(_ one: String, _ other: String) -> Bool {
        func body(_ path: String) -> [Substring]? {
            (try? String(contentsOfFile: path, encoding: .utf8))?.split(
                separator: "\n", omittingEmptySubsequences: false
            )
            .filter { !$0.contains("\"generated_at\"") }
        }
        guard let first = body(one), let second = body(other), first.count > 10 else { return false }
        return first == second
    }

    static func size(_ directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory).reduce(0) { $0 + fileSize(directory + "/" + $1) }
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    private static func lineCount(_ directory: String) throws -> Int {
        try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.contains(".jsonl") }.reduce(0) {
            total, name in
            total
                + (FileManager.default.contents(atPath: directory + "/" + name)?.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                    ?? 0)
        }
    }
}
