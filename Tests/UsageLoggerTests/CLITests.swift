import Foundation
import Testing

@testable import UsageLogger

@Suite("Command line")
struct CLITests {
    @Test("--version and --help exit 0; no arguments shows help and exits 64")
    func basics() {
        let version = runCLI(["--version"])
        #expect(version.code == .success)
        #expect(version.output.standardOutput == "usage-logger \(CLI.version)\n")
        let help = runCLI(["--help"])
        #expect(help.code == .success)
        #expect(help.output.standardOutput.contains("probe status|usage"))
        #expect(runCLI([]).code == .usage)
    }

    @Test(
        "every command has help, as `help COMMAND` and as `COMMAND --help`",
        arguments: Command.allCases.map(\.rawValue))
    func commandHelp(command: String) {
        let viaHelp = runCLI(["help", command])
        let viaFlag = runCLI([command, "--help"])
        let viaShort = runCLI([command, "-h"])
        #expect(viaHelp.code == .success)
        #expect(viaFlag.code == .success)
        #expect(viaHelp.output.standardOutput.hasPrefix("Usage: usage-logger \(command)"))
        #expect(viaHelp.output.standardOutput == viaFlag.output.standardOutput)
        #expect(viaShort.output.standardOutput == viaFlag.output.standardOutput)
        #expect(viaHelp.output.standardError.isEmpty)
    }

    @Test("an unknown command or flag exits 64 with a did-you-mean hint")
    func unknown() {
        let command = runCLI(["prob", "status"])
        #expect(command.code == .usage)
        #expect(command.output.standardError.contains("did you mean 'probe'?"))
        let flag = runCLI(["parse", "status", "--prety"])
        #expect(flag.code == .usage)
        #expect(flag.output.standardError.contains("did you mean '--pretty'?"))
        let kind = runCLI(["parse", "stauts"])
        #expect(kind.code == .usage)
        #expect(kind.output.standardError.contains("did you mean 'status'?"))
        #expect(runCLI(["help", "nothing"]).code == .usage)
    }

    @Test("parse reads a file or standard input and prints one JSON line")
    func parse() {
        let fromFile = runCLI(["parse", "status", Fixtures.path("status-2.1.55.txt")])
        #expect(fromFile.code == .success)
        #expect(fromFile.output.standardOutput.split(separator: "\n").count == 1)
        #expect(fromFile.output.json?["version"] as? String == "2.1.55")
        let fromInput = runCLI(["parse", "usage", "--pretty"], input: Fixtures.bytes("usage-2.1.55.txt"))
        #expect(fromInput.code == .success)
        #expect(fromInput.output.standardOutput.contains("\n  \"usage_data\": {"))
    }

    @Test("parse exits 65 when nothing is recognised, still printing the record with error and raw")
    func parseNothing() {
        let result = runCLI(["parse", "usage"], input: Array("nothing to see here\n".utf8))
        #expect(result.code == .dataError)
        #expect(result.output.json?["error"] as? String == "no /usage data recognised in the screen")
        #expect(result.output.json?["raw"] as? String == "nothing to see here")
    }

    @Test("parse of an unreadable file exits 66")
    func parseMissingFile() {
        let result = runCLI(["parse", "status", "/nonexistent/capture.txt"])
        #expect(result.code == .noInput)
        #expect(result.output.standardError.contains("/nonexistent/capture.txt"))
    }

    @Test("the status record has the original design's keys in a stable order")
    func recordShape() {
        let output = runCLI(["parse", "status", Fixtures.path("status-2.1.330-screen.txt")]).output.standardOutput
        let keys = [
            "\"timestamp\"", "\"session_id\"", "\"email\"", "\"version\"", "\"model\"", "\"cwd\"", "\"status_data\"",
            "\"diagnostics\"",
        ]
        let positions = keys.compactMap { output.range(of: $0)?.lowerBound }
        #expect(positions.count == keys.count)
        #expect(positions == positions.sorted())
        let timestamp =
            runCLI(["parse", "status", Fixtures.path("status-2.1.3.txt")]).output.json?["timestamp"] as? String
        #expect(timestamp?.count == 24)
        #expect(timestamp?.hasSuffix("Z") == true)
    }

    @Test("a bad PET_* value stops every command with exit 78, naming variable, value and what is allowed")
    func badSetting() {
        let result = runCLI(
            ["parse", "status", Fixtures.path("status-2.1.3.txt")], environment: ["PET_COMMAND_TIMEOUT": "soon"])
        #expect(result.code == .configuration)
        #expect(
            result.output.standardError
                == "usage-logger: PET_COMMAND_TIMEOUT='soon' is not valid: use a whole number of milliseconds, at least 100\n"
        )
        #expect(result.output.standardOutput.isEmpty)
    }

    @Test("an unknown PET_* name is a warning with the closest known name")
    func unknownSetting() {
        let result = runCLI(
            ["parse", "status", Fixtures.path("status-2.1.3.txt")], environment: ["PET_COMMAND_TIMOUT": "100"])
        #expect(result.code == .success)
        #expect(
            result.output.standardError.contains(
                "PET_COMMAND_TIMOUT is not a usage-logger setting; did you mean PET_COMMAND_TIMEOUT?"))
    }
}

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
