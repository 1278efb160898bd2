import Foundation
import UsageLogger

/// `usage-logger metrics` against `report --format json` on the same year of logs, in the same run: the goal is
/// metrics within 2x of the report's time (it reads every record too, for its counters, but does no analysis).
/// Each figure is the best of three fresh processes, the two commands taking turns.
struct MetricsBench {
    let binary: String
    let scratch: String
    let environment: [String: String]

    struct Result {
        var metricsSeconds: Double
        var reportSeconds: Double
        var textfileSeconds: Double
        var followerFirstSeconds = 0.0
        var followerTurnSeconds = 0.0
        var ratio: Double { metricsSeconds / reportSeconds }
    }

    func run(years: Int, row: (String, String, String) -> Void) throws -> Result? {
        let directory = scratch + "/metrics-\(years)y"
        let textfile = scratch + "/metrics-textfile"
        defer {
            try? FileManager.default.removeItem(atPath: directory)
            try? FileManager.default.removeItem(atPath: textfile)
        }
        let written = try YearOfLogs(directory: directory, years: years).write()
        try FileManager.default.createDirectory(atPath: textfile, withIntermediateDirectories: true)
        let metrics = [binary, "metrics", "--logs", directory]
        let report = [binary] + ReportBench.reportArguments + ["--logs", directory]
        let toFile = metrics + ["--textfile", textfile]
        var best: [Double] = [.infinity, .infinity, .infinity]
        for _ in 0..<3 {
            for (index, argv) in [metrics, report, toFile].enumerated() {
                guard let timing = spawnTimed(argv, stdinPath: "/dev/null", environment: environment) else {
                    return nil
                }
                best[index] = min(best[index], timing.ms / 1000)
            }
        }
        var result = Result(metricsSeconds: best[0], reportSeconds: best[1], textfileSeconds: best[2])
        // The companion's turn: the follower read everything once; a record later it reads only that line.
        let follower = MetricsFollower(directory: directory)
        let first = DispatchTime.now().uptimeNanoseconds
        try MetricsTextfile.refresh(directory: textfile, follower: follower)
        result.followerFirstSeconds = Double(DispatchTime.now().uptimeNanoseconds - first) / 1e9
        var turns: [Double] = []
        for minute in 0..<20 {
            let line =
                #"{"timestamp":"2027-01-01T00:\#(String(format: "%02d", minute)):00.000Z","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":5,"resets_at":null}]}}"#
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/usage.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.close()
            let start = DispatchTime.now().uptimeNanoseconds
            try MetricsTextfile.refresh(directory: textfile, follower: follower)
            turns.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        result.followerTurnSeconds = turns.sorted()[turns.count / 2]
        row(
            "metrics: \(years) year\(years == 1 ? "" : "s") of logs", "\(written.usageLines) usage lines",
            String(format: "%.0f MB in %d files", Double(written.bytes) / 1e6, written.files))
        row("  usage-logger metrics", String(format: "%.3f s", result.metricsSeconds), "best of 3")
        row("  usage-logger metrics --textfile DIR", String(format: "%.3f s", result.textfileSeconds), "best of 3")
        row("  usage-logger report --format json", String(format: "%.3f s", result.reportSeconds), "best of 3")
        row(
            "  companion: first textfile (reads all)", String(format: "%.3f s", result.followerFirstSeconds),
            "in-process, MetricsFollower")
        row(
            "  companion: textfile after a record", String(format: "%.2f ms", result.followerTurnSeconds * 1000),
            "median of 20: reads the new line only")
        row(
            "  goal: metrics within 2x of the report", String(format: "%.2fx", result.ratio),
            result.ratio <= 2 ? "✔" : "✘")
        return result
    }
}
