import Foundation
import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The statusline with logging on, for each `PET_LOG_STORAGE_TYPE`, runs of the three interleaved so that a busy
/// machine slows them alike: renders that record nothing (the usage interval has not passed) must not open the
/// database at all, and renders that append a usage record, whose cost the database adds to. A held
/// `companion.lock` stands for a running companion, so no render starts one.
struct StatuslineStorageBench {
    let binary: String
    let sample: String
    let scratch: String

    static let storages = ["jsonl", "hybrid", "sqlite"]

    func run(runs: Int, row: (String, String, String) -> Void) throws {
        var locks: [Int32] = []
        defer { locks.forEach { close($0) } }
        func environment(_ storage: String, interval: String, database: String? = nil, tag: String = "")
            throws -> [String: String]
        {
            let logs = scratch + "/statusline-\(storage)-\(interval)\(tag)"
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            let lock = open(logs + "/companion.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            if lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 { locks.append(lock) }
            return [
                "PATH": "/usr/bin:/bin", "HOME": scratch, "PET_LOG_DIR": logs, "PET_USAGE_LOGGING_ENABLED": "1",
                "PET_PROBE_DIR": scratch + "/probe", "PET_LOG_STORAGE_TYPE": storage,
                "PET_USAGE_LOG_INTERVAL": interval, "PET_LOG_DB_PATH": database ?? logs + "/usage.db",
            ]
        }

        // Renders within the interval (1 h: after the first, none records) and renders that each append a usage
        // record (interval 100 ms, and a pause of 60 ms before each round makes every render due), all six
        // interleaved.
        var quietEnvironments: [String: [String: String]] = [:]
        var recordingEnvironments: [String: [String: String]] = [:]
        for storage in Self.storages {
            quietEnvironments[storage] = try environment(storage, interval: "1h")
            recordingEnvironments[storage] = try environment(storage, interval: "100")
            _ = spawnTimed([binary, "statusline"], stdinPath: sample, environment: quietEnvironments[storage] ?? [:])
        }
        let contenders = Self.storages.flatMap { storage in
            [
                (storage, false, quietEnvironments[storage] ?? [:]),
                (storage, true, recordingEnvironments[storage] ?? [:]),
            ]
        }
        var quiet: [String: [Double]] = [:]
        var recording: [String: [Double]] = [:]
        for run in 0..<runs {
            usleep(60_000)
            for offset in 0..<contenders.count {
                let (storage, records, environment) = contenders[(run + offset) % contenders.count]
                guard let result = spawnTimed([binary, "statusline"], stdinPath: sample, environment: environment)
                else { continue }
                if records {
                    recording[storage, default: []].append(result.ms)
                } else {
                    quiet[storage, default: []].append(result.ms)
                }
            }
        }
        rows("statusline, nothing due", quiet, baseline: quiet["jsonl"] ?? [], row: row)
        rows("statusline, recording", recording, baseline: quiet["jsonl"] ?? [], row: row)
        let recorded = Self.storages.map { storage -> String in
            let logs = recordingEnvironments[storage]?["PET_LOG_DIR"] ?? ""
            let lines = storage == "sqlite" ? 0 : Self.lines(in: logs + "/usage.jsonl")
            let rows = storage == "jsonl" ? 0 : (try? RecordDatabase(path: logs + "/usage.db").count(.usage)) ?? -1
            return storage == "jsonl"
                ? "jsonl \(lines) lines"
                : storage == "hybrid"
                    ? "hybrid \(lines) lines + \(rows) rows" : "sqlite \(rows) rows"
        }
        row("  records written (goal \(runs) each)", "", recorded.joined(separator: ", "))
        try proveUntouched(environment: { try environment($0, interval: $1, database: $2, tag: "-proof") }, row: row)
    }

    /// A row per storage type, with its ratio to the same kind of render with jsonl, and to `baseline` (jsonl,
    /// nothing due).
    private func rows(
        _ title: String, _ times: [String: [Double]], baseline: [Double], row: (String, String, String) -> Void
    ) {
        let jsonl = percentiles(times["jsonl"] ?? [])
        let floor = percentiles(baseline)
        for storage in Self.storages {
            let stats = percentiles(times[storage] ?? [])
            var note = String(format: "%.2fx jsonl (p95 %.2fx)", stats.median / jsonl.median, stats.p95 / jsonl.p95)
            if storage == "jsonl" { note = "baseline of the row; \(times[storage]?.count ?? 0) runs, interleaved" }
            note += String(format: "; %.2fx jsonl with nothing due", stats.median / floor.median)
            row("\(title): \(storage)", String(format: "median %.1f, p95 %.1f ms", stats.median, stats.p95), note)
        }
    }

    /// That a render which records nothing leaves the database alone, two ways: `strace` (when installed) sees no
    /// open of the database file, and with hybrid storage and the database path on a directory (which any open
    /// refuses, leaving a `database-failing` marker beside the logs), no marker appears.
    private func proveUntouched(
        environment: (String, String, String?) throws -> [String: String], row: (String, String, String) -> Void
    ) throws {
        let refused = scratch + "/not-a-database"
        try FileManager.default.createDirectory(atPath: refused, withIntermediateDirectories: true)
        let loud = try environment("hybrid", "1h", refused)
        let marker = (loud["PET_LOG_DIR"] ?? "") + "/database-failing"
        _ = spawnTimed([binary, "statusline"], stdinPath: sample, environment: loud)  // records: the marker appears
        let seenByRecording = FileManager.default.fileExists(atPath: marker)
        try? FileManager.default.removeItem(atPath: marker)
        for _ in 0..<20 { _ = spawnTimed([binary, "statusline"], stdinPath: sample, environment: loud) }
        let seenByQuiet = FileManager.default.fileExists(atPath: marker)
        row(
            "  20 quiet renders opened the database", seenByQuiet ? "YES (a bug)" : "no",
            "hybrid, PET_LOG_DB_PATH a directory: the recording render left the marker: \(seenByRecording ? "yes" : "NO")"
        )

        let strace = ["/usr/bin/strace", "/bin/strace"].first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let strace else {
            row("  strace", "not installed", "skipped")
            return
        }
        var opens: [String] = []
        for storage in ["hybrid", "sqlite"] {
            let quiet = try environment(storage, "1h", nil)
            let database = quiet["PET_LOG_DB_PATH"] ?? ""
            let trace = scratch + "/strace-\(storage).txt"
            _ = spawnTimed([binary, "statusline"], stdinPath: sample, environment: quiet)  // the one that records
            var quietOpens = 0
            for _ in 0..<10 {
                _ = spawnTimed(
                    [strace, "-f", "-qq", "-e", "trace=%file", "-o", trace, binary, "statusline"], stdinPath: sample,
                    environment: quiet)
                quietOpens += Self.mentions(of: database, in: trace)
            }
            let due = try environment(storage, "100", nil)
            try? FileManager.default.removeItem(atPath: (due["PET_LOG_DIR"] ?? "") + "/statusline.json")
            _ = spawnTimed(
                [strace, "-f", "-qq", "-e", "trace=%file", "-o", trace, binary, "statusline"], stdinPath: sample,
                environment: due)
            let recordingOpens = Self.mentions(of: due["PET_LOG_DB_PATH"] ?? "", in: trace)
            opens.append("\(storage): \(quietOpens) in 10 quiet renders, \(recordingOpens) in a recording one")
        }
        row("  strace: file calls naming usage.db", "", opens.joined(separator: "; "))
    }

    private static func mentions(of path: String, in trace: String) -> Int {
        ((try? String(contentsOfFile: trace, encoding: .utf8)) ?? "").split(separator: "\n")
            .filter { $0.contains("\"\(path)") }.count
    }

    static func lines(in path: String) -> Int {
        (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }
}
