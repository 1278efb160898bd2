import Foundation
import Testing

@testable import UsageLogger

@Suite("export command")
struct ExportCommandTests {
    static let usage = [
        #"{"timestamp":"2026-03-01T10:00:00.000Z","session_id":"s1","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":6,"resets":"3pm","resets_at":"2026-03-01T15:00:00.000Z"},{"name":"Current week (all models)","used_percent":24.5,"resets_at":null}]}}"#,
        #"{"timestamp":"2026-03-01T10:01:00.000Z","session_id":"s1","usage_data":{"source":"command","state":"error","windows":[],"error":{"type":"rate_limit_error","message":"m","code":null}},"error":"/usage reported an error","raw":"x"}"#,
        "not json",
        #"{"timestamp":"2026-03-02T09:00:00.000Z","session_id":null,"usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":40,"resets_at":"2026-03-02T12:00:00.000Z"}]}}"#,
    ]

    static func logs(in dir: TemporaryDirectory, name: String = "logs") -> String {
        let logs = dir.subdirectory(name)
        logs.write("usage.jsonl", usage.joined(separator: "\n") + "\n")
        logs.write(
            "status.jsonl",
            #"{"timestamp":"2026-03-01T10:00:05.000Z","email":"a@example.com","version":"2.1.330","model":"Opus, \"big\""}"#
                + "\n")
        logs.write(
            "diagnostics.jsonl",
            #"{"timestamp":"2026-03-01T11:00:00.000Z","diagnostic_type":"path","severity":"warning","message":"line one\nline, two","details":{"event":"appeared"}}"#
                + "\n")
        return logs.path
    }

