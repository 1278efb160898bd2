import Foundation
import Testing

@testable import UsageLogger

/// The report's fast line decoder against `JSONParser` and a plain reading of the parsed `JSONValue`: on real
/// record lines, hand-made edge cases and thousands of mutated lines, both must accept the same lines and see the
/// same sample.
@Suite("log line decoder")
struct LogLineDecoderTests {
    /// Lines as usage-logger writes them (the README's examples and what the statusline and failed probes write).
    static let realLines: [(LogName, String)] = [
        (
            .usage,
            #"{"timestamp":"2026-11-23T13:27:24.473Z","session_id":"92bc1c17-669f-4470-a51e-a4b42ad503e6","cwd":"/tmp","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":6,"resets":"12pm (America/New_York)","resets_at":"2026-11-23T17:00:00.000Z"},{"name":"Current week (all models)","used_percent":24,"resets":"Mar 19 at 11pm (America/New_York)","resets_at":"2027-03-20T03:00:00.000Z"},{"name":"Current week (Sonnet only)","used_percent":13,"resets":"Mar 20 at 9am (America/New_York)","resets_at":"2027-03-20T13:00:00.000Z"}],"extra_usage":null,"cost":null,"total_tokens":null,"error":null,"duration_ms":null}}"#
        ),
        (
            .usage,
            #"{"timestamp":"2026-11-23T13:28:00.001Z","session_id":null,"cwd":"/tmp","usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":12.5,"resets":null,"resets_at":"2026-11-23T17:00:00.000Z"},{"name":"Current week (all models)","used_percent":30.25,"resets":null,"resets_at":null}],"extra_usage":null,"cost":null,"total_tokens":1200,"error":null,"duration_ms":null}}"#
        ),
        (
            .usage,
            #"{"timestamp":"2026-11-23T13:29:00.000Z","session_id":"s","cwd":"/tmp","usage_data":{"source":"command","state":"error","windows":[],"extra_usage":null,"cost":null,"total_tokens":null,"error":{"type":"authentication_error","message":"OAuth token has expired","code":"token_expired"},"duration_ms":3000},"error":"/usage reported an error","raw":"Error: {\"type\":\"authentication_error\"}\n\u2500\u2500 Esc"}"#
        ),
        (
            .usage,
            #"{"timestamp":"2026-11-23T13:30:00.000Z","session_id":"s","usage_data":{"source":"command","state":"loading","windows":[]},"error":"timed out after 45 s","raw":"Loading usage data…"}"#
        ),
        (
            .usage,
            #"{"timestamp":"2026-11-23T14:02:05+01:00","usage_data":{"source":"my-scraper","state":"ok"}}"#
        ),
        (
            .status,
            #"{"timestamp":"2026-11-23T13:27:19.321Z","session_id":"8fecc398","email":null,"version":"2.1.330","model":"Default (claude-opus-5-5)","cwd":"/tmp","status_data":{"session_id":"db522cca","login_method":"Claude Max account","login":null,"organization":"Org","auth_token":"none","mcp_servers":[{"name":"x","state":"connected"}],"extra":{"Peer address":"uds:/tmp/cc-socks/11489.sock"}},"diagnostics":{"warnings":["Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH=\"$HOME/.local/bin:$PATH\"' >> ~/.bashrc"],"config_mismatches":null,"permissions":{"auto_update":null,"requires_sudo":null},"items":[]},"probe":{"command":["claude","/status"],"exit_status":143,"signal":null,"timed_out":false,"closed_by_usage_logger":true,"output_bytes":6781,"truncated":false,"duration_ms":2941}}"#
        ),
        (
            .status,
            #"{"timestamp":"2026-11-23T14:27:19.321Z","email":"sha256:ab12","version":null,"model":null,"status_data":null,"error":"claude timed out","raw":"..."}"#
        ),
        (
            .diagnostics,
            #"{"timestamp":"2026-11-23T14:03:33.615Z","session_id":"e6692433","diagnostic_type":"path","severity":"warning","message":"Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH=\"$HOME/.local/bin:$PATH\"' >> ~/.bashrc && source ~/.bashrc","details":{"event":"appeared","directory":"~/.local/bin"}}"#
        ),
        (
            .diagnostics,
            #"{"timestamp":"2026-11-24T14:03:33.615Z","diagnostic_type":"config_mismatch","severity":"warning","message":"m","details":{"running":"native","event":"resolved"}}"#
        ),
    ]

