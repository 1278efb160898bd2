import Foundation
import Testing

@testable import UsageLogger

/// A setting that cannot be used is never silent: the statusline says so on the line it prints, every other
/// command stops with exit 78 naming it, and durations are accepted as people write them.
@Suite("Settings problems")
struct SettingsProblemTests {
    @Test("a bad value in config.env: the statusline still prints, marks the line, exits 0 and records nothing")
    func statuslineMarksBadSettings() throws {
        try withTemporaryDirectory { home throws in
            let file = home.write(
                ".config/usage-logger/config.env",
                "PET_USAGE_LOGGING_ENABLED=true\nPET_LOG_DIR=\(home.path)/logs\nPET_USAGE_LOG_INTERVAL=1 minute\n")
            chmod(file, 0o600)
            let input = Array(try String(contentsOfFile: Fixtures.path("statusline-input.json"), encoding: .utf8).utf8)
            let (code, output) = runCLI(["statusline"], environment: ["HOME": home.path], input: input)
            #expect(code == .success)
            #expect(output.standardOutput.hasSuffix(" | " + StatuslineCommand.settingsProblemMarker + "\n"))
            #expect(FileSystem.kind(of: home.path + "/logs") == .missing)
            let (configCode, config) = runCLI(["config"], environment: ["HOME": home.path])
            #expect(configCode == .configuration)
            #expect(config.standardError.contains("PET_USAGE_LOG_INTERVAL='1 minute'"))
        }
    }

    @Test("inside our own probe the line carries no marker (the probe's screen is not the user's)")
    func noMarkerInsideProbes() {
        let (_, output) = runCLI(
            ["statusline"], environment: ["PET_USAGE_LOG_INTERVAL": "soon", ProbeMarker.variable: "1-a"], input: [])
        #expect(!output.standardOutput.contains(StatuslineCommand.settingsProblemMarker))
    }

    @Test(
        "every interval and timeout takes a duration with a unit, or plain milliseconds",
        arguments: ["PET_USAGE_LOG_INTERVAL", "PET_STATUS_LOG_INTERVAL", "PET_COMMAND_TIMEOUT"])
    func durations(name: String) throws {
        for (text, milliseconds) in [("1m", 60_000), ("90s", 90_000), ("1h", 3_600_000), ("45000", 45_000)] {
            let configuration = try Configuration(environment: ["HOME": "/nonexistent", name: text])
            let value =
                switch name {
                case "PET_USAGE_LOG_INTERVAL": configuration.usageIntervalMs
                case "PET_STATUS_LOG_INTERVAL": configuration.statusIntervalMs
                default: configuration.commandTimeoutMs
                }
            #expect(value == milliseconds, "\(name)=\(text)")
        }
    }

    @Test("an unknown part in PET_STATUSLINE_FORMAT is refused with the closest part and the list")
    func unknownFormatPart() {
        let (code, output) = runCLI(["config"], environment: ["PET_STATUSLINE_FORMAT": "{modle} | {cost}"])
        #expect(code == .configuration)
        #expect(output.standardError.contains("{modle} is not a part; did you mean {model}?"))
        #expect(output.standardError.contains("{five_hour}"))
    }
}
