import Foundation
import UsageLogger

/// The companion in this one process against a fast fake `claude` (intervals of 2 ms), probe after probe:
/// resident memory, descriptors and zombies after warm-up and at checkpoints up to `probes`.
struct CompanionSoak {
    struct Checkpoint {
        let probes: Int
        let rssKB: Int
        let descriptors: Int
        let zombies: Int
    }

    let configuration: Configuration
    let environment: [String: String]
    let logDirectory: String
    let warmUp: Int

    func run(probes: Int, checkpoints: [Int]) -> [Checkpoint] {
        var fast = configuration
        fast.usageIntervalMs = 2
        fast.statusIntervalMs = 2
        try? FileManager.default.createDirectory(atPath: logDirectory, withIntermediateDirectories: true)
        var companion = Companion(configuration: fast, environment: environment, logDirectory: logDirectory)
        var results: [Checkpoint] = []
        for limit in ([warmUp] + checkpoints + [probes]).filter({ $0 <= probes }).sorted() {
            guard results.last?.probes != limit else { continue }
            companion.probeLimit = limit
            _ = companion.run()
            let facts = processFacts()
            results.append(
                Checkpoint(probes: limit, rssKB: facts.rssKB, descriptors: facts.descriptors, zombies: facts.zombies))
        }
        return results
    }

    /// One JSON line for the test that runs a short soak: `{"pid":…,"checkpoints":[[probes,rss,fds,zombies],…]}`.
    static func json(_ checkpoints: [Checkpoint]) -> String {
        let rows = checkpoints.map { "[\($0.probes),\($0.rssKB),\($0.descriptors),\($0.zombies)]" }
        return "{\"pid\":\(getpid()),\"checkpoints\":[\(rows.joined(separator: ","))]}"
    }
}