    /// Edge cases of the grammar: each must be judged as `JSONParser` judges it.
    static let edgeCases: [String] = [
        "", " ", "{}", "[]", "null", "{\"timestamp\":\"2026-11-23T13:27:24.473Z\"}", "{\"a\":1}x", "{\"a\":01}",
        "{\"a\":-}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":1e400}", "{\"a\":-0}", "{\"a\":123456789012345678901234}",
        "{\"a\":tru}", "{\"a\":true}", "{\"a\":fals}", "{\"a\":nul}", "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\ud800\\u0041\"}",
        "{\"a\":\"\\ud83d\\ude00\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\u{7F}\"}", "{\"a\":\"\t\"}",
        "{\"a\" :\t1 ,\"b\":[ ] , \"c\":{ } }", "{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\":[1,]}", "{\"a\":[1 2]}",
        "{\"tim\\u0065stamp\":\"2026-11-23T13:27:24.473Z\",\"usage_data\":{}}", "\u{FEFF}{}", "{\"a\":\"é\"}",
        "{\"usage_data\":{\"windows\":[{\"name\":\"x\"}]},\"timestamp\":\"2026-11-23T13:27:24Z\"}",
        "{\"timestamp\":\"2026-11-23T13:27:24.473Z\",\"timestamp\":\"bad\",\"usage_data\":{}}",
        "{\"timestamp\":\"bad\",\"timestamp\":\"2026-11-23T13:27:24.473Z\",\"usage_data\":{}}",
        "{\"timestamp\":\"2026-02-30T13:27:24.473Z\",\"usage_data\":{}}",
        "{\"timestamp\":\"2026-11-23T24:27:24.473Z\",\"usage_data\":{}}",
        "{\"timestamp\":\"2026-11-23t13:27:24,5+05:30\",\"usage_data\":{}}",
        String(repeating: "[", count: 255) + String(repeating: "]", count: 255),
        "{\"a\":" + String(repeating: "[", count: 255) + String(repeating: "]", count: 255) + "}",
        "{\"a\":" + String(repeating: "[", count: 254) + String(repeating: "]", count: 254) + "}",
    ]

