import Foundation
import Testing

@testable import UsageLogger

@Suite("report tokens from sessions.jsonl", .timeLimit(.minutes(1)))
struct ReportTokensTests {
    typealias Line = TranscriptLines

    /// A usage record (the report needs one) and three sessions over two days, two projects and two models; a
    /// rotated file and a line that is not a row.
    static func write(in directory: String) throws {
        let usage =
            #"{"timestamp":"2025-11-03T09:00:00.000Z","session_id":"s","cwd":null,"usage_data":{"source":"statusline","state":"ok","windows":[{"name":"Current session","used_percent":10,"resets":null,"resets_at":null}]}}"#
        try Data((usage + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/usage.jsonl"))
        func session(_ id: String, _ ended: String, _ lines: [String], cwd: String) -> String {
            ReadmeRecipeTests.session(id, ended: ended, lines).replacingOccurrences(
                of: "/home/dev/app", with: cwd)
        }
        let older = session(
            "a", "2025-11-03T10:00:00.000Z",
            [
                Line.assistant(message: "m1", request: "r1", model: "claude-opus-5", input: 100, output: 10),
                Line.assistant(message: "m2", request: "r2", input: 1_000, output: 50, cacheRead: 9_000),
            ], cwd: "/home/dev/app")
        let newer = [
            session(
                "b", "2025-11-03T20:00:00.000Z", [Line.assistant(message: "m3", request: "r3")], cwd: "/home/dev/app"),
            "not a row",
            session(
                "c", "2025-11-04T08:00:00.000Z", [Line.assistant(message: "m4", request: "r4")], cwd: "/home/dev/lib"),
        ]
        try Data((older + "\n").utf8).write(to: URL(fileURLWithPath: directory + "/sessions.jsonl.1"))
        try Data((newer.joined(separator: "\n") + "\n").utf8).write(
            to: URL(fileURLWithPath: directory + "/sessions.jsonl"))
    }

    @Test("per day and model, and per project, in JSON; the report's readers leave sessions.jsonl alone")
    func json() throws {
        try withTemporaryDirectory { directory in
            try Self.write(in: directory.path)
            let (code, output) = runCLI(
                ["report", "--format", "json", "--logs", directory.path, "--tz", "UTC"],
                environment: ["PET_LOG_DIR": directory.path])
            #expect(code == .success, "\(output.standardError)")
            let json = try JSONParser.parse(Array(output.standardOutput.utf8))
            let periods = try #require(json["tokens"]?["by_period_and_model"]?.arrayValue)
            let rows = periods.map {
                "\($0["period"]?.stringValue ?? "") \($0["model"]?.stringValue ?? "") \($0["total"]?.intValue ?? -1)"
            }
            #expect(
                rows == [
                    "2025-11-03 claude-opus-5 110", "2025-11-03 claude-sonnet-5-5 10069",
                    "2025-11-04 claude-sonnet-5-5 19",
                ])
            let projects = try #require(json["tokens"]?["by_project"]?.arrayValue)
            #expect(projects.map { $0["project"]?.stringValue } == ["/home/dev/app", "/home/dev/lib"])
            #expect(projects.first?["sessions"]?.intValue == 2)
            #expect(projects.first?["requests"]?.intValue == 3)
            #expect(projects.first?["total"]?.intValue == 10_179)
            // The usage record is the only line the readings' reader saw; the row that is not a row is skipped.
            #expect(json["lines_read"]?.intValue == 1)
            #expect(json["skipped_lines"]?.intValue == 1)
        }
    }

    @Test("the tokens section in the terminal and as CSV")
    func text() throws {
        try withTemporaryDirectory { directory in
            try Self.write(in: directory.path)
            let text = runCLI(["report", "tokens", "--logs", directory.path, "--tz", "UTC"])
            #expect(text.code == .success)
            #expect(text.output.standardOutput.contains("2025-11-03  10.2k"), "\(text.output.standardOutput)")
            #expect(text.output.standardOutput.contains("/home/dev/lib"))
            let csv = runCLI(["report", "tokens", "--format", "csv", "--logs", directory.path, "--tz", "UTC"])
            #expect(csv.output.standardOutput.contains("2025-11-04,claude-sonnet-5-5,12,7,0,0,19"))
            // Without sessions: `all` has no tokens block, `tokens` says how to get one.
            try FileManager.default.removeItem(atPath: directory.path + "/sessions.jsonl")
            try FileManager.default.removeItem(atPath: directory.path + "/sessions.jsonl.1")
            #expect(!runCLI(["report", "--logs", directory.path]).output.standardOutput.contains("Tokens"))
            #expect(
                runCLI(["report", "tokens", "--logs", directory.path]).output.standardOutput.contains(
                    "usage-logger setup hooks"))
        }
    }
}