    @Test("CSV by default: a header, a row per window, an error record as one row without a window")
    func csv() {
        withTemporaryDirectory { dir in
            let (code, output) = runCLI(["export", "--logs", Self.logs(in: dir)])
            #expect(code == .success)
            #expect(
                output.standardOutput == """
                    timestamp,session_id,source,state,error_type,window,used_percent,resets_at
                    2026-03-01T10:00:00.000Z,s1,command,ok,,Current session,6,2026-03-01T15:00:00.000Z
                    2026-03-01T10:00:00.000Z,s1,command,ok,,Current week (all models),24.5,
                    2026-03-01T10:01:00.000Z,s1,command,error,rate_limit_error,,,
                    2026-03-02T09:00:00.000Z,,statusline,ok,,Current session,40,2026-03-02T12:00:00.000Z

                    """)
            #expect(output.standardError.contains("skipped 1 torn or invalid line"))
        }
    }

    @Test("CSV fields with commas, quotes or line breaks are quoted (RFC 4180); status and diagnostics kinds")
    func csvQuotingAndKinds() {
        withTemporaryDirectory { dir in
            let logs = Self.logs(in: dir)
            let status = runCLI(["export", "--kind", "status", "--logs", logs])
            #expect(
                status.output.standardOutput
                    == "timestamp,version,model,account\n2026-03-01T10:00:05.000Z,2.1.330,\"Opus, \"\"big\"\"\",a@example.com\n"
            )
            let diagnostics = runCLI(["export", "--kind", "diagnostics", "--logs", logs])
            #expect(
                diagnostics.output.standardOutput
                    == "timestamp,type,severity,event,message\n2026-03-01T11:00:00.000Z,path,warning,appeared,\"line one\nline, two\"\n"
            )
        }
    }

    @Test("JSON is one array of flat objects; NDJSON one object a line; both parse")
    func jsonAndNDJSON() throws {
        try withTemporaryDirectory { dir in
            let logs = Self.logs(in: dir)
            let json = runCLI(["export", "--format", "json", "--logs", logs])
            #expect(json.code == .success)
            let rows = try #require(
                try JSONSerialization.jsonObject(with: Data(json.output.standardOutput.utf8)) as? [[String: Any]])
            #expect(rows.count == 4)
            #expect(rows[0]["window"] as? String == "Current session")
            #expect(rows[0]["used_percent"] as? Int == 6)
            #expect(rows[1]["used_percent"] as? Double == 24.5)
            #expect(rows[1]["resets_at"] is NSNull)
            #expect(rows[2]["error_type"] as? String == "rate_limit_error")
            #expect(rows[3]["session_id"] is NSNull)
            let ndjson = runCLI(["export", "--format", "ndjson", "--kind", "diagnostics", "--logs", logs])
            let lines = ndjson.output.standardOutput.split(separator: "\n")
            #expect(lines.count == 1)
            #expect(
                lines.first
                    == #"{"timestamp":"2026-03-01T11:00:00.000Z","type":"path","severity":"warning","event":"appeared","message":"line one\nline, two"}"#
            )
            let empty = runCLI(["export", "--format", "json", "--logs", logs, "--since", "2027-01-01"])
            #expect(empty.output.standardOutput == "[]\n")
        }
    }

    @Test("two directories: merged in time order with a label column")
    func twoDirectories() {
        withTemporaryDirectory { dir in
            let first = Self.logs(in: dir, name: "laptop")
            let second = dir.subdirectory("desktop")
            second.write(
                "usage.jsonl",
                #"{"timestamp":"2026-03-01T10:00:30.000Z","session_id":"d","usage_data":{"source":"command","state":"ok","windows":[{"name":"Current session","used_percent":9,"resets_at":null}]}}"#
                    + "\n")
            let (code, output) = runCLI([
                "export", "--format", "ndjson", "--logs", first, "--logs", "pc=" + second.path, "--window", "SESSION",
            ])
            #expect(code == .success)
            let labels = output.standardOutput.split(separator: "\n").map { line in
                String(line.split(separator: ",")[1])
            }
            #expect(labels == [#""label":"laptop""#, #""label":"pc""#, #""label":"laptop""#])
        }
    }

    @Test("--since and --until (in --tz) choose the rows")
    func sinceUntil() {
        withTemporaryDirectory { dir in
            let logs = Self.logs(in: dir)
            let (code, output) = runCLI([
                "export", "--logs", logs, "--since", "2026-03-01 11:00:30", "--until", "2026-03-02T11:00", "--tz",
                "Europe/Paris",
            ])
            #expect(code == .success)
            #expect(output.standardOutput.split(separator: "\n").count == 3)  // the header, 10:01Z and 09:00Z
            #expect(output.standardOutput.contains("2026-03-01T10:01:00.000Z"))
            #expect(!output.standardOutput.contains("2026-03-01T10:00:00.000Z"))
        }
    }

    @Test(
        "bad options are command-line mistakes (64) with a message",
        arguments: [
            (["--since", "last tuesday"], "--since 'last tuesday' is not a time"),
            (["--until", "2026-13-01"], "--until '2026-13-01' is not a time"),
            (["--tz", "Nowhere"], "--tz 'Nowhere' is not a time zone"),
            (["--format", "jsno"], "--format 'jsno' is not one of csv, json, ndjson; did you mean 'json'?"),
            (
                ["--kind", "statuss"],
                "--kind 'statuss' is not one of usage, status, diagnostics; did you mean 'status'?"
            ),
            (["--since", "1d", "--since", "2d"], "--since is given twice"),
        ])
    func mistakes(words: [String], message: String) {
        withTemporaryDirectory { dir in
            let (code, output) = runCLI(["export", "--logs", Self.logs(in: dir)] + words)
            #expect(code == .usage)
            #expect(output.standardError.contains(message), "\(output.standardError)")
            #expect(output.standardOutput.isEmpty)
        }
    }

    @Test("a missing log directory says so (66)")
    func missingDirectory() {
        withTemporaryDirectory { dir in
            let (code, output) = runCLI(["export", "--logs", dir.path + "/none"])
            #expect(code == .noInput)
            #expect(output.standardError.contains("check the path given to --logs"))
        }
    }

    @Test("without --logs, the configured log directory (PET_LOG_DIR) is read")
    func configuredDirectory() {
        withTemporaryDirectory { dir in
            let logs = Self.logs(in: dir)
            let (code, output) = runCLI(["export", "--kind", "status"], environment: ["PET_LOG_DIR": logs])
            #expect(code == .success)
            #expect(output.standardOutput.contains("2.1.330"))
        }
    }
}
