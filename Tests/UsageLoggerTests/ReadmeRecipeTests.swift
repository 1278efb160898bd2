import Foundation
import Testing

@testable import UsageLogger

/// Runs every jq recipe of the README on generated logs (real record shapes, fixed times) and checks its output.
@Suite(
    "README jq recipes",
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed"))
struct ReadmeRecipeTests {
    struct Recipe: CustomTestStringConvertible, Sendable {
        let title: String
        let command: String
        var testDescription: String { title }
    }

    /// The README's recipes: `# Title` then one command line, in the first `sh` block after "## jq recipes".
    static let parsed: (definitions: String, recipes: [Recipe]) = {
        let readme =
            (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        let section = readme.components(separatedBy: "## jq recipes").dropFirst().first ?? ""
        let block =
            section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first ?? ""
        var definitions = ""
        var recipes: [Recipe] = []
        var title: String?
        for line in block.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# ") {
                title = String(line.dropFirst(2))
            } else if line.contains("() {") {
                definitions += line + "\n"
            } else if let current = title, !line.isEmpty {
                recipes.append(Recipe(title: current, command: line))
                title = nil
            }
        }
        return (definitions, recipes)
    }()

    static let expected: [String: String] = [
        "Latest usage, one line per window": "Current session: 55% used, resets 2027-01-02T20:59:00.000Z\n",
        "Daily peak per window": """
        2025-11-03 Current session: 6%
        2025-11-03 Current week (Sonnet only): 13%
        2025-11-03 Current week (all models): 24%
        2025-11-04 Current session: 55%

        """,
        "Errors per day": "2025-11-04 1\n",
        "Tokens on one day": "1000\n",
        "Tokens per day, all days": "2025-11-03 0\n2025-11-04 2000\n",
        "Models used": """
              1 Default (claude-opus-5-5)
              2 Default Opus 4.6 · Most capable for complex work
              1 sonnet (claude-sonnet-4-5)

        """,
        "Version history: each change of Claude Code version": """
        2025-11-03T10:00:00.000Z 2.1.55
        2025-11-04T10:00:00.000Z 2.1.330
        2025-11-04T11:00:00.000Z 2.0.10

        """,
        "All diagnostic warnings, counted": """
              1 Insufficient permissions for auto-updates
              2 Leftover npm global installation at ...
              1 Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc && source ~/.bashrc
              1 No write permissions for auto-updates (requires sudo)
              2 Running native installation but config install method is 'global'
              1 Running native installation but config install method is 'not set'
              1 claude command at /home/dev/.local/bin/claude missing or broken (/home/dev/.local/bin does not exist)

        """,
        "Config mismatches over time": """
        2025-11-03T10:00:00.000Z Running native installation but config install method is 'global'
        2025-11-03T11:00:00.000Z Running native installation but config install method is 'global'
        2025-11-04T10:00:00.000Z Running native installation but config install method is 'not set'

        """,
        "Permission issues timeline": "2025-11-04T11:00:00.000Z auto-update blocked, needs sudo\n",
        "Sessions needing sudo": "user@example.com (2025-11-04T11:00:00.000Z)\n",
        "Warnings as they appeared and were resolved": """
        2025-11-03T10:00:00.000Z appeared warning Running native installation but config install method is 'global'
        2025-11-03T10:00:00.000Z appeared info Leftover npm global installation at ...
        2025-11-04T10:00:00.000Z appeared warning Native installation exists but ~/.local/bin is not in your PATH. Run: echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc && source ~/.bashrc
        2025-11-04T10:00:00.000Z appeared warning Running native installation but config install method is 'not set'
        2025-11-04T10:00:00.000Z appeared warning claude command at /home/dev/.local/bin/claude missing or broken (/home/dev/.local/bin does not exist)
        2025-11-04T10:00:00.000Z resolved warning Running native installation but config install method is 'global'
        2025-11-04T10:00:00.000Z resolved info Leftover npm global installation at ...

        """,
        "Every usage timestamp, oldest first, across rotated files": """
        2025-11-03T10:00:00.000Z
        2025-11-04T09:00:00.000Z
        2025-11-04T12:00:00.000Z
        2025-11-04T13:00:00.000Z

        """,
        "Tokens per day from sessions.jsonl": "2025-11-03 1188\n2025-11-04 2019\n",
    ]

    @Test("every recipe has an expected output", arguments: parsed.recipes)
    func recipe(_ recipe: Recipe) throws {
        try withTemporaryDirectory { logs in
            try Self.generateLogs(in: logs)
            // A fixed locale: `sort` orders differently under others.
            let result = RealClaude.shell(
                ["/bin/sh", "-c", "cd '\(logs.path)' && " + Self.parsed.definitions + recipe.command],
                environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"])
            #expect(result.status == 0, "\(result.error)")
            #expect(Self.expected[recipe.title] == result.output)
        }
    }

    @Test("tokens on a day without records is 0, not null")
    func tokensOnAnEmptyDay() throws {
        let recipe = try #require(Self.parsed.recipes.first { $0.title == "Tokens on one day" })
        #expect(recipe.command.contains("2025-11-04"))
        try withTemporaryDirectory { logs in
            try Self.generateLogs(in: logs)
            for (day, expected) in [("2025-11-05", "0\n"), ("2025-11-04", "1000\n")] {
                let command = recipe.command.replacingOccurrences(of: "2025-11-04", with: day)
                let result = RealClaude.shell(
                    ["/bin/sh", "-c", "cd '\(logs.path)' && " + command], environment: ["PATH": "/usr/bin:/bin"])
                #expect(result.status == 0, "\(result.error)")
                #expect(result.output == expected, "\(day)")
            }
        }
    }

    @Test("the README has the recipes the issue asks for")
    func coverage() {
        #expect(Self.parsed.recipes.count >= 13)
    }

    /// Writes the logs into `logs`: usage.jsonl.1 holds 3 Nov and the morning of 4 Nov; usage.jsonl the rest.
    static func generateLogs(in logs: TemporaryDirectory) throws {
        func record(_ kind: String, _ text: String, at time: String) throws -> String {
            let line = runCLI(["parse", kind], input: Array(text.utf8)).output.standardOutput
            guard case .object(var members) = try JSONParser.parse(line.trimmed) else { return "" }
            members[0] = ("timestamp", .string(time))
            return JSONValue.object(members).serialized()
        }
        let costBlock = "Usage:  400 input, 100 output, 300 cache read, 200 cache write\n"
        let older = [
            try record("usage", Fixtures.text("usage-2.1.55.txt"), at: "2025-11-03T10:00:00.000Z"),
            try record("usage", "Current session\n40% used\n" + costBlock, at: "2025-11-04T09:00:00.000Z"),
        ]
        let newer = [
            try record(
                "usage", "Current session\n55% used\nResets Jan 2, 2027, 10:59pm (Europe/Helsinki)\n" + costBlock,
                at: "2025-11-04T12:00:00.000Z"),
            try record("usage", Fixtures.text("usage-error-expired.txt"), at: "2025-11-04T13:00:00.000Z"),
        ]
        let sudo =
            "Version: 2.0.10\nEmail: user@example.com\nModel: sonnet (claude-sonnet-4-5)\nSystem Diagnostics\n ⚠ Insufficient permissions for auto-updates\n ⚠ No write permissions for auto-updates (requires sudo)\n"
        let statuses = [
            try record("status", Fixtures.text("status-2.1.55.txt"), at: "2025-11-03T10:00:00.000Z"),
            try record("status", Fixtures.text("status-2.1.55.txt"), at: "2025-11-03T11:00:00.000Z"),
            try record("status", Fixtures.text("status-2.1.330-screen.txt"), at: "2025-11-04T10:00:00.000Z"),
            try record("status", sudo, at: "2025-11-04T11:00:00.000Z"),
        ]
        let first = StatusParser.parse(Fixtures.bytes("status-2.1.55.txt")).diagnostics
        let second = StatusParser.parse(Fixtures.bytes("status-2.1.330-screen.txt")).diagnostics
        let context = { (time: String) in
            RecordContext(timestamp: Timestamp.date(from: time) ?? Date(), sessionID: "s", cwd: nil)
        }
        let diagnostics =
            DiagnosticChanges.between(known: [], current: first).records(context: context("2025-11-03T10:00:00.000Z"))
            + DiagnosticChanges.between(known: first, current: second).records(
                context: context("2025-11-04T10:00:00.000Z"))
        logs.write("usage.jsonl.1", older.joined(separator: "\n") + "\n")
        logs.write("usage.jsonl", newer.joined(separator: "\n") + "\n")
        logs.write("usage.jsonl.lock", "")
        logs.write("status.jsonl", statuses.joined(separator: "\n") + "\n")
        logs.write("diagnostics.jsonl", diagnostics.map { $0.serialized() }.joined(separator: "\n") + "\n")
        logs.write(
            "sessions.jsonl.1",
            session(
                "a", ended: "2025-11-03T10:00:00.000Z",
                [
                    TranscriptLines.assistant(message: "m1", request: "r1"),
                    TranscriptLines.assistant(message: "m2", request: "r2", input: 100, output: 10, cacheRead: 1_000),
                    TranscriptLines.assistant(message: "m2", request: "r2", input: 100, output: 50, cacheRead: 1_000),
                ]) + "\n")
        logs.write(
            "sessions.jsonl",
            session(
                "b", ended: "2025-11-03T23:59:59.999Z",
                [
                    TranscriptLines.assistant(message: "m3", request: "r3")
                ]) + "\n"
                + session(
                    "c", ended: "2025-11-04T00:00:00.000Z",
                    [
                        TranscriptLines.assistant(message: "m4", request: "r4", cacheCreation: 2_000)
                    ]) + "\n")
    }

    /// A `sessions.jsonl` row of a session that ended at `ended`, made from transcript lines as the hook does.
    static func session(_ id: String, ended: String, _ lines: [String]) -> String {
        var tally = TranscriptTally()
        for line in lines {
            var bytes = Array(line.utf8)
            bytes.withUnsafeMutableBufferPointer { tally.add(line: UnsafeBufferPointer($0)) }
        }
        let end = Timestamp.date(from: ended) ?? Date()
        let row = SessionRow(
            sessionID: id, cwd: "/home/dev/app", endReason: "prompt_input_exit", endedAt: end, tally: tally,
            costUSD: nil, limitHits: 0)
        return row.json(at: end).serialized()
    }
}