    @Test("real record lines decode to the samples a plain reading of JSONParser's value gives")
    func realLinesAgree() {
        for (log, line) in Self.realLines {
            let fast = Self.decode(line, log: log)
            #expect(fast != nil, "\(line)")
            #expect(fast == Self.reference(line, log: log), "\(line)")
        }
        let first = Self.decode(Self.realLines[0].1, log: .usage)
        guard case .usage(let reading)? = first else {
            Issue.record("not a usage sample")
            return
        }
        #expect(reading.windows.map(\.name).count == 3)
        #expect(
            reading.windows[0].resetsAt == Timestamp.date(iso8601: "2026-11-23T17:00:00.000Z")?.timeIntervalSince1970)
        guard case .usage(let failed)? = Self.decode(Self.realLines[3].1, log: .usage) else { return }
        #expect(failed.errorType == "probe_failed")
    }

    @Test("edge cases of the grammar are accepted or refused exactly as JSONParser does")
    func edgeCasesAgree() {
        for line in Self.edgeCases {
            for log in LogName.allCases {
                #expect(Self.decode(line, log: log) == Self.reference(line, log: log), "\(log): \(line)")
            }
            _ = Self.scannerAgrees(line)
        }
    }

    @Test("thousands of mutated record lines: the decoder and JSONParser never disagree")
    func mutatedLinesAgree() {
        var random = SystemRandomNumberGenerator()
        let alphabet = Array("{}[],:\"\\u0aZ .-eE+9\u{00}\u{1F}é€😀\u{7F}tfn\\ud800\\udc00\\\"".utf8)
        var disagreements = 0
        for round in 0..<20_000 {
            let (log, line) = Self.realLines[round % Self.realLines.count]
            var bytes = Array(line.utf8)
            for _ in 0..<Int.random(in: 1...3, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<4, using: &random) {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(alphabet.randomElement(using: &random) ?? 0x20, at: at)
                case 2: bytes[at] = alphabet.randomElement(using: &random) ?? 0x20
                default: bytes = Array(bytes[..<at])  // torn
                }
            }
            let fast = bytes.withUnsafeBufferPointer { buffer in
                var decoder = LogLineDecoder(log: log, label: "")
                return decoder.decode(buffer)
            }
            let reference = Self.reference(bytes, log: log)
            if fast != reference || !Self.scannerAgrees(bytes) {
                disagreements += 1
                Issue.record(
                    "\(log): \(String(decoding: bytes, as: UTF8.self))\nfast: \(String(describing: fast))\nreference: \(String(describing: reference))"
                )
                if disagreements > 5 { return }
            }
        }
    }

    /// Whether the scanner alone accepts a line as JSONParser does (any value, not only objects).
    static func scannerAgrees(_ line: String) -> Bool { scannerAgrees(Array(line.utf8)) }

    static func scannerAgrees(_ bytes: [UInt8]) -> Bool {
        let accepted = bytes.withUnsafeBufferPointer { buffer in
            var scanner = LineScanner(buffer)
            do {
                try scanner.skipValue(depth: 0)
                try scanner.finish()
                return true
            } catch {
                return false
            }
        }
        let parsed = (try? JSONParser.parse(bytes)) != nil
        #expect(accepted == parsed, "\(String(decoding: bytes, as: UTF8.self))")
        return accepted == parsed
    }

    static func decode(_ line: String, log: LogName) -> ReportSample? {
        Array(line.utf8).withUnsafeBufferPointer { buffer in
            var decoder = LogLineDecoder(log: log, label: "")
            return decoder.decode(buffer)
        }
    }

    static func reference(_ line: String, log: LogName) -> ReportSample? { reference(Array(line.utf8), log: log) }

    /// What a line says, read the slow, obvious way: `JSONParser`, then the fields by name.
    static func reference(_ bytes: [UInt8], log: LogName) -> ReportSample? {
        guard let value = try? JSONParser.parse(bytes), case .object = value,
            let text = value["timestamp"]?.stringValue, let time = Timestamp.date(iso8601: text)?.timeIntervalSince1970
        else { return nil }
        func number(_ value: JSONValue?) -> Double? {
            switch value {
            case .int(let number)?: Double(number)
            case .double(let number)?: number
            default: nil
            }
        }
        let hasError = value["error"].map { $0 != .null } ?? false
        switch log {
        case .sessions, .alerts: return nil  // not logs of readings
        case .usage:
            guard let data = value["usage_data"], case .object = data else { return nil }
            let windows = (data["windows"]?.arrayValue ?? []).compactMap { window -> WindowReading? in
                guard case .object = window, let name = window["name"]?.stringValue else { return nil }
                return WindowReading(
                    name: name, usedPercent: number(window["used_percent"]),
                    resetsAt: window["resets_at"]?.stringValue.flatMap { Timestamp.date(iso8601: $0) }?
                        .timeIntervalSince1970)
            }
            return .usage(
                UsageReading(
                    time: time, source: data["source"]?.stringValue ?? "unknown", state: data["state"]?.stringValue,
                    errorType: (data["error"]?["type"]?.stringValue ?? (hasError ? "probe_failed" : nil)).map {
                        $0 == "usage_logger" ? "probe_failed" : $0
                    },
                    sessionID: value["session_id"]?.stringValue, windows: windows))
        case .status:
            let account =
                value["email"]?.stringValue ?? value["status_data"]?["login_method"]?.stringValue
                ?? value["status_data"]?["organization"]?.stringValue
            return .status(
                StatusReading(
                    time: time, version: value["version"]?.stringValue, model: value["model"]?.stringValue,
                    account: account, failed: hasError))
        case .diagnostics:
            guard let event = value["details"]?["event"]?.stringValue.flatMap(DiagnosticReading.Event.init) else {
                return nil
            }
            return .diagnostic(
                DiagnosticReading(
                    time: time, type: value["diagnostic_type"]?.stringValue ?? "",
                    severity: value["severity"]?.stringValue ?? "", message: value["message"]?.stringValue ?? "",
                    event: event))
        }
    }
}
