import Foundation
import UsageLogger

/// The report against a year (and four) of per-minute logs, timed beside the ways people read those logs today:
/// the README's jq recipe "Daily peak per window", a python3 `json.loads` loop over the same files, and `cat` (the
/// cost of reading the bytes at all). Each figure is a wall time of a fresh process; the report's peak RSS comes
/// from `wait4`.
struct ReportBench {
    /// The command timed as "the report" (after the binary): everything, as one JSON object.
    static let reportArguments = ["report", "--format", "json"]

    let binary: String
    let bench: String
    let scratch: String
    let environment: [String: String]

    struct Timing {
        var name: String
        var seconds: Double
        var rssKB: Int
    }

    /// The reader alone, in this process: every sample of every log, nothing done with them.
    static func readerAlone(directory: String) throws -> (
        seconds: Double, samples: Int, bytes: Int, rssKB: Int, beforeKB: Int
    ) {
        let bytes = try FileManager.default.contentsOfDirectory(atPath: directory).reduce(0) { total, name in
            let attributes = try FileManager.default.attributesOfItem(atPath: directory + "/" + name)
            return total + ((attributes[.size] as? Int) ?? 0)
        }
        let reader = ReportLogReader(sources: [LogSource(path: directory)])
        let before = processFacts().rssKB
        var samples = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let summary = try reader.read { _ in samples += 1 }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(summary.skippedLines == 0, "the generated logs hold \(summary.skippedLines) invalid lines")
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (seconds, samples, bytes, Int(usage.ru_maxrss), before)
    }

