import Foundation
import Testing

@testable import UsageLogger

@Suite("Configuration")
struct ConfigurationTests {
    @Test("defaults")
    func defaults() throws {
        let configuration = try Configuration(environment: ["HOME": "/home/u"])
        #expect(configuration.statusCommand == ["claude", "/status"])
        #expect(configuration.usageCommand == ["claude", "/usage"])
        #expect(configuration.commandTimeoutMs == 45_000)
        #expect(configuration.probeDirectory == "/home/u/.local/state/usage-logger/probe")
        #expect(!configuration.debug)
    }

    @Test("XDG_STATE_HOME, ~ in paths, and PET_CLAUDE_COMMAND feeding both commands")
    func overrides() throws {
        let configuration = try Configuration(environment: [
            "HOME": "/home/u", "XDG_STATE_HOME": "/state", "PET_CLAUDE_COMMAND": "/opt/claude/bin/claude",
        ])
        #expect(configuration.probeDirectory == "/state/usage-logger/probe")
        #expect(configuration.statusCommand == ["/opt/claude/bin/claude", "/status"])
        let tilde = try Configuration(environment: ["HOME": "/home/u", "PET_PROBE_DIR": "~/probe"])
        #expect(tilde.probeDirectory == "/home/u/probe")
    }

    @Test(
        "booleans accept every spelling, any case",
        arguments: [
            ("true", true), ("YES", true), ("1", true), ("On", true), ("false", false), ("no", false), ("0", false),
            ("OFF", false),
        ])
    func booleans(text: String, value: Bool) throws {
        #expect(try Configuration(environment: ["HOME": "/nonexistent", "PET_LOGGING_DEBUG": text]).debug == value)
    }

    @Test(
        "bad values are refused",
        arguments: [
            ("PET_COMMAND_TIMEOUT", "99"), ("PET_COMMAND_TIMEOUT", "-5"), ("PET_COMMAND_TIMEOUT", "1.5"),
            ("PET_LOGGING_DEBUG", "maybe"), ("PET_STATUS_COMMAND", "claude '/status"),
        ])
    func badValues(name: String, value: String) {
        #expect(throws: ConfigurationError.self) {
            try Configuration(environment: ["HOME": "/nonexistent", name: value])
        }
    }

    @Test("command lines split on whitespace with quotes and escapes, never a shell")
    func splitting() {
        #expect(
            CommandLineSplitter.split(#"claude /status --flag "a b" 'c d' e\ f"#) == [
                "claude", "/status", "--flag", "a b", "c d", "e f",
            ])
        #expect(CommandLineSplitter.split("claude ''") == ["claude", ""])
        #expect(CommandLineSplitter.split("a; rm -rf x") == ["a;", "rm", "-rf", "x"])
        #expect(CommandLineSplitter.split(#"unclosed "quote"#) == nil)
    }

    @Test(".env.example lists exactly the known settings, with their defaults")
    func envExample() throws {
        let text = try String(
            contentsOfFile: Fixtures.packageRoot.appendingPathComponent(".env.example").path, encoding: .utf8)
        let entries = text.split(separator: "\n").filter { $0.hasPrefix("PET_") }.map { line in
            let parts = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        #expect(entries.map(\.0) == Setting.all.map(\.name))
        #expect(entries.map(\.1) == Setting.all.map(\.defaultValue))
    }
}
