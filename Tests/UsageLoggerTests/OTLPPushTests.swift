import Foundation
import Testing

@testable import UsageLogger

/// The OpenTelemetry push against a loopback receiver that validates every payload with the official OTLP
/// protobuf definitions: accepted payloads, a collector that is down, slow, or answers 500/429/401, the spool, no
/// duplicates after a restart, and the headers' secret never on disk or in output.
@Suite(
    "OpenTelemetry push", .serialized, .timeLimit(.minutes(2)),
    .enabled(if: OTLPReceiver.isAvailable || OTLPReceiver.sayUnavailable()))
struct OTLPPushTests {
    static let token = "tok-0123456789-secret"
    /// 2026-03-01T12:00:00Z.
    static let now = 1_772_366_400.0

    static func logs(in dir: TemporaryDirectory) -> String {
        let logs = dir.subdirectory("logs")
        logs.write(
            "usage.jsonl",
            [
                #"{"timestamp":"2026-03-01T11:50:00.000Z","session_id":"s1","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":40,"resets_at":"2026-03-01T15:00:00.000Z"},{"name":"Current week (all models)","used_percent":20,"resets_at":null}]}}"#,
                #"{"timestamp":"2026-03-01T11:55:00.000Z","session_id":"s1","usage_data":{"source":"hook","state":"limited","windows":[{"name":"Current session","used_percent":100,"resets_at":"2026-03-01T15:00:00.000Z"}],"error":{"type":"rate_limit","message":"limit","code":null}}}"#,
            ].joined(separator: "\n") + "\n")
        logs.write(
            "status.jsonl",
            #"{"timestamp":"2026-03-01T11:00:00.000Z","email":"dev@example.com","version":"2.1.332","model":"Opus"}"#
                + "\n")
        logs.write(
            "diagnostics.jsonl",
            [
                #"{"timestamp":"2026-03-01T10:00:00.000Z","diagnostic_type":"path","severity":"warning","message":"old news","details":{"event":"appeared"}}"#,
                #"{"timestamp":"2026-03-01T11:52:00.000Z","diagnostic_type":"config_mismatch","severity":"error","message":"Running native installation but config install method is 'npm' \\ \"quoted\" café\ttab ✓","details":{"event":"appeared"}}"#,
            ].joined(separator: "\n") + "\n")
        return logs.path
    }

    static func configuration(_ endpoint: String, timeout: String = "2s", anonymize: Bool = false) throws
        -> Configuration
    {
        try Configuration(environment: [
            "HOME": "/nonexistent-usage-logger-test-home", "PET_OTLP_ENDPOINT": endpoint,
            "PET_OTLP_HEADERS": "Authorization=Bearer%20\(token)", "PET_OTLP_TIMEOUT": timeout,
            "OTEL_RESOURCE_ATTRIBUTES": "team=core", "PET_ANONYMIZE_EMAIL": anonymize ? "true" : "false",
        ])
    }

    static func at(_ offset: Double) -> Date { Date(timeIntervalSince1970: now + offset) }

