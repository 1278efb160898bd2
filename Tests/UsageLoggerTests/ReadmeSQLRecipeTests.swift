import Foundation
import Testing

@testable import UsageLogger

/// Where the `sqlite3` shell is, if anywhere (a file-level constant: the suite's trait cannot read its own statics).
private let sqliteShellDirectory = ["/usr/bin", "/usr/local/bin", "/opt/homebrew/bin", "/bin"].first {
    FileManager.default.isExecutableFile(atPath: $0 + "/sqlite3")
}

/// Runs every SQL recipe of the README with the real `sqlite3` shell on the jq recipes' generated logs, imported into
/// `usage.db` by `LogImporter`, and checks its output; where a jq recipe answers the same question, both print the
/// same lines.
@Suite(
    "README SQL recipes",
    .enabled(
        if: sqliteShellDirectory != nil, "sqlite3 is not installed (Debian: apt-get install sqlite3)"))
struct ReadmeSQLRecipeTests {
    typealias Recipe = ReadmeRecipeTests.Recipe

    /// The README's recipes: `# Title` then one `sqlite3 usage.db "…"` line, in the first `sh` block after
    /// "### SQL recipes".
    static let recipes: [Recipe] = {
        let readme =
            (try? String(contentsOf: Fixtures.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)) ?? ""
        let section = readme.components(separatedBy: "### SQL recipes").dropFirst().first ?? ""
        let block =
            section.components(separatedBy: "```sh\n").dropFirst().first?.components(separatedBy: "```").first ?? ""
        var recipes: [Recipe] = []
        var title: String?
        for line in block.split(separator: "\n").map(String.init) {
            if line.hasPrefix("# ") {
                title = String(line.dropFirst(2))
            } else if let current = title, !line.isEmpty {
                recipes.append(Recipe(title: current, command: line))
                title = nil
            }
        }
        return recipes
    }()

    /// The jq recipe that answers the same question as an SQL recipe (by title).
    static let jqTwin: [String: String] = [
        "Latest usage, one line per window": "Latest usage, one line per window",
        "Daily peak per window": "Daily peak per window",
        "Errors per day": "Errors per day",
        "Version history: each change of Claude Code version": "Version history: each change of Claude Code version",
        "Warnings as they appeared and were resolved": "Warnings as they appeared and were resolved",
        "Tokens per day from the sessions": "Tokens per day from sessions.jsonl",
    ]

    /// What each recipe prints on the generated logs: the jq twin's output, else its own.
    static let expected: [String: String] = {
        var expected: [String: String] = [
            // No window of the generated logs reaches 95 % (see `thresholdOfHighHours` for one that does).
            "Hours at or above 95 %, per window": "",
            "Anything else a record holds, through SQLite's JSON functions: usage credits per day": "",
        ]
        for (sql, jq) in jqTwin { expected[sql] = ReadmeRecipeTests.expected[jq] }
        return expected
    }()

    @Test("every recipe has an expected output", arguments: recipes)
    func recipe(_ recipe: Recipe) throws {
        let expected = try #require(Self.expected[recipe.title], "no expected output for '\(recipe.title)'")
        try withTemporaryDirectory { logs in
            try Self.importLogs(into: logs)
            let result = Self.run(recipe.command, in: logs)
            #expect(result.status == 0, "\(result.error)")
            #expect(result.error.isEmpty)
            #expect(result.output == expected)
        }
    }