    /// The peak RSS of `argv` in KiB as GNU time (`/usr/bin/time -f %M`) measures it; nil without it.
    static func peakAlone(_ argv: [String], environment: [String: String]) -> Int? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/time") else { return nil }
        let output = NSTemporaryDirectory() + "usage-logger-bench-time-\(getpid())"
        defer { try? FileManager.default.removeItem(atPath: output) }
        guard
            spawnTimed(
                ["/usr/bin/time", "-f", "%M", "-o", output] + argv, stdinPath: "/dev/null", environment: environment)
                != nil
        else { return nil }
        return (try? String(contentsOfFile: output, encoding: .utf8)).flatMap {
            Int($0.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "\n").last ?? "")
        }
    }

    /// `JSONParser` (the general parser, a `JSONValue` per line) over one rotated file, in MB/s: the baseline the
    /// report's own line decoder was written to beat.
    static func jsonParserRate(directory: String) throws -> Double {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/usage.jsonl.1")))
        let start = DispatchTime.now().uptimeNanoseconds
        var parsed = 0
        for line in bytes.split(separator: 0x0A) where (try? JSONParser.parse(Array(line))) != nil { parsed += 1 }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        precondition(parsed > 0)
        return Double(bytes.count) / 1e6 / seconds
    }

    /// Generates `years` of logs, times every contender on them, prints the rows, and removes the logs.
    func run(years: Int, withJQ: Bool, row: (String, String, String) -> Void) throws -> [Timing] {
        let directory = scratch + "/report-\(years)y"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let generated = DispatchTime.now().uptimeNanoseconds
        let written = try YearOfLogs(directory: directory, years: years).write()
        row(
            "report: \(years) year\(years == 1 ? "" : "s") of logs",
            "\(written.usageLines) usage lines",
            String(
                format: "%.0f MB in %d files, %d status, %d diagnostics (generated in %.1f s)",
                Double(written.bytes) / 1e6, written.files, written.statusLines, written.diagnosticLines,
                Double(DispatchTime.now().uptimeNanoseconds - generated) / 1e9))
        let all = "all() { ls \"$1\".[0-9]* 2>/dev/null | sort -t. -k3,3nr | xargs -r cat; cat \"$1\"; }"
        let peak =
            "[.[] | .timestamp[:10] as $day | .usage_data.windows[]? | {day: $day, name, used_percent}] "
            + "| group_by([.day, .name])[] | \"\\(.[0].day) \\(.[0].name): \\(map(.used_percent) | max)%\""
        let python =
            "import json, os, sys\nd = sys.argv[1]\nfor log in ('usage', 'status', 'diagnostics'):\n"
            + "    names = sorted((n for n in os.listdir(d) if n.startswith(log + '.jsonl.')),\n"
            + "                   key=lambda n: -int(n.rsplit('.', 1)[1]))\n"
            + "    for name in names + [log + '.jsonl']:\n"
            + "        with open(os.path.join(d, name), 'rb') as f:\n"
            + "            for line in f:\n                json.loads(line)\n"
        var contenders: [(String, [String])] = [
            (
                "usage-logger " + Self.reportArguments.joined(separator: " "),
                [binary] + Self.reportArguments + ["--logs", directory]
            ),
            ("python3 json.loads loop", ["/usr/bin/env", "python3", "-c", python, directory]),
            ("cat", ["/bin/sh", "-c", "cat \"$0\"/*", directory]),
        ]
        if withJQ {
            contenders.insert(
                (
                    "jq \"Daily peak per window\"",
                    ["/bin/sh", "-c", "\(all)\ncd \"$0\" && all usage.jsonl | jq -rs '\(peak)'", directory]
                ),
                at: 1)
        }
        var timings: [Timing] = []
        for (name, argv) in contenders {
            // The best of two runs for the quick ones, one for jq (tens of seconds).
            let tries = name.hasPrefix("jq") ? 1 : 2
            var best: (ms: Double, rssKB: Int)?
            for _ in 0..<tries {
                guard var result = spawnTimed(argv, stdinPath: "/dev/null", environment: environment) else { continue }
                // A child started with posix_spawn inherits this process's peak RSS in its own (Linux records the
                // shared address space's high-water mark at exec), and this process holds years of generated
                // logs' worth of freed memory: GNU time, a small process of its own, measures the child alone.
                if argv.first == binary, let alone = Self.peakAlone(argv, environment: environment) {
                    result.rssKB = alone
                }
                if best == nil || result.ms < best?.ms ?? 0 { best = result }
            }
            guard let best else { continue }
            timings.append(Timing(name: name, seconds: best.ms / 1000, rssKB: best.rssKB))
        }
        if let alone = readerAlone(in: directory) {
            row(
                "  reader alone (in a process of its own)", String(format: "%.3f s", alone.seconds),
                String(
                    format: "%.0f MB/s, %.0f lines/s, peak RSS %.1f MiB (%.1f before reading)",
                    Double(alone.bytes) / 1e6 / alone.seconds, Double(alone.samples) / alone.seconds,
                    Double(alone.rssKB) / 1024, Double(alone.beforeKB) / 1024))
        }
        if years == 1, let rate = try? Self.jsonParserRate(directory: directory) {
            row("  JSONParser on the same lines (baseline)", String(format: "%.0f MB/s", rate), "a JSONValue per line")
        }
        guard let ours = timings.first else { return timings }
        for timing in timings {
            let ratio =
                timing === ours
                ? String(format: "peak RSS %.1f MiB", Double(timing.rssKB) / 1024)
                : timing.seconds > ours.seconds
                    ? String(format: "%.1fx slower than usage-logger", timing.seconds / ours.seconds)
                    : String(format: "%.1fx faster than usage-logger", ours.seconds / timing.seconds)
            row("  " + timing.name, String(format: "%.3f s", timing.seconds), ratio)
        }
        return timings
    }

    /// Runs `usage-logger-bench --read DIR` (this program) so the reader's memory is its own.
    private func readerAlone(in directory: String) -> (
        seconds: Double, samples: Int, bytes: Int, rssKB: Int, beforeKB: Int
    )? {
        let output = scratch + "/reader-alone.txt"
        let command = "\"$0\" --read \"$1\" > \"$2\""
        _ = spawnTimed(
            ["/bin/sh", "-c", command, bench, directory, output], stdinPath: "/dev/null", environment: environment)
        let fields = ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "").split(
            whereSeparator: \.isWhitespace)
        guard fields.count == 5, let seconds = Double(fields[0]), let samples = Int(fields[1]),
            let bytes = Int(fields[2]), let rss = Int(fields[3]), let before = Int(fields[4])
        else { return nil }
        return (seconds, samples, bytes, rss, before)
    }
}

extension ReportBench.Timing {
    fileprivate static func === (lhs: Self, rhs: Self) -> Bool { lhs.name == rhs.name }
}
