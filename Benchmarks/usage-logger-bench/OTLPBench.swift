import Foundation
import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU an OpenTelemetry push adds to a companion turn (goal: at most 5 ms), against a turn without push in the
/// same run. The collector is a plain python3 `http.server` on 127.0.0.1 answering 200 (its CPU is its own). Two
/// figures: the push alone (`OTLPPush.push()` after one appended record: read the new line, encode, spool, POST,
/// remove; the process's CPU clock, libcurl's threads included), and whole companion turns with and without push
/// (ours and the fake claude's CPU), as a ratio.
struct OTLPBench {
    let configuration: Configuration
    let environment: [String: String]
    let scratch: String

    static let receiver = """
        import http.server, os, sys
        class H(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
                self.wfile.write(b"{}")
            def log_message(self, *a): pass
        s = http.server.ThreadingHTTPServer(("127.0.0.1", 0), H)
        open(sys.argv[1] + ".tmp", "w").write(str(s.server_address[1])); os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        s.serve_forever()
        """

    func run(turns: Int, row: (String, String, String) -> Void) throws {
        let ready = scratch + "/otlp-receiver.port"
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        server.arguments = ["python3", "-c", Self.receiver, ready]
        do { try server.run() } catch {
            row("OTLP push", "skipped", "python3 not found for the loopback collector")
            return
        }
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var waited = 0
        while !FileManager.default.fileExists(atPath: ready), waited < 10_000 {
            usleep(10_000)
            waited += 10
        }
        guard let port = (try? String(contentsOfFile: ready, encoding: .utf8)).flatMap(Int.init) else {
            row("OTLP push", "skipped", "the loopback collector did not start")
            return
        }
        var pushing = try Configuration(environment: [
            "HOME": scratch, "PET_OTLP_ENDPOINT": "http://127.0.0.1:\(port)",
            "PET_OTLP_HEADERS": "Authorization=Bearer%20bench",
        ])
        pushing.claudeCommand = configuration.claudeCommand
        pushing.statusCommand = configuration.statusCommand
        pushing.usageCommand = configuration.usageCommand
        pushing.probeDirectory = configuration.probeDirectory
        pushing.loggingEnabled = true

        // The push alone: one appended record, then a push, `turns` times (after a first push that reads all).
        let logs = scratch + "/otlp-logs"
        try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: logs + "/usage.jsonl", contents: nil)
        let push = OTLPPush(logDirectory: logs, configuration: pushing)
        let firstStart = Self.processCPU()
        push.push()  // loads libcurl
        let firstMs = (Self.processCPU() - firstStart) * 1000
        var pushes: [Double] = []
        for turn in 0..<turns {
            let line =
                #"{"timestamp":"\#(Timestamp.string(from: Date()))","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":\#(turn % 100),"resets_at":null},{"name":"Current week (all models)","used_percent":20,"resets_at":null}]}}"#
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + "/usage.jsonl"))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((line + "\n").utf8))
            try handle.close()
            let start = Self.processCPU()
            let report = push.push()
            pushes.append(Self.processCPU() - start)
            if report.sent != 1 { row("OTLP push", "failed", "\(report)") }
        }
        let pushMs = pushes.sorted()[pushes.count / 2] * 1000

        // Whole companion turns, without and with the push.
        func turnCPU(_ configuration: Configuration, directory: String) -> Double {
            var fast = configuration
            fast.usageIntervalMs = 2
            fast.statusIntervalMs = 2
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            var companion = Companion(configuration: fast, environment: environment, logDirectory: directory)
            companion.probeLimit = 5  // warm-up: the first push reads everything
            _ = companion.run()
            let start = Self.processCPU() + Self.childrenCPU()
            companion.probeLimit = 5 + turns
            _ = companion.run()
            return (Self.processCPU() + Self.childrenCPU() - start) / Double(turns)
        }
        let without = turnCPU(configuration, directory: scratch + "/otlp-without")
        let with = turnCPU(pushing, directory: scratch + "/otlp-with")
        row("OTLP push (loopback collector)", String(format: "%.2f ms CPU", pushMs), "median of \(turns); goal ≤ 5 ms")
        row("  the process's first push", String(format: "%.2f ms CPU", firstMs), "loads libcurl (once per process)")
        row(
            "  companion turn without / with push", String(format: "%.2f / %.2f ms CPU", without * 1000, with * 1000),
            String(format: "%.2fx (ours and claude's CPU, mean of %d)", with / without, turns))
        row("  goal: a push adds ≤ 5 ms CPU to a turn", String(format: "%.2f ms", pushMs), pushMs <= 5 ? "✔" : "✘")
    }

    /// This process's CPU time (every thread), in seconds.
    static func processCPU() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The CPU time of the children waited for (the fake claude), in seconds.
    static func childrenCPU() -> Double {
        var usage = rusage()
        #if canImport(Glibc)
            getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
        #else
            getrusage(RUSAGE_CHILDREN, &usage)
        #endif
        func seconds(_ value: timeval) -> Double { Double(value.tv_sec) + Double(value.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
