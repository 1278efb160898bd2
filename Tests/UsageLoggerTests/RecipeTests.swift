import Foundation
import Testing

@testable import UsageLogger

/// The original design's jq recipes must keep working on our records. Runs the real `jq`.
@Suite("jq recipes", .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/jq"), "jq is not installed"))
struct RecipeTests {
    private func records(_ files: [String]) -> String {
        files.map { runCLI(["parse", "status", Fixtures.path($0)]).output.standardOutput }.joined()
    }

    private func jq(_ arguments: [String], input: String) -> String {
        let directory = TemporaryDirectory()
        let file = directory.write("status.jsonl", input)
        return RealClaude.shell(["jq"] + arguments + [file]).output
    }

    private let history = ["status-2.1.55.txt", "status-2.1.3.txt", "status-2.1.330-screen.txt", "status-1.0.55.txt"]

    @Test("warnings counted across records")
    func warnings() {
        let output = jq(["-r", ".diagnostics.warnings[]?"], input: records(history))
        #expect(output.split(separator: "\n").count == 2 + 0 + 3 + 1)
    }

    @Test("config mismatches over time pick only the records that have one")
    func mismatches() {
        let recipe =
            #"select(.diagnostics.config_mismatches) | .timestamp + " " + (.diagnostics.config_mismatches | join(", "))"#
        let lines = jq(["-r", recipe], input: records(history)).split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.first?.hasSuffix(" Running native installation but config install method is 'global'") == true)
    }

    @Test("sessions needing sudo")
    func sudo() {
        let text =
            "Email: user@example.com\nVersion: 2.0.10\nSystem Diagnostics\n ⚠ No write permissions for auto-updates (requires sudo)\n"
        let record = runCLI(["parse", "status"], input: Array(text.utf8)).output.standardOutput
        let recipe = #"select(.diagnostics.permissions.requires_sudo == true) | .email + " (" + .timestamp + ")""#
        let output = jq(["-r", recipe], input: record + records(["status-2.1.55.txt"]))
        #expect(output.hasPrefix("user@example.com (20"))
        #expect(output.split(separator: "\n").count == 1)
    }

    @Test("models used")
    func models() {
        let output = jq(["-r", ".model"], input: records(history))
        #expect(output.contains("opus (claude-opus-4-5-20251101)"))
    }

    @Test("tokens per day from usage records")
    func tokensPerDay() {
        let usage = runCLI(["parse", "usage", Fixtures.path("usage-2.1.330-api-screen.txt")]).output.standardOutput
        let timestamp = (try? JSONSerialization.jsonObject(with: Data(usage.utf8)) as? [String: Any])?["timestamp"]
        let day = String((timestamp as? String ?? "").prefix(10))
        let recipe = "map(select(.timestamp | startswith(\"\(day)\"))) | map(.usage_data.total_tokens // 0) | add"
        #expect(jq(["-s", recipe], input: usage + usage).trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }
}
