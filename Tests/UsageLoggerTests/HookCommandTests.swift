import Foundation
import Testing

@testable import UsageLogger

@Suite("hook command", .serialized, .timeLimit(.minutes(1)))
struct HookCommandTests {
    static let events = ["SessionStart", "Stop", "StopFailure", "SessionEnd"]

    @Test(
        "garbage, empty and odd input: nothing on stdout, exit 0",
        arguments: [
            "", "{", "null", "[1,2]", "\u{0}\u{1}\u{FFFD}binary", String(repeating: "{\"a\":", count: 5_000),
            #"{"hook_event_name":"StopFailure","session_id":42,"error":["x"]}"#,
            #"{"hook_event_name":"SessionEnd","transcript_path":"/etc/passwd.jsonl","session_id":"a"}"#,
            #"{"hook_event_name":"Unknown"}"#,
        ])
    func garbage(text: String) {
        withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let (code, output) = runCLI(["hook"], environment: sandbox.environment, input: Array(text.utf8))
            #expect(code == .success)
            #expect(output.standardOutput.isEmpty)
            #expect(sandbox.records(.sessions).isEmpty)
        }
    }

    @Test("every sample payload: nothing on stdout, exit 0", arguments: events)
    func samples(event: String) {
        withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let (code, output) = runCLI(
                ["hook"], environment: sandbox.environment, input: Array(sandbox.payload(event).utf8))
            #expect(code == .success)
            #expect(output.standardOutput.isEmpty)
            #expect(output.standardError.isEmpty)
        }
    }

    @Test("a bad command line or a bad setting still exits 0 without output")
    func badCommandLine() {
        withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let input = Array(sandbox.payload("StopFailure").utf8)
            let extra = runCLI(["hook", "--nonsense"], environment: sandbox.environment, input: input)
            #expect(extra.code == .success)
            #expect(extra.output.standardOutput.isEmpty)
            var environment = sandbox.environment
            environment["PET_LOG_MAX_SIZE"] = "huge"
            let bad = runCLI(["hook"], environment: environment, input: input)
            #expect(bad.code == .success)
            #expect(bad.output.standardOutput.isEmpty)
            #expect(sandbox.records(.usage).isEmpty)
        }
    }

    @Test("the sample StopFailure writes a limited usage record with the statusline's last windows")
    func stopFailure() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            try FileManager.default.createDirectory(atPath: sandbox.logs, withIntermediateDirectories: true)
            var saved = SessionContext(updatedAt: Date())
            saved.rateLimits = try JSONParser.parse(
                Array(
                    #"{"five_hour":{"used_percentage":100,"resets_at":1796011200},"seven_day":{"used_percentage":41}}"#
                        .utf8))
            saved.rateLimitsAt = Date(timeIntervalSince1970: 1_796_008_000)
            try saved.save(in: sandbox.logs, privacy: RecordPrivacy(configuration: try sandbox.configuration))
            let (code, output) = runCLI(
                ["hook"], environment: sandbox.environment, input: Array(sandbox.payload("StopFailure").utf8))
            #expect(code == .success && output.standardOutput.isEmpty)
            let records = sandbox.records(.usage)
            try #require(records.count == 1)
            let record = records[0]
            #expect(record["session_id"]?.stringValue == "391755a5-a053-4b48-b6f7-3e73acf02732")
            #expect(record["cwd"]?.stringValue == "/home/user/probe")
            let data = try #require(record["usage_data"])
            #expect(data["source"]?.stringValue == "hook")
            #expect(data["state"]?.stringValue == "limited")
            #expect(data["error"]?["type"]?.stringValue == "rate_limit")
            #expect(data["error"]?["message"]?.stringValue?.hasPrefix("API Error: Request rejected (429) · ") == true)
            #expect(data["windows"]?.arrayValue?.count == 2)
            let first = data["windows"]?.arrayValue?.first
            #expect(first?["used_percent"]?.doubleValue == 100)
            #expect(first?["resets_at"]?.stringValue == "2026-11-30T04:00:00.000Z")
            #expect(data["windows_read_at"]?.stringValue == "2026-11-30T03:06:40.000Z")
        }
    }

    @Test("other failures are errors of the hook's type; the message is cut and a credential in it redacted")
    func otherFailure() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            let message =
                "key sk-ant-api03-abcdefghijklmnopqrstuvwxyz0123456789 " + String(repeating: "x", count: 2_000)
            let input = JSONValue.object([
                ("hook_event_name", .string("StopFailure")), ("session_id", .string("s1")),
                ("error", .string("authentication_failed")), ("last_assistant_message", .string(message)),
            ]).serialized()
            _ = runCLI(["hook"], environment: sandbox.environment, input: Array(input.utf8))
            let data = try #require(sandbox.records(.usage).first?["usage_data"])
            #expect(data["state"]?.stringValue == "error")
            #expect(data["error"]?["type"]?.stringValue == "authentication_failed")
            let text = try #require(data["error"]?["message"]?.stringValue)
            #expect(text.count <= 300 + 20)
            #expect(!text.contains("abcdefghijklmnopqrstuvwxyz0123456789"))
            #expect(data["windows"]?.arrayValue == [])
        }
    }

    @Test("logging off, inside a probe, or a session in the probe directory: nothing recorded")
    func nothingRecorded() {
        withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            sandbox.write(
                [TranscriptLines.assistant(message: "m", request: "r")], session: "579bcaed-3b33-413c-ac41-79584059795f"
            )
            var off = sandbox.environment
            off["PET_USAGE_LOGGING_ENABLED"] = "false"
            var probe = sandbox.environment
            probe[ProbeMarker.variable] = "123:abc"
            var probeDirectory = sandbox.environment
            probeDirectory["PET_PROBE_DIR"] = "/home/user"
            for environment in [off, probe, probeDirectory] {
                for event in Self.events {
                    let (code, output) = runCLI(
                        ["hook"], environment: environment, input: Array(sandbox.payload(event).utf8))
                    #expect(code == .success && output.standardOutput.isEmpty)
                }
            }
            #expect(sandbox.records(.usage).isEmpty)
            #expect(sandbox.records(.sessions).isEmpty)
        }
    }

    @Test(
        "30 sessions ending and failing at once, in any order: every row, and exactly one limit hit each",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func manyAtOnce() throws {
        try withTemporaryDirectory { directory in
            let sandbox = HookSandbox(root: directory.path)
            var script = ""
            for number in 1...30 {
                let id = "session-\(number)"
                sandbox.write(
                    [
                        TranscriptLines.assistant(message: "m\(number)", request: "r", input: number, session: id),
                        TranscriptLines.refused(session: id),
                    ], session: id)
                let end = sandbox.input("SessionEnd", session: id)
                let failure = sandbox.input("StopFailure", session: id, extra: ["error": "rate_limit"])
                for (name, input) in [("end", end), ("fail", failure)] {
                    let members: [(String, JSONValue)] = [
                        ("hook_event_name", .from(input.eventName)), ("session_id", .from(input.sessionID)),
                        ("transcript_path", .from(input.transcriptPath)), ("cwd", .from(input.cwd)),
                        ("error", .from(input.error)),
                    ]
                    let path = directory.path + "/\(name)-\(number).json"
                    try Data(JSONValue.object(members).serialized().utf8).write(to: URL(fileURLWithPath: path))
                    script += "\"$UL\" hook < '\(path)' &\n"
                }
            }
            let result = Binary.shell(script + "wait; echo done", environment: sandbox.environment)
            #expect(result.output == "done\n")
            let rows = sandbox.records(.sessions)
            #expect(rows.count == 30)
            #expect(Set(rows.compactMap { $0["session_id"]?.stringValue }).count == 30)
            for row in rows {
                let number = Int(row["session_id"]?.stringValue?.dropFirst("session-".count) ?? "") ?? 0
                #expect(row["tokens"]?["input"]?.intValue == number)
                #expect(row["limit_hits"]?.intValue == 1, "\(row)")
            }
            let limited = sandbox.records(.usage).compactMap { $0["session_id"]?.stringValue }
            #expect(limited.count == 30, "\(limited.sorted())")
            #expect(Set(limited).count == 30)
        }
    }

    @Test(
        "more than 1 MiB, or a stdin that never closes: exit 0 in bounded time, nothing on stdout",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func boundedInput() {
        withTemporaryDirectory { directory in
            let environment = HookSandbox(root: directory.path).environment
            let start = ContinuousClock.now
            let huge = Binary.shell(
                "head -c 3000000 /dev/zero | tr '\\0' ' ' | \"$UL\" hook; echo \"rc=$?\"", environment: environment)
            #expect(huge.output == "rc=0\n")
            let silent = Binary.shell("(exec sleep 3) | \"$UL\" hook; echo \"rc=$?\"", environment: environment)
            #expect(silent.output == "rc=0\n")
            #expect(ContinuousClock.now - start < .seconds(6))
        }
    }
}
