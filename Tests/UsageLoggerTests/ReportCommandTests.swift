import Foundation
import Testing

@testable import UsageLogger

/// `usage-logger report` end to end, in-process, on logs built from the real Claude Code's records: what a person
/// sees, every format against its golden file, the JSON against jq, and every mistake with a message and its code.
@Suite("report command", .serialized, .timeLimit(.minutes(2)))
struct ReportCommandTests {
    /// Eight days around the change from summer time in Europe/Berlin (2026-10-25), as a machine keeps them: rotated
    /// files, nights with no data, a window that comes and goes between cycles, a line that is not JSON and a torn
    /// last line.
    private static func week(in directory: TemporaryDirectory, damaged: Bool = true) throws -> String {
        var month = RealisticMonth()
        month.start = 1_792_454_400  // 2026-10-20T00:00:00Z, a Tuesday
        month.days = 8
        let logs = directory.path + "/logs"
        try month.write(to: logs, maxSize: "1MB")
        // What a killed writer or a stray editor leaves: a line that is not JSON in a rotated file, a torn last line.
        let damage = [("usage.jsonl.2", "not a record\n"), ("usage.jsonl", #"{"timestamp":"2026-10-27T19:5"#)]
        for (file, text) in damaged ? damage : [] {
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: logs + "/" + file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(text.utf8))
            try handle.close()
        }
        return logs
    }

    /// The report of the week as of its last evening, in Berlin.
    private static let fixed = ["--tz", "Europe/Berlin", "--until", "2026-10-27T20:00"]

    private func report(_ arguments: [String], logs: String, environment: [String: String] = [:]) -> (
        ExitCode, CapturingConsole
    ) {
        runCLI(["report", "--logs", logs] + arguments, environment: environment)
    }

    @Test("text, json, csv and md agree with their golden files (UPDATE_GOLDEN=1 rewrites them)")
    func golden() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.week(in: directory)
            for (format, file) in [("text", "week.txt"), ("json", "week.json"), ("csv", "week.csv"), ("md", "week.md")]
            {
                let (code, output) = report(["--format", format] + Self.fixed, logs: logs)
                #expect(code == .success, "\(format): \(output.standardError)")
                try expectGolden(output.standardOutput, "report/\(file)")
            }
            let (_, diagnostics) = report(["diagnostics", "--by", "week"] + Self.fixed, logs: logs)
            try expectGolden(diagnostics.standardOutput, "report/week-diagnostics.txt")
        }
    }

    /// On whole lines: jq stops at the first torn one, which the report skips and counts.
    @Test("the JSON agrees with the README's jq recipes: daily peak per window, errors per day")
    func agreesWithJQ() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/jq") else { return }
        try withTemporaryDirectory { directory in
            let logs = try Self.week(in: directory, damaged: false)
            let (_, output) = report(["--format", "json", "--tz", "UTC"], logs: logs)
            let json = try JSONParser.parse(Array(output.standardOutput.utf8))
            let all =
                "all() { ls \"$1\".[0-9]* 2>/dev/null | sort -t. -k3,3nr | xargs -r cat; cat \"$1\"; }; cd '\(logs)'; "
            let peaks = RealClaude.shell([
                "bash", "-c",
                all
                    + #"all usage.jsonl | jq -rs '[.[] | .timestamp[:10] as $day | .usage_data.windows[]? | {day: $day, name, used_percent}] | group_by([.day, .name])[] | "\(.[0].day) \(.[0].name): \(map(.used_percent) | max)%"'"#,
            ]).output
            let ours = (json["usage"]?.arrayValue ?? []).map {
                "\($0["period"]?.stringValue ?? "") \($0["window"]?.stringValue ?? ""): "
                    + "\(ReportTimeFormat.number($0["peak_percent"]?.doubleValue ?? -1))%"
            }
            #expect(ours.sorted() == peaks.split(separator: "\n").map(String.init).sorted())
            let errors = RealClaude.shell([
                "bash", "-c",
                all
                    + #"all usage.jsonl | jq -rs 'map(select(.error)) | group_by(.timestamp[:10])[] | "\(.[0].timestamp[:10]) \(length)"'"#,
            ]).output
            var perDay: [String: Int] = [:]
            for row in json["errors"]?.arrayValue ?? [] {
                perDay[row["period"]?.stringValue ?? "", default: 0] += row["count"]?.intValue ?? 0
            }
            #expect(perDay.map { "\($0.key) \($0.value)" }.sorted() == errors.split(separator: "\n").map(String.init))
        }
    }

    @Test("the HTML page is written 0600 to --output and said on stderr")
    func htmlPage() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.week(in: directory)
            let page = directory.path + "/usage.html"
            let (code, output) = report(["--format", "html", "--output", page] + Self.fixed, logs: logs)
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardError.contains("wrote \(page)"))
            let html = try String(contentsOfFile: page, encoding: .utf8)
            #expect(html.hasPrefix("<!DOCTYPE html>"))
            #expect(!html.contains("<script"))
            let mode = try FileManager.default.attributesOfItem(atPath: page)[.posixPermissions] as? Int
            #expect(mode == 0o600)
        }
    }

    @Test("mistakes: each says what is wrong and what to do, with an exit code scripts can rely on")
    func mistakes() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.week(in: directory)
            let cases: [([String], ExitCode, String)] = [
                (["--by", "fortnight"], .usage, "--by 'fortnight' is not one of hour, day, week, month"),
                (["--format", "pdf"], .usage, "--format 'pdf' is not one of text, json, csv, md, html"),
                (["--since", "last tuesday"], .usage, "--since 'last tuesday' is not a time"),
                (["--tz", "Mars/Olympus"], .usage, "--tz 'Mars/Olympus' is not a time zone"),
                (["--window", "opsu"], .usage, "no window matches --window 'opsu'; seen: 'Current session'"),
                (["--since", "2027-01-01"], .noInput, "no records between the given --since and --until"),
            ]
            for (arguments, code, message) in cases {
                let (exit, output) = report(arguments, logs: logs)
                #expect(exit == code, "\(arguments)")
                #expect(output.standardError.contains(message), "\(arguments): \(output.standardError)")
            }
            let (missing, said) = report([], logs: directory.path + "/nowhere")
            #expect(missing == .noInput)
            #expect(said.standardError.contains("check the path given to --logs"))
            let empty = directory.subdirectory("empty")
            let (none, told) = report([], logs: empty.path)
            #expect(none == .noInput)
            #expect(told.standardError.contains("no records yet in \(empty.path); is logging enabled?"))
        }
    }

    @Test("a window filter narrows every part; the terminal view fits 80 columns")
    func windowFilter() throws {
        try withTemporaryDirectory { directory in
            let logs = try Self.week(in: directory)
            let (code, output) = report(["--window", "SESSION", "--chart"] + Self.fixed, logs: logs)
            #expect(code == .success)
            #expect(output.standardOutput.contains("Current session"))
            #expect(!output.standardOutput.contains("Current week"))
            #expect(output.standardOutput.split(separator: "\n").allSatisfy { $0.count <= 80 })
        }
    }

    /// Compares `text` with the fixture `name`; with `UPDATE_GOLDEN=1` writes it instead.
    private func expectGolden(_ text: String, _ name: String) throws {
        let path = Fixtures.path(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let golden = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text == golden, "\(name) differs; rerun with UPDATE_GOLDEN=1 if the change is intended")
    }
}
