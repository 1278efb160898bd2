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
        let result = Result(metricsSeconds: best[0], reportSeconds: best[1], textfileSeconds: best[2])
        row(
            "metrics: \(years) year\(years == 1 ? "" : "s") of logs", "\(written.usageLines) usage lines",
            String(format: "%.0f MB in %d files", Double(written.bytes) / 1e6, written.files))
        row("  usage-logger metrics", String(format: "%.3f s", result.metricsSeconds), "best of 3")
        row("  usage-logger metrics --textfile DIR", String(format: "%.3f s", result.textfileSeconds), "best of 3")
        row("  usage-logger report --format json", String(format: "%.3f s", result.reportSeconds), "best of 3")
        row(
            "  goal: metrics within 2x of the report", String(format: "%.2fx", result.ratio),
            result.ratio <= 2 ? "✔" : "✘")
        return result
    }
}
