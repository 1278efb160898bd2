import Foundation
import Testing

@testable import UsageLogger

/// `export` against jq reading the same rotated files the README's way: every window reading, in order, the same.
@Suite(
    "export agrees with jq",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed"))
struct ExportJQAgreementTests {
    /// Usage lines of every shape: three windows, two, decimals, none (errors), null fields, escapes.
    static func line(_ index: Int) -> String {
        let time = Timestamp.string(from: Date(timeIntervalSince1970: 1_772_323_200 + Double(index) * 61.5))
        let session = index % 7 == 0 ? "null" : "\"s\(index / 10)\""
        let windows: String
        switch index % 5 {
        case 0:
            windows =
                #"[{"name":"Current session","used_percent":\#(index % 101),"resets":"5pm","resets_at":"2026-03-01T17:00:00.000Z"},"#
                + #"{"name":"Current week (all models)","used_percent":\#(Double(index % 40) + 0.5),"resets_at":null},"#
                + #"{"name":"Current week (\"Opus\")","used_percent":null,"resets_at":"2026-03-05T23:00:00.000Z"}]"#
        case 1: windows = "[]"
        default:
            windows =
                #"[{"name":"Current session","used_percent":\#(index % 97),"resets_at":"2026-03-01T20:00:00.000Z"}]"#
        }
        let error = index % 5 == 1 ? #","error":"/usage reported an error","raw":"Error\n\u2500""# : ""
        return
            #"{"timestamp":"\#(time)","session_id":\#(session),"usage_data":{"source":"command","state":"ok","windows":\#(windows)}\#(error)}"#
    }

    @Test("every window reading of a rotated log, exported as NDJSON, is what jq reads from the files")
    func agreesWithJQ() throws {
        try withTemporaryDirectory { dir in
            let logs = dir.subdirectory("logs")
            logs.write("usage.jsonl.2", (0..<70).map { Self.line($0) + "\n" }.joined())
            logs.write("usage.jsonl.1", (70..<140).map { Self.line($0) + "\n" }.joined())
            logs.write("usage.jsonl", (140..<200).map { Self.line($0) + "\n" }.joined())
            let (code, output) = runCLI(["export", "--format", "ndjson", "--logs", logs.path])
            #expect(code == .success)
            let fromExport = try Self.jq(
                ["-c", "[.timestamp, .session_id, .error_type, .window, .used_percent, .resets_at]"],
                input: output.standardOutput)
            // The README's `all usage.jsonl`: the rotated files oldest first, then the live one.
            let all = "ls usage.jsonl.[0-9]* 2>/dev/null | sort -t. -k3,3nr | xargs -r cat; cat usage.jsonl"
            let recipe =
                #".timestamp as $t | .session_id as $s | (if .error then "probe_failed" else null end) as $e"#
                + #" | if (.usage_data.windows | length) > 0 then .usage_data.windows[]"#
                + #" | [$t, $s, $e, .name, .used_percent, .resets_at] else [$t, $s, $e, null, null, null] end"#
            let files = try Self.run("/bin/sh", ["-c", #"cd "$0" && (\#(all)) | jq -c '\#(recipe)'"#, logs.path])
            #expect(fromExport.split(separator: "\n").count == 40 * 3 + 40 + 120)
            #expect(fromExport == files)
        }
    }

    static func jq(_ arguments: [String], input: String) throws -> String {
        try run("/usr/bin/jq", arguments, input: input)
    }

    static func run(_ executable: String, _ arguments: [String], input: String = "") throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
