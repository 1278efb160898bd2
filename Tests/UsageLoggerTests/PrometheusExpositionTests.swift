import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger metrics`: the latest state of the logs in the Prometheus text exposition format.
@Suite("Prometheus metrics")
struct PrometheusExpositionTests {
    static let usage = [
        #"{"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s1","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":6,"resets_at":"2026-03-01T15:00:00.000Z"},{"name":"Current week (all models)","used_percent":24.5,"resets_at":null}]}}"#,
        #"{"timestamp":"2026-03-01T10:01:00.000Z","session_id":"s1","usage_data":{"source":"command","state":"error","windows":[],"error":{"type":"rate_limit_error","message":"m","code":null}},"error":"/usage reported an error"}"#,
        #"{"timestamp":"2026-03-01T11:00:00.000Z","session_id":"s1","usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":100,"resets_at":"2026-03-01T15:00:00.000Z"}]}}"#,
        #"{"timestamp":"2026-03-01T11:01:00.000Z","session_id":"s1","usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":100,"resets_at":"2026-03-01T15:00:00.000Z"}]}}"#,
        #"{"timestamp":"2026-03-01T11:02:00.000Z","session_id":"s1","usage_data":{"source":"hook","state":"limited","windows":[{"name":"Current session","used_percent":100,"resets_at":"2026-03-01T15:00:00.000Z"}],"error":{"type":"rate_limit","message":"limit","code":null}}}"#,
    ]
    static let status = [
        #"{"timestamp":"2026-03-01T09:00:00.000Z","email":"a@example.com","version":"2.1.330","model":"Opus"}"#,
        #"{"timestamp":"2026-03-01T10:30:00.000Z","email":null,"version":null,"model":null,"error":"claude timed out"}"#,
        #"{"timestamp":"2026-03-01T10:40:00.000Z","email":"a@example.com","version":"2.1.332","model":"Opus"}"#,
    ]
    static let diagnostics = [
        #"{"timestamp":"2026-03-01T09:00:01.000Z","diagnostic_type":"path","severity":"warning","message":"Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH=\"$HOME/.local/bin:$PATH\"'","details":{"event":"appeared"}}"#,
        #"{"timestamp":"2026-03-01T09:00:02.000Z","diagnostic_type":"config_mismatch","severity":"warning","message":"Running native installation but config install method is 'not set'","details":{"event":"appeared"}}"#,
        #"{"timestamp":"2026-03-01T10:40:01.000Z","diagnostic_type":"config_mismatch","severity":"warning","message":"Running native installation but config install method is 'not set'","details":{"event":"resolved"}}"#,
    ]
    static let sessions = [
        #"{"timestamp":"2026-03-01T10:50:00.000Z","ended_at":"2026-03-01T10:50:00.000Z","tokens_by_model":{"claude-sonnet-5-5":{"input":12,"output":7,"cache_read":100,"cache_creation":3}}}"#,
        #"{"timestamp":"2026-03-01T10:55:00.000Z","ended_at":"2026-03-01T10:55:00.000Z","tokens_by_model":{"claude-sonnet-5-5":{"input":1,"output":2,"cache_read":0,"cache_creation":0}}}"#,
    ]

    /// 2026-03-01T12:00:00Z.
    static let now = 1_772_366_400.0

    static func logs(in dir: TemporaryDirectory, name: String = "logs") -> String {
        let logs = dir.subdirectory(name)
        logs.write("usage.jsonl", usage.joined(separator: "\n") + "\n")
        logs.write("status.jsonl", status.joined(separator: "\n") + "\n")
        logs.write("diagnostics.jsonl", diagnostics.joined(separator: "\n") + "\n")
        logs.write("sessions.jsonl", sessions.joined(separator: "\n") + "\n")
        return logs.path
    }

    static func snapshot(_ directories: [LogSource]) throws -> MetricsSnapshot {
        try MetricsSnapshot.gather(
            reader: ReportLogReader(sources: directories), sessions: SessionRowReader(sources: directories), now: now)
    }

    static let expected = """
        # HELP usage_logger_window_used_ratio Share of the plan window used at its latest reading (0-1; Claude Code shows it as a percentage).
        # TYPE usage_logger_window_used_ratio gauge
        usage_logger_window_used_ratio{window="Current session",source="statusline"} 1
        usage_logger_window_used_ratio{window="Current week (all models)",source="command"} 0.245
        # HELP usage_logger_window_resets_timestamp_seconds When the window resets, as of its latest reading (Unix time).
        # TYPE usage_logger_window_resets_timestamp_seconds gauge
        usage_logger_window_resets_timestamp_seconds{window="Current session",source="statusline"} 1772377200
        # HELP usage_logger_last_reading_timestamp_seconds When the latest usage reading with a window's percentage was recorded (Unix time).
        # TYPE usage_logger_last_reading_timestamp_seconds gauge
        usage_logger_last_reading_timestamp_seconds 1772362860
        # HELP usage_logger_reading_age_seconds Seconds between the latest usage reading and when these metrics were made.
        # TYPE usage_logger_reading_age_seconds gauge
        usage_logger_reading_age_seconds 3540
        # HELP usage_logger_probe_last_success_timestamp_seconds When a probe of this kind (claude /usage, claude /status) last succeeded (Unix time).
        # TYPE usage_logger_probe_last_success_timestamp_seconds gauge
        usage_logger_probe_last_success_timestamp_seconds{kind="status"} 1772361600
        usage_logger_probe_last_success_timestamp_seconds{kind="usage"} 1772359200
        # HELP usage_logger_probe_failures_total Probes of this kind that failed or brought no numbers, in the records the logs hold.
        # TYPE usage_logger_probe_failures_total counter
        usage_logger_probe_failures_total{kind="status"} 1
        usage_logger_probe_failures_total{kind="usage"} 1
        # HELP usage_logger_active_diagnostics Installation warnings Claude Code's /status shows now.
        # TYPE usage_logger_active_diagnostics gauge
        usage_logger_active_diagnostics 1
        # HELP usage_logger_diagnostic_active 1 for each installation warning active now: its type, severity and the start of its message.
        # TYPE usage_logger_diagnostic_active gauge
        usage_logger_diagnostic_active{type="path",severity="warning",label="Native installation exists but ~/.local/bin is not in your…"} 1
        # HELP usage_logger_claude_code_info 1, labelled with the Claude Code version of the latest /status record.
        # TYPE usage_logger_claude_code_info gauge
        usage_logger_claude_code_info{version="2.1.332"} 1
        # HELP usage_logger_limit_hits_total Limit hits in the records the logs hold: requests refused for a plan limit (kind refused, from the hooks) and windows reaching 100 % (kind window).
        # TYPE usage_logger_limit_hits_total counter
        usage_logger_limit_hits_total{window="Current session",kind="refused"} 1
        usage_logger_limit_hits_total{window="Current session",kind="window"} 1
        usage_logger_limit_hits_total{window="Current week (all models)",kind="refused"} 0
        usage_logger_limit_hits_total{window="Current week (all models)",kind="window"} 0
        # HELP usage_logger_session_tokens_total Tokens of the Claude Code sessions the hooks counted, by model and type.
        # TYPE usage_logger_session_tokens_total counter
        usage_logger_session_tokens_total{model="claude-sonnet-5-5",type="cache_creation"} 3
        usage_logger_session_tokens_total{model="claude-sonnet-5-5",type="cache_read"} 100
        usage_logger_session_tokens_total{model="claude-sonnet-5-5",type="input"} 13
        usage_logger_session_tokens_total{model="claude-sonnet-5-5",type="output"} 9
        # HELP usage_logger_oldest_record_timestamp_seconds The oldest record the logs hold (Unix time): the counters count from here.
        # TYPE usage_logger_oldest_record_timestamp_seconds gauge
        usage_logger_oldest_record_timestamp_seconds 1772355600

        """

    @Test(
        "the latest reading per window as a ratio, resets, age, probes, active warnings, version, and counters of hits and tokens"
    )
    func wholeExposition() throws {
        try withTemporaryDirectory { dir throws in
            let text = PrometheusExposition.render(try Self.snapshot([LogSource(path: Self.logs(in: dir))]))
            #expect(text == Self.expected)
        }
    }

    @Test("every family has HELP then TYPE before its samples; names are usage_logger_ snake case, counters _total")
    func namesHelpAndType() throws {
        try withTemporaryDirectory { dir throws in
            let text = PrometheusExposition.render(try Self.snapshot([LogSource(path: Self.logs(in: dir))]))
            var help: String?
            var type: (name: String, kind: String)?
            for line in text.split(separator: "\n").map(String.init) {
                let words = line.split(separator: " ", maxSplits: 3).map(String.init)
                if line.hasPrefix("# HELP ") {
                    help = words[2]
                    continue
                }
                if line.hasPrefix("# TYPE ") {
                    #expect(words[2] == help)
                    type = (words[2], words[3])
                    continue
                }
                let name = String(line.prefix { $0 != "{" && $0 != " " })
                #expect(name == type?.name, "\(line)")
                #expect(name.hasPrefix("usage_logger_"))
                #expect(name.allSatisfy { $0.isLowercase || $0 == "_" })
                #expect((type?.kind == "counter") == name.hasSuffix("_total"), "\(name)")
                #expect(["gauge", "counter"].contains(type?.kind ?? ""))
            }
        }
    }

    @Test("label values escape backslash, double quote and line feed; HELP escapes backslash and line feed")
    func escaping() {
        #expect(PrometheusExposition.escapeLabelValue(#"a "b" \c"# + "\nd") == #"a \"b\" \\c\nd"#)
        #expect(
            PrometheusExposition.escapeLabelValue("Current week (Sonnet only) · ü") == "Current week (Sonnet only) · ü")
        #expect(PrometheusExposition.escapeHelp("a\\b\n\"c\"") == #"a\\b\n"c""#)
        var snapshot = MetricsSnapshot(now: Self.now)
        snapshot.add(
            .usage(
                UsageReading(
                    time: Self.now, source: "command",
                    windows: [.init(name: "x \"q\"\n\\", usedPercent: 50, resetsAt: nil)]
                )))
        #expect(
            PrometheusExposition.render(snapshot).contains(
                #"usage_logger_window_used_ratio{window="x \"q\"\n\\",source="command"} 0.5"#))
    }

    @Test("values: whole numbers plainly, fractions exactly, Inf and NaN in the format's words")
    func values() {
        #expect(PrometheusExposition.number(1_772_377_200) == "1772377200")
        #expect(PrometheusExposition.number(0.06) == "0.06")
        #expect(PrometheusExposition.number(1_772_362_860.123) == "1772362860.123")
        #expect(PrometheusExposition.number(.infinity) == "+Inf")
        #expect(PrometheusExposition.number(-.infinity) == "-Inf")
        #expect(PrometheusExposition.number(.nan) == "NaN")
        #expect(PrometheusExposition.number(1e20) == "1e+20")
    }

    @Test("an empty log directory gives the counters at zero and no readings; a missing one exits 66")
    func emptyDirectory() {
        withTemporaryDirectory { dir in
            let empty = dir.subdirectory("empty").path
            let (code, output) = runCLI(["metrics", "--logs", empty])
            #expect(code == .success)
            let samples = output.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(
                samples == [
                    #"usage_logger_probe_failures_total{kind="status"} 0"#,
                    #"usage_logger_probe_failures_total{kind="usage"} 0"#, "usage_logger_active_diagnostics 0",
                ])
            let missing = runCLI(["metrics", "--logs", dir.path + "/nowhere"])
            #expect(missing.code == .noInput)
            #expect(missing.output.standardError.contains(dir.path + "/nowhere"))
        }
    }

    @Test("a failing probe counts as a failure and leaves the last success where it was")
    func failingProbe() throws {
        var snapshot = MetricsSnapshot(now: Self.now)
        snapshot.add(
            .usage(
                UsageReading(time: 100, source: "command", windows: [.init(name: "s", usedPercent: 5, resetsAt: nil)])))
        snapshot.add(
            .usage(UsageReading(time: 200, source: "command", state: "error", errorType: "probe_failed", windows: [])))
        snapshot.add(.usage(UsageReading(time: 300, source: "command", state: "loading", windows: [])))
        snapshot.add(.status(StatusReading(time: 400, version: nil, model: nil, account: nil, failed: true)))
        let text = PrometheusExposition.render(snapshot)
        #expect(text.contains(#"usage_logger_probe_failures_total{kind="usage"} 2"#))
        #expect(text.contains(#"usage_logger_probe_failures_total{kind="status"} 1"#))
        #expect(text.contains(#"usage_logger_probe_last_success_timestamp_seconds{kind="usage"} 100"#))
        #expect(!text.contains(#"usage_logger_probe_last_success_timestamp_seconds{kind="status"}"#))
        #expect(!text.contains("claude_code_info"))
    }

    @Test("a diagnostic is active once it appeared and gone once resolved")
    func diagnosticAppearsThenResolves() {
        var snapshot = MetricsSnapshot(now: Self.now)
        let appeared = DiagnosticReading(
            time: 100, type: "path", severity: "warning", message: "~/.local/bin is not in your PATH", event: .appeared)
        snapshot.add(.diagnostic(appeared))
        var text = PrometheusExposition.render(snapshot)
        #expect(text.contains("usage_logger_active_diagnostics 1"))
        #expect(
            text.contains(
                #"usage_logger_diagnostic_active{type="path",severity="warning",label="~/.local/bin is not in your PATH"} 1"#
            ))
        var resolved = appeared
        resolved.time = 200
        resolved.event = .resolved
        snapshot.add(.diagnostic(resolved))
        text = PrometheusExposition.render(snapshot)
        #expect(text.contains("usage_logger_active_diagnostics 0"))
        #expect(!text.contains("usage_logger_diagnostic_active{"))
    }

    @Test("a long warning's label is cut at a word, on one line")
    func shortLabel() {
        let label = PrometheusExposition.shortLabel(String(repeating: "word\n", count: 30))
        #expect(label.count <= PrometheusExposition.labelLength)
        #expect(label.hasSuffix("word…"))
        #expect(!label.contains("\n"))
        #expect(PrometheusExposition.shortLabel(String(repeating: "x", count: 100)).count == 60)
    }

    @Test("several --logs directories: every sample carries its directory's logs label")
    func severalDirectories() {
        withTemporaryDirectory { dir in
            let laptop = Self.logs(in: dir, name: "laptop")
            let desktop = Self.logs(in: dir, name: "desktop")
            let (code, output) = runCLI(["metrics", "--logs", "a=\(laptop)", "--logs", "b=\(desktop)"])
            #expect(code == .success)
            let samples = output.standardOutput.split(separator: "\n").filter { !$0.hasPrefix("#") }
            #expect(samples.allSatisfy { $0.contains(#"{logs="a""#) || $0.contains(#"{logs="b""#) })
            #expect(output.standardOutput.contains(#"usage_logger_claude_code_info{logs="b",version="2.1.332"} 1"#))
        }
    }

    @Test("--textfile writes usage_logger.prom atomically, readable by node_exporter; a missing directory exits 73")
    func textfile() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let target = dir.subdirectory("textfile").path
            let (code, output) = runCLI(["metrics", "--logs", logs, "--textfile", target])
            #expect(code == .success)
            #expect(output.standardOutput.isEmpty)
            #expect(try FileManager.default.contentsOfDirectory(atPath: target) == [MetricsTextfile.fileName])
            let path = target + "/" + MetricsTextfile.fileName
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains("usage_logger_window_used_ratio"))
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o644)
            let missing = runCLI(["metrics", "--logs", logs, "--textfile", dir.path + "/nowhere"])
            #expect(missing.code == .cannotCreate)
            #expect(missing.output.standardError.contains("is not a directory"))
        }
    }

    @Test("PET_METRICS_TEXTFILE must be absolute (or under ~/)")
    func setting() throws {
        #expect(throws: ConfigurationError.self) {
            try Configuration(environment: ["HOME": "/h", "PET_METRICS_TEXTFILE": "relative/dir"])
        }
        let configuration = try Configuration(environment: ["HOME": "/h", "PET_METRICS_TEXTFILE": "~/metrics"])
        #expect(configuration.metricsTextfile == "/h/metrics")
        #expect(try Configuration(environment: ["HOME": "/h"]).metricsTextfile == nil)
    }

    @Test("the companion rewrites the textfile after each record when PET_METRICS_TEXTFILE is set")
    func companionRefreshes() throws {
        try withTemporaryDirectory { home throws in
            let setup = CompanionRunTests.Setup(home: home, "cat '\(Fixtures.path("usage-2.1.55.txt"))'")
            let target = home.subdirectory("textfile").path
            var companion = try setup.companion([
                "PET_STATUS_LOG_INTERVAL": "100", "PET_USAGE_LOG_INTERVAL": "100", "PET_METRICS_TEXTFILE": target,
            ])
            companion.probeLimit = 2
            #expect(companion.run() == .probeLimitReached)
            let text = try String(contentsOfFile: target + "/" + MetricsTextfile.fileName, encoding: .utf8)
            #expect(text.contains(#"usage_logger_window_used_ratio{window="Current session",source="command"}"#))
            #expect(
                !setup.events.all.contains { if case .metricsFailed = $0 { true } else { false } },
                "\(setup.events.all)")
        }
    }

    @Test(
        "promtool check metrics accepts the output (Debian's prometheus package)",
        .enabled(if: PrometheusExpositionTests.promtool() != nil || PrometheusExpositionTests.sayNoPromtool()))
    func promtoolAccepts() throws {
        guard let promtool = Self.promtool() else { return }
        try withTemporaryDirectory { dir throws in
            let text = PrometheusExposition.render(try Self.snapshot([LogSource(path: Self.logs(in: dir))]))
            let command = try SpawnedCommand(
                promtool, ["check", "metrics"], environment: ["PATH": "/usr/bin:/bin"], input: text)
            #expect(command.waitForExit(milliseconds: 20_000) == 0, "\(command.standardError)")
            #expect(command.standardError.isEmpty, "promtool's lint: \(command.standardError)")
        }
    }

    static func promtool() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin"]).map { $0 + "/promtool" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Says why the promtool test is skipped; false, so the test stays disabled.
    static func sayNoPromtool() -> Bool {
        SkipNotice.say(
            "Prometheus metrics: promtool not found, `promtool check metrics` skipped "
                + "(apt-get install prometheus, or put promtool on PATH)")
        return false
    }
}
