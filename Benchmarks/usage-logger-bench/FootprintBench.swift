import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What each `PET_USAGE_SOURCE` costs, measured against the real Claude Code (`../shared/tools/real-claude`) signed
/// in as a subscriber through `../shared/tools/fake-anthropic-api`, which logs every request. Each setting runs the
/// real companion binary (`usage-logger run`) for one hour at 1/`scale` of the default intervals (so the same number
/// of probes as an hour, each a real probe); the three run side by side, each in its own sandbox and with its own
/// fake. "Claude Code open" renders `usage-logger statusline` with `rate_limits` a little more often than every
/// usage interval, as Claude Code does on activity or with `refreshInterval`.
struct FootprintBench {
    struct Scenario {
        let name: String
        let source: String
        let claudeCodeOpen: Bool
    }

    struct Measured {
        let scenario: Scenario
        var usageProbes = 0
        var statusProbes = 0
        var statuslineRecords = 0
        var apiRequests = 0
        var cpuSeconds = 0.0
        var peakRSSKiB = 0
        var renders = 0
        var renderCPUSeconds = 0.0
    }

    let binary: String
    let root: URL
    let scratch: String
    let scale: Int
    let sample: String

    static let scenarios = [
        Scenario(name: "command", source: "command", claudeCodeOpen: false),
        Scenario(name: "auto, Claude Code open", source: "auto", claudeCodeOpen: true),
        Scenario(name: "auto, Claude Code closed", source: "auto", claudeCodeOpen: false),
    ]

    func run(row: (String, String, String) -> Void) throws -> [Measured] {
        let tools = root.deletingLastPathComponent().appendingPathComponent("shared/tools").path
        let usageMs = 60_000 / scale
        let hourSeconds = 3_600.0 / Double(scale)
        var companions: [(pid: pid_t, measured: Measured, logs: String, requests: String, fake: pid_t, started: Date)] =
            []
        var renderers: [(index: Int, environment: [String: String], logs: String)] = []
        for (index, scenario) in Self.scenarios.enumerated() {
            let home = scratch + "/footprint-\(index)"
            let exports = try shell(["bash", tools + "/real-claude", "--sandbox", home])
            var environment = ["PATH": "/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8"]
            for line in exports.split(separator: "\n") where line.hasPrefix("export ") {
                let pair = line.dropFirst(7).split(separator: "=", maxSplits: 1)
                if pair.count == 2 { environment[String(pair[0])] = pair[1].trimmingCharacters(in: ["'"]) }
            }
            let port = 31_000 + Int(getpid() % 1_000) * 3 + index
            let requests = home + "/requests.jsonl"
            let fake = try spawn(
                ["/usr/bin/env", "python3", tools + "/fake-anthropic-api", "--port", "\(port)", "--log", requests],
                environment: ProcessInfo.processInfo.environment)
            let logs = home + "/logs"
            environment.merge([
                "ANTHROPIC_BASE_URL": "http://127.0.0.1:\(port)", "CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-bench",
                "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": logs, "PET_USAGE_SOURCE": scenario.source,
                "PET_CLAUDE_COMMAND": environment["CLAUDE_BIN"] ?? "claude",
                "PET_PROBE_DIR": environment["PROBE_DIR"] ?? home + "/probe",
                "PET_USAGE_LOG_INTERVAL": "\(usageMs)", "PET_STATUS_LOG_INTERVAL": "\(3_600_000 / scale)",
                "PET_USAGE_SCREEN_INTERVAL": "\(900_000 / scale)",
            ]) { $1 }
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            usleep(300_000)  // the fake binds its port
            let companion = try spawn([binary, "run"], environment: environment)
            companions.append((companion, Measured(scenario: scenario), logs, requests, fake, Date()))
            if scenario.claudeCodeOpen { renderers.append((index, environment, logs)) }
        }
        // Renders start once the companion holds its lock (else the statusline would start a companion of its own).
        for renderer in renderers {
            let lock = renderer.logs + "/companion.lock"
            while !FileManager.default.fileExists(atPath: lock) { usleep(20_000) }
        }
        // Each companion is stopped a second before its hour is up: the next hour's /status is due then, and the
        // last /usage turn (5 s before) has ended.
        var nextRender = Date()
        let renderEvery = Double(usageMs) * 0.95 / 1000
        var stopped = Set<pid_t>()
        while stopped.count < companions.count {
            for companion in companions where Date().timeIntervalSince(companion.started) >= hourSeconds - 1 {
                if stopped.insert(companion.pid).inserted { kill(companion.pid, SIGTERM) }
            }
            if Date() >= nextRender {
                // None once the companion is stopped: a render would start a companion of its own.
                for renderer in renderers where !stopped.contains(companions[renderer.index].pid) {
                    if let usage = spawnWithUsage(
                        [binary, "statusline"], stdinPath: sample, environment: renderer.environment)
                    {
                        companions[renderer.index].measured.renders += 1
                        companions[renderer.index].measured.renderCPUSeconds += usage.cpuSeconds
                    }
                }
                nextRender = nextRender.addingTimeInterval(renderEvery)
            }
            usleep(50_000)
        }
        var results: [Measured] = []
        for companion in companions {
            var measured = companion.measured
            if let usage = reap(companion.pid) {
                measured.cpuSeconds = usage.cpuSeconds
                measured.peakRSSKiB = usage.rssKB
            }
            kill(companion.fake, SIGTERM)
            _ = reap(companion.fake)
            let usage = lines(companion.logs + "/usage.jsonl")
            measured.usageProbes = usage.filter { $0.contains(#""source":"command""#) }.count
            measured.statuslineRecords = usage.filter { $0.contains(#""source":"statusline""#) }.count
            measured.statusProbes = lines(companion.logs + "/status.jsonl").count
            measured.apiRequests = lines(companion.requests).filter { $0.contains("/v1/messages") }.count
            results.append(measured)
            let probes = measured.usageProbes + measured.statusProbes
            row(
                "footprint: \(measured.scenario.name)",
                "\(measured.usageProbes) /usage + \(measured.statusProbes) /status",
                String(
                    format: "%d API requests, %.1f CPU-s (%.2f a probe), peak %.0f MiB; %d statusline records",
                    measured.apiRequests, measured.cpuSeconds, probes > 0 ? measured.cpuSeconds / Double(probes) : 0,
                    Double(measured.peakRSSKiB) / 1024, measured.statuslineRecords))
            if measured.renders > 0 {
                row(
                    "  statusline renders (Claude Code's own)", "\(measured.renders)",
                    String(format: "%.2f CPU-s in all", measured.renderCPUSeconds))
            }
        }
        return results
    }

    private func lines(_ path: String) -> [Substring] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
    }

    private func shell(_ argv: [String]) throws -> String {
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = argv
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    private func spawn(_ argv: [String], environment: [String: String]) throws -> pid_t {
        guard let pid = spawnQuietly(argv, environment: environment) else {
            throw NSError(domain: "spawn \(argv[0])", code: Int(errno))
        }
        return pid
    }

    /// Waits for `pid`; its CPU seconds and peak RSS, each including the children it reaped (the probes' claude).
    private func reap(_ pid: pid_t) -> (cpuSeconds: Double, rssKB: Int)? {
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { return nil }
        }
        let cpu =
            Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return (cpu, Int(usage.ru_maxrss))
    }

    private func spawnWithUsage(_ argv: [String], stdinPath: String, environment: [String: String]) -> (
        cpuSeconds: Double, rssKB: Int
    )? {
        spawnQuietly(argv, stdinPath: stdinPath, environment: environment).flatMap(reap)
    }
}
