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

    @Test("parse and append given a directory say it is one, exit 66")
    func directoryArgument() {
        withTemporaryDirectory { home in
            for command in [["parse", "usage"], ["append", "usage"]] {
                let result = runCLI(command + [home.path], environment: ["PET_LOG_DIR": home.path + "/logs"])
                #expect(result.code == .noInput)
                #expect(
                    result.output.standardError
                        == "usage-logger: cannot read \(home.path): it is a directory; give a file, or - for standard "
                        + "input\n")
            }
        }
    }

    @Test("the README is not a /usage screen: nothing recognised, exit 65 (it mentions the loading message)")
    func parseReadme() {
        let readme = Fixtures.packageRoot.appendingPathComponent("README.md").path
        let result = runCLI(["parse", "usage", readme])
        #expect(result.code == .dataError)
        #expect(result.output.json?["error"] as? String == "no /usage data recognised in the screen")
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
                == "usage-logger: PET_COMMAND_TIMEOUT='soon' is not valid: use a duration of at least 100 ms, such as 90s, 30m "
                + "or 2h (a plain number is milliseconds)\n"
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
