import Foundation
import Testing

@testable import UsageLogger

@Suite("append command")
struct AppendCommandTests {
    @Test("valid lines are written, a timestamp added first when missing; bad lines are named and skipped (65)")
    func appendLines() throws {
        try withTemporaryDirectory { home in
            let input = """
                {"timestamp":"2026-01-01T00:00:00.000Z","usage_data":{"source":"mine"}}
                {"usage_data":{"source":"mine"},"user":"user@example.com"}
                not json
                [1,2]

                {"ok":true}
                """
            let (code, output) = runCLI(
                ["append", "usage"],
                environment: ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs", "PET_ANONYMIZE_EMAIL": "1"],
                input: Array(input.utf8))
            #expect(code == .dataError)
            #expect(output.standardError.contains("line 3: unexpected character at byte 1; not written"))
            #expect(output.standardError.contains("line 4: not a JSON object"))
            let written = try String(contentsOfFile: home.path + "/logs/usage.jsonl", encoding: .utf8).split(
                separator: "\n")
            #expect(written.count == 3)
            #expect(written[0] == #"{"timestamp":"2026-01-01T00:00:00.000Z","usage_data":{"source":"mine"}}"#)
            #expect(written[1].hasPrefix(#"{"timestamp":"20"#))
            #expect(!written[1].contains("user@example.com"))
        }
    }

    @Test("a timestamp that is not an ISO-8601 date-time is named with its line and not written (65)")
    func badTimestamps() throws {
        try withTemporaryDirectory { home in
            let input = """
                {"timestamp":"x"}
                {"timestamp":"2026-11-23T13:02:05.123Z","n":1}
                {"timestamp":1764000000}
                {"timestamp":"2026-11-23"}
                {"timestamp":"2026-11-23T13:02:05"}
                {"timestamp":"2026-02-30T13:02:05Z"}
                {"timestamp":"2026-11-23T14:02:05+01:00","n":2}
                {"timestamp":"2026-11-23T13:02:05Z","timestamp":"later"}
                """
            let (code, output) = runCLI(
                ["append", "usage"], environment: ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs"],
                input: Array(input.utf8))
            #expect(code == .dataError)
            #expect(
                output.standardError.contains(
                    #"line 1: timestamp "x" is not an ISO-8601 date-time; write it as 2026-11-23T13:02:05.123Z"#))
            for line in [3, 4, 5, 6, 8] {
                #expect(output.standardError.contains("line \(line): timestamp "), "line \(line)")
            }
            #expect(!output.standardError.contains("line 2:"))
            #expect(!output.standardError.contains("line 7:"))
            let written = try String(contentsOfFile: home.path + "/logs/usage.jsonl", encoding: .utf8)
            #expect(
                written == #"{"timestamp":"2026-11-23T13:02:05.123Z","n":1}"# + "\n"
                    + #"{"timestamp":"2026-11-23T14:02:05+01:00","n":2}"# + "\n")
        }
    }

    @Test("all good lines exit 0; an unknown log or a missing file are usage and input errors")
    func exits() {
        withTemporaryDirectory { home in
            let environment = ["HOME": home.path, "PET_LOG_DIR": home.path + "/logs"]
            #expect(
                runCLI(["append", "diagnostics"], environment: environment, input: Array("{}\n".utf8)).code == .success)
            #expect(runCLI(["append", "usages"], environment: environment).code == .usage)
            #expect(runCLI(["append", "usage", "/nonexistent/file"], environment: environment).code == .noInput)
        }
    }
}