    static func spooled(_ logs: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: logs + "/otlp-spool")) ?? []).sorted()
    }

    @Test("metrics and logs reach the collector as valid OTLP JSON, with the headers and the resource")
    func accepted() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let receiver = try OTLPReceiver(in: dir, token: Self.token)
            defer { receiver.stop() }
            let push = OTLPPush(logDirectory: logs, configuration: try Self.configuration(receiver.endpoint))
            let report = push.push(now: Self.at(0))
            #expect(report.sent == 2 && report.pending == 0 && report.problem == nil, "\(report)")
            let requests = receiver.requests()
            #expect(requests.map { $0["path"]?.stringValue } == ["/v1/metrics", "/v1/logs"])
            for request in requests {
                #expect(request["valid"] == .bool(true), "\(request["problem"] ?? .null)")
                #expect(request["authorized"] == .bool(true))
                #expect(request["content_type"]?.stringValue == "application/json")
            }
            let metrics = requests[0]["body"]?["resourceMetrics"]?.arrayValue?.first
            let attributes = Self.attributes(metrics?["resource"])
            #expect(attributes["service.name"] == "usage-logger")
            #expect(attributes["user.email"] == "dev@example.com")
            #expect(attributes["team"] == "core")
            #expect(attributes["host.name"]?.isEmpty == false)
            let names = (metrics?["scopeMetrics"]?.arrayValue?.first?["metrics"]?.arrayValue ?? []).compactMap {
                $0["name"]?.stringValue
            }
            #expect(names.contains("usage_logger.window.used"))
            #expect(names.contains("usage_logger.limit_hits"))
            let records =
                requests[1]["body"]?["resourceLogs"]?.arrayValue?.first?["scopeLogs"]?.arrayValue?.first?[
                    "logRecords"]?.arrayValue ?? []
            // The warning of 10:00 is older than the first look: only what is recent goes.
            #expect(
                records.compactMap { $0["eventName"]?.stringValue } == [
                    "usage_logger.diagnostic.appeared", "usage_logger.limit_hit",
                ])
            #expect(records.first?["severityText"]?.stringValue == "ERROR")
            #expect(Self.spooled(logs).isEmpty)

            // The next push sends the metrics again, but no log record twice.
            #expect(push.push(now: Self.at(60)).sent == 1)
            #expect(receiver.requests().map { $0["path"]?.stringValue }.last == "/v1/metrics")
            try Self.expectNoSecret(in: dir.path)
        }
    }

    @Test("a collector that is down: payloads are spooled, then sent in order when it returns, none twice")
    func downThenUp() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let port = OTLPReceiver.closedPort()
            let configuration = try Self.configuration("http://127.0.0.1:\(port)")
            let first = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(0))
            #expect(first.sent == 0 && first.pending == 2)
            #expect(first.problem?.contains("kept on disk") == true, "\(first)")
            #expect(!(first.problem ?? "").contains(Self.token))
            // Within the backoff nothing is tried: only the new metrics are spooled, and the problem is not said again.
            let second = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(5))
            #expect(second.pending == 3 && second.problem == nil, "\(second)")
            let names = Self.spooled(logs)
            #expect(names.count == 3)
            #expect(names.allSatisfy { $0.hasSuffix("-metrics.json") || $0.hasSuffix("-logs.json") })
            let spool = logs + "/otlp-spool"
            #expect(try FileManager.default.attributesOfItem(atPath: spool)[.posixPermissions] as? Int == 0o700)
            for name in names {
                let mode = try FileManager.default.attributesOfItem(atPath: spool + "/" + name)[.posixPermissions]
                #expect(mode as? Int == 0o600)
            }
            try Self.expectNoSecret(in: dir.path)

            // It returns; a new process (a restart) sends everything in order.
            let receiver = try OTLPReceiver(in: dir, port: port, token: Self.token)
            defer { receiver.stop() }
            let third = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(600))
            #expect(third.sent == 4 && third.pending == 0 && third.recovered, "\(third)")
            let requests = receiver.requests()
            #expect(requests.allSatisfy { $0["valid"] == .bool(true) })
            #expect(
                requests.map { $0["path"]?.stringValue ?? "" } == [
                    "/v1/metrics", "/v1/logs", "/v1/metrics", "/v1/metrics",
                ])
            let times = requests.filter { $0["path"]?.stringValue == "/v1/metrics" }.map(Self.firstPointTime)
            #expect(times == times.sorted() && Set(times).count == 3, "\(times)")
            // Restarted again: the log records are not sent twice.
            _ = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(660))
            #expect(receiver.requests().filter { $0["path"]?.stringValue == "/v1/logs" }.count == 1)
        }
    }

    @Test("500 and 429 are retried after a backoff, the payload kept until taken", arguments: [500, 429])
    func retried(status: Int) throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let receiver = try OTLPReceiver(in: dir, token: Self.token, fail: 1, status: status)
            defer { receiver.stop() }
            let configuration = try Self.configuration(receiver.endpoint)
            let first = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(0))
            #expect(first.sent == 0 && first.pending == 2)
            #expect(first.problem?.contains("HTTP \(status)") == true, "\(first)")
            let state = try JSONParser.parse(Array(Data(contentsOf: URL(fileURLWithPath: logs + "/otlp.json"))))
            let next = try #require(state["next_attempt"]?.doubleValue)
            #expect(next >= Self.now + 10 && next <= Self.now + 15, "\(next)")
            // Before the backoff is over the collector is left alone (the new metrics wait with the rest).
            _ = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(1))
            #expect(receiver.requests().count == 1)
            let later = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(60))
            #expect(later.sent == 4 && later.pending == 0 && later.recovered, "\(later)")
            let requests = receiver.requests()
            #expect(requests.map { $0["status"]?.intValue } == [status, 200, 200, 200, 200])
            #expect(requests.allSatisfy { $0["valid"] == .bool(true) })
            // The refused payload went again, first: the same body.
            #expect(requests[0]["body"] == requests[1]["body"])
        }
    }

    @Test("with SQLite storage the push reads the database: the same metrics and log records")
    func sqlite() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let (code, output) = runCLI(["import"], environment: ["HOME": dir.path, "PET_LOG_DIR": logs])
            #expect(code == .success, "\(output.standardError)")
            let receiver = try OTLPReceiver(in: dir, token: Self.token)
            defer { receiver.stop() }
            var configuration = try Self.configuration(receiver.endpoint)
            configuration.storageType = .sqlite
            let report = OTLPPush(logDirectory: logs, configuration: configuration).push(now: Self.at(0))
            #expect(report.sent == 2, "\(report)")
            let requests = receiver.requests()
            #expect(requests.allSatisfy { $0["valid"] == .bool(true) })
            let text = requests.map { $0.serialized() }.joined()
            #expect(text.contains("usage_logger.window.used") && text.contains("dev@example.com"))
            #expect(text.contains("usage_logger.limit_hit") && text.contains("usage_logger.diagnostic.appeared"))
        }
    }

    @Test("refused credentials (401) keep the payloads for a later try, said once; the headers never show")
    func refused() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let receiver = try OTLPReceiver(in: dir, token: "another-token")
            defer { receiver.stop() }
            let configuration = try Self.configuration(receiver.endpoint)
            let push = OTLPPush(logDirectory: logs, configuration: configuration)
            let first = push.push(now: Self.at(0))
            // An expired token must not empty a spool that holds an outage's limit hits: kept, backed off.
            #expect(first.dropped == 0 && first.pending == 2, "\(first)")
            #expect(first.problem?.contains("HTTP 401") == true)
            #expect(!(first.problem ?? "").contains(Self.token))
            let second = push.push(now: Self.at(60))
            #expect(second.dropped == 0 && second.pending >= 2, "\(second)")
            try Self.expectNoSecret(in: dir.path)
        }
    }

    @Test("a slow collector holds a push no longer than PET_OTLP_TIMEOUT; the payload waits on disk")
    func slow() throws {
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let receiver = try OTLPReceiver(in: dir, token: Self.token, delay: 3)
            defer { receiver.stop() }
            let push = OTLPPush(
                logDirectory: logs, configuration: try Self.configuration(receiver.endpoint, timeout: "300ms"))
            let started = Date()
            let report = push.push(now: Self.at(0))
            let elapsed = Date().timeIntervalSince(started)
            #expect(elapsed < 1.0, "took \(elapsed) s")
            #expect(report.sent == 0 && report.pending == 2)
            #expect(report.problem?.contains("no answer") == true, "\(report)")
        }
    }

    @Test("the spool is bounded: the oldest metrics snapshots go first, counted; the events stay")
    func bounded() throws {  // the oldest metrics snapshots go first; the events (logs) stay
        try withTemporaryDirectory { dir throws in
            let logs = Self.logs(in: dir)
            let push = OTLPPush(
                logDirectory: logs,
                configuration: try Self.configuration("http://127.0.0.1:\(OTLPReceiver.closedPort())"))
            push.spoolLimit = 3
            var dropped = 0
            var problems: [String] = []
            for minute in 0..<4 {
                let report = push.push(now: Self.at(Double(minute) * 5))
                dropped += report.dropped
                if let problem = report.problem { problems.append(problem) }
            }
            #expect(Self.spooled(logs).count == 3)
            #expect(dropped == 2)
            #expect(problems.contains { $0.contains("spool full") }, "\(problems)")
            // The events stay (the limit hits of an outage), and the newest metrics: older snapshots went first.
            let kept = Self.spooled(logs)
            #expect(kept.filter { $0.hasSuffix("-logs.json") }.count == 1, "\(kept)")
            #expect(kept.filter { $0.hasSuffix("-metrics.json") }.count == 2, "\(kept)")
        }
    }

    @Test("the companion pushes after each turn")
    func companion() throws {
        try withTemporaryDirectory { home throws in
            let receiver = try OTLPReceiver(in: home, token: Self.token)
            defer { receiver.stop() }
            let setup = CompanionRunTests.Setup(home: home, "cat '\(Fixtures.path("usage-2.1.55.txt"))'")
            var companion = try setup.companion([
                "PET_STATUS_LOG_INTERVAL": "100", "PET_USAGE_LOG_INTERVAL": "100",
                "PET_OTLP_ENDPOINT": receiver.endpoint, "PET_OTLP_HEADERS": "Authorization=Bearer%20\(Self.token)",
            ])
            companion.probeLimit = 2
            #expect(companion.run() == .probeLimitReached)
            let requests = receiver.requests()
            #expect(requests.count >= 2, "\(setup.events.all)")
            #expect(requests.allSatisfy { $0["valid"] == .bool(true) && $0["authorized"] == .bool(true) })
            let text = requests.last.map { $0.serialized() } ?? ""
            #expect(text.contains("usage_logger.window.used") && text.contains("Current session"))
            #expect(!setup.events.all.contains { if case .telemetry = $0 { true } else { false } })
            try Self.expectNoSecret(in: home.path)
        }
    }

    @Test("once pushes after its probes; a collector that is down is said once, never changes the exit code")
    func once() throws {
        try withTemporaryDirectory { home throws in
            let setup = OnceCommandTests.Setup(home: home)
            // The probes' claude writes its environment where the secret scan below looks: it must not get the token.
            let fake = try String(contentsOfFile: setup.fake.path, encoding: .utf8)
            try (fake.replacingOccurrences(of: "#!/bin/sh\n", with: "#!/bin/sh\nenv >> \"$0.env\"\n"))
                .write(toFile: setup.fake.path, atomically: false, encoding: .utf8)
            let receiver = try OTLPReceiver(in: home, token: Self.token)
            defer { receiver.stop() }
            let headers = "Authorization=Bearer%20\(Self.token)"
            let (code, output) = setup.run(
                ["once"], ["PET_OTLP_ENDPOINT": receiver.endpoint, "PET_OTLP_HEADERS": headers])
            #expect(code == .success, "\(output.standardError)")
            let requests = receiver.requests()
            // The sample's /status shows warnings: they appeared, so they go as log records too.
            #expect(requests.map { $0["path"]?.stringValue } == ["/v1/metrics", "/v1/logs"])
            #expect(requests.last.map { $0.serialized() }?.contains("usage_logger.diagnostic.appeared") == true)
            #expect(requests.allSatisfy { $0["valid"] == .bool(true) && $0["authorized"] == .bool(true) })
            #expect(requests.first.map { $0.serialized() }?.contains("usage_logger.claude_code.info") == true)

            let down = [
                "PET_OTLP_ENDPOINT": "http://127.0.0.1:\(OTLPReceiver.closedPort())", "PET_OTLP_HEADERS": headers,
            ]
            let first = setup.run(["once", "status"], down)
            #expect(first.code == .success)
            #expect(first.output.standardError.contains("warning: OTLP collector"), "\(first.output.standardError)")
            let second = setup.run(["once", "status"], down)
            #expect(second.code == .success)
            #expect(!second.output.standardError.contains("OTLP"), "\(second.output.standardError)")
            for output in [output, first.output, second.output] {
                #expect(!(output.standardOutput + output.standardError).contains(Self.token))
            }
            #expect(FileManager.default.fileExists(atPath: setup.fake.path + ".env"))
            try Self.expectNoSecret(in: home.path)
        }
    }

    @Test("doctor sends a test request: accepted, a wrong token, no answer; and says what waits in the spool")
    func doctor() throws {
        try withTemporaryDirectory { home throws in
            let logs = Self.logs(in: home)
            let receiver = try OTLPReceiver(in: home, token: Self.token)
            defer { receiver.stop() }
            func doctor(_ endpoint: String, token: String = Self.token) -> String {
                let (_, output) = runCLI(
                    ["doctor"],
                    environment: [
                        "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_LOG_DIR": logs, "PET_OTLP_ENDPOINT": endpoint,
                        "PET_OTLP_HEADERS": "Authorization=Bearer%20\(token)", "PET_CLAUDE_COMMAND": "/bin/false",
                    ])
                #expect(!(output.standardOutput + output.standardError).contains(token))
                return output.standardOutput
            }
            let good = doctor(receiver.endpoint)
            #expect(
                good.contains("✔ OpenTelemetry collector: \(receiver.endpoint) took a test request (HTTP 200)"),
                "\(good)")
            #expect(receiver.requests().first?["valid"] == .bool(true))
            let wrong = doctor(receiver.endpoint, token: "wrong-token-123")
            #expect(wrong.contains("✘ OpenTelemetry collector: \(receiver.endpoint) refused the credentials: HTTP 401"))
            #expect(wrong.contains("fix: check the token in PET_OTLP_HEADERS"))
            let down = "http://127.0.0.1:\(OTLPReceiver.closedPort())"
            _ = OTLPPush(logDirectory: logs, configuration: try Self.configuration(down)).push(now: Self.at(0))
            let text = doctor(down)
            #expect(text.contains("! OpenTelemetry collector: \(down): no answer"), "\(text)")
            #expect(text.contains("! OpenTelemetry spool: 2 payloads waiting"), "\(text)")
        }
    }

    /// No file under `path` (logs, state, spool) holds the token.
    static func expectNoSecret(in path: String) throws {
        let files = FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []
        for file in files where !file.hasSuffix(".jsonl") || !file.contains("receiver") {
            guard let data = FileManager.default.contents(atPath: path + "/" + file) else { continue }
            #expect(!String(decoding: data, as: UTF8.self).contains(token), "\(file) holds the token")
        }
    }

    static func attributes(_ resource: JSONValue?) -> [String: String] {
        var attributes: [String: String] = [:]
        for attribute in resource?["attributes"]?.arrayValue ?? [] {
            if let key = attribute["key"]?.stringValue, let value = attribute["value"]?["stringValue"]?.stringValue {
                attributes[key] = value
            }
        }
        return attributes
    }

    static func firstPointTime(_ request: JSONValue) -> String {
        let metric = request["body"]?["resourceMetrics"]?.arrayValue?.first?["scopeMetrics"]?.arrayValue?.first?[
            "metrics"]?.arrayValue?.first
        return metric?["gauge"]?["dataPoints"]?.arrayValue?.first?["timeUnixNano"]?.stringValue ?? ""
    }
}