    @Test(
        "the SQL and the jq recipe for the same question print the same lines",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed"),
        arguments: jqTwin.keys.sorted())
    func agreesWithJQ(_ title: String) throws {
        let sql = try #require(Self.recipes.first { $0.title == title }, "the README has no SQL recipe '\(title)'")
        let jq = try #require(ReadmeRecipeTests.parsed.recipes.first { $0.title == Self.jqTwin[title] })
        try withTemporaryDirectory { logs in
            try Self.importLogs(into: logs)
            let fromSQL = Self.run(sql.command, in: logs)
            let fromJQ = RealClaude.shell(
                ["/bin/sh", "-c", "cd '\(logs.path)' && " + ReadmeRecipeTests.parsed.definitions + jq.command],
                environment: ["PATH": "/usr/bin:/bin", "LC_ALL": "C"])
            #expect(fromJQ.status == 0 && fromSQL.status == 0, "\(fromJQ.error) \(fromSQL.error)")
            #expect(!fromSQL.output.isEmpty)
            #expect(fromSQL.output == fromJQ.output)
        }
    }

    @Test("the hours at or above a share count the hours a window was there")
    func thresholdOfHighHours() throws {
        let recipe = try #require(Self.recipes.first { $0.title == "Hours at or above 95 %, per window" })
        #expect(recipe.command.contains(">= 95"))
        try withTemporaryDirectory { logs in
            try Self.importLogs(into: logs)
            let result = Self.run(recipe.command.replacingOccurrences(of: ">= 95", with: ">= 40"), in: logs)
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output == "Current session 2\n")
        }
    }

    @Test("usage credits per day are the day's highest amount spent")
    func creditsPerDay() throws {
        let recipe = try #require(Self.recipes.first { $0.title.hasSuffix("usage credits per day") })
        try withTemporaryDirectory { logs in
            var lines: [String] = []
            for (spent, time) in [
                ("12.50", "2025-11-05T09:00:00.000Z"), ("20.00", "2025-11-05T10:00:00.000Z"),
                ("3.25", "2025-11-06T08:00:00.000Z"),
            ] {
                let screen = "Usage credits\n████ 25% used\n$\(spent) / $50.00 spent\n"
                let line = runCLI(["parse", "usage"], input: Array(screen.utf8)).output.standardOutput
                guard case .object(var members) = try JSONParser.parse(line.trimmed) else { continue }
                members[0] = ("timestamp", .string(time))
                lines.append(JSONValue.object(members).serialized())
            }
            logs.write("usage.jsonl", lines.joined(separator: "\n") + "\n")
            let database = try RecordDatabase(path: logs.path + "/usage.db")
            #expect(try LogImporter(directory: logs.path, database: database).run().added[.usage] == 3)
            let result = Self.run(recipe.command, in: logs)
            #expect(result.status == 0, "\(result.error)")
            #expect(result.output == "2025-11-05 20\n2025-11-06 3.25\n")
        }
    }

    @Test("the README has a recipe for each question the jq recipes answer, and one line each")
    func coverage() {
        #expect(Self.recipes.count >= 8)
        for title in Self.jqTwin.keys { #expect(Self.recipes.contains { $0.title == title }, "\(title)") }
        for recipe in Self.recipes { #expect(recipe.command.hasPrefix("sqlite3 usage.db \""), "\(recipe.title)") }
    }

    /// The jq recipes' logs, imported into `usage.db` beside them.
    static func importLogs(into logs: TemporaryDirectory) throws {
        try ReadmeRecipeTests.generateLogs(in: logs)
        let database = try RecordDatabase(path: logs.path + "/usage.db")
        let outcome = try LogImporter(directory: logs.path, database: database).run()
        #expect(outcome.skipped == 0)
        #expect(outcome.added[.usage] == 4 && outcome.added[.sessions] == 3)
    }

    /// Runs a recipe line as the README shows it, in the log directory, with `sqlite3` on the `PATH`.
    static func run(_ command: String, in logs: TemporaryDirectory) -> (status: Int32, output: String, error: String) {
        RealClaude.shell(
            ["/bin/sh", "-c", "cd '\(logs.path)' && " + command],
            environment: [
                "PATH": (sqliteShellDirectory ?? "/usr/bin") + ":/usr/bin:/bin", "LC_ALL": "C", "HOME": logs.path,
            ])
    }
}
