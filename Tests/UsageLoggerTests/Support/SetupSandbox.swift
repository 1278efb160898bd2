import Foundation

@testable import UsageLogger

/// A temporary HOME with its own Claude Code config directory (`CLAUDE_CONFIG_DIR`, never `~/.claude`) and a
/// stand-in `usage-logger` program, for running `setup` and `doctor` in-process.
struct SetupSandbox {
    let home: TemporaryDirectory
    /// The program setup writes into the settings (an executable file, so doctor finds it).
    let executable: String

    init(_ home: TemporaryDirectory, executable: String? = nil) {
        self.home = home
        self.executable =
            executable ?? home.write("bin/usage-logger", "#!/bin/sh\nexit 0\n", executable: true)
    }

    var configDirectory: String { home.path + "/claude-config" }
    var settingsPath: String { configDirectory + "/settings.json" }
    var configFile: String { home.path + "/.config/usage-logger/config.env" }

    var environment: [String: String] {
        ["HOME": home.path, "CLAUDE_CONFIG_DIR": configDirectory, "PATH": "/usr/bin:/bin"]
    }

    /// Runs `usage-logger ARGUMENTS` in-process as if this sandbox's program were running.
    func run(_ arguments: [String], _ extra: [String: String] = [:]) -> (code: ExitCode, output: CapturingConsole) {
        let capture = CapturingConsole()
        let code = CLI.run(
            arguments: arguments, environment: environment.merging(extra) { $1 }, console: capture.console,
            currentDirectory: home.path, executablePath: executable)
        return (code, capture)
    }

    func setup(_ arguments: [String], _ extra: [String: String] = [:]) -> (code: ExitCode, output: CapturingConsole) {
        run(["setup"] + arguments, extra)
    }

    /// Writes `text` as the settings file.
    func writeSettings(_ text: String) {
        try? FileManager.default.createDirectory(atPath: configDirectory, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: settingsPath, contents: Data(text.utf8))
    }

    var settingsBytes: [UInt8]? { FileManager.default.contents(atPath: settingsPath).map { [UInt8]($0) } }

    var settings: JSONValue? { settingsBytes.flatMap { try? JSONParser.parse($0) } }

    var backups: [String] { SettingsBackup.all(besides: settingsPath) }

    /// The statusLine command and every command of an event's hooks.
    var statuslineCommand: String? { settings?["statusLine"]?["command"]?.stringValue }

    func hookCommands(_ event: String) -> [String] {
        (settings?["hooks"]?[event]?.arrayValue ?? []).flatMap { group in
            (group["hooks"]?.arrayValue ?? []).compactMap { $0["command"]?.stringValue }
        }
    }

    static func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }
}
