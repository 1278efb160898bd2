import Foundation
import Testing

@testable import UsageLogger

@Suite("setup: Claude Code's settings", .serialized)
struct SetupCommandTests {
    static let existing = """
        {
          "model": "opus",
          "permissions": {"allow": ["Bash(ls:*)"]},
          "hooks": {
            "Stop": [{"matcher": "", "hooks": [{"type": "command", "command": "notify-send done"}]}],
            "SessionStart": [{"matcher": "startup", "hooks": [{"type": "command", "command": "echo welcome"}]}]
          },
          "env": {"FOO": "1"}
        }
        """

    @Test("setup all merges our statusLine and hooks and keeps every other key, hook and the keys' order")
    func mergeKeepsOthers() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            sandbox.writeSettings(Self.existing)
            let (code, output) = sandbox.setup(["all"])
            #expect(code == .success, "\(output.standardError)")
            guard case .object(let members)? = sandbox.settings else {
                Issue.record("settings are not an object")
                return
            }
            #expect(members.map(\.0) == ["model", "permissions", "hooks", "env", "statusLine"])
            #expect(sandbox.settings?["model"] == .string("opus"))
            #expect(sandbox.settings?["env"]?["FOO"] == .string("1"))
            #expect(sandbox.statuslineCommand == "\(sandbox.executable) statusline")
            #expect(sandbox.settings?["statusLine"]?["type"] == .string("command"))
            #expect(sandbox.hookCommands("Stop") == ["notify-send done"])
            #expect(sandbox.hookCommands("SessionStart") == ["echo welcome", "\(sandbox.executable) hook"])
            #expect(sandbox.hookCommands("StopFailure") == ["\(sandbox.executable) hook"])
            #expect(sandbox.hookCommands("SessionEnd") == ["\(sandbox.executable) hook"])
            let text = String(decoding: sandbox.settingsBytes ?? [], as: UTF8.self)
            #expect(text.hasPrefix("{\n  \"model\": \"opus\",\n  \"permissions\": {\n    \"allow\": ["))
            #expect(text.hasSuffix("}\n"))
            #expect(SetupSandbox.mode(sandbox.settingsPath) == 0o600)
            #expect(output.standardOutput.contains("hooks.SessionEnd: added"))
            #expect(FileManager.default.fileExists(atPath: home.path + "/.claude") == false, "CLAUDE_CONFIG_DIR only")
        }
    }

    @Test("a second run changes nothing: the same bytes, one backup")
    func idempotent() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            sandbox.writeSettings(Self.existing)
            #expect(sandbox.setup(["all"]).code == .success)
            let first = sandbox.settingsBytes
            let (code, output) = sandbox.setup(["all"])
            #expect(code == .success)
            #expect(
                output.standardOutput.contains("already has usage-logger's statusLine and hooks: nothing to change"))
            #expect(sandbox.settingsBytes == first)
            #expect(sandbox.backups.count == 1)
            #expect(sandbox.setup(["hooks"]).code == .success)
            #expect(sandbox.setup(["statusline"]).code == .success)
            #expect(sandbox.settingsBytes == first)
            #expect(sandbox.backups.count == 1)
        }
    }

    @Test("an earlier set-up with another path is updated in place, not added twice")
    func movedProgram() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let old = SetupSandbox(home, executable: "/old/place/usage-logger")
            sandbox.writeSettings(Self.existing)
            #expect(old.setup(["all"]).code == .success)
            #expect(sandbox.setup(["all"]).code == .success)
            #expect(sandbox.statuslineCommand == "\(sandbox.executable) statusline")
            #expect(sandbox.hookCommands("SessionStart") == ["echo welcome", "\(sandbox.executable) hook"])
            #expect(sandbox.hookCommands("SessionEnd") == ["\(sandbox.executable) hook"])
        }
    }

    @Test("a path with spaces is quoted for the shell Claude Code runs; a link on PATH is written, not its target")
    func paths() throws {
        try withTemporaryDirectory { home in
            let real = home.write("opt/my tools/usage-logger", "#!/bin/sh\n", executable: true)
            let sandbox = SetupSandbox(home, executable: real)
            #expect(sandbox.setup(["all"]).code == .success)
            let command = sandbox.statuslineCommand ?? ""
            #expect(command == "'\(real)' statusline")
            #expect(CommandLineSplitter.split(command) == [real, "statusline"])
            #expect(sandbox.hookCommands("StopFailure") == ["'\(real)' hook"])
            #expect(sandbox.setup(["all"]).output.standardOutput.contains("nothing to change"))

            let bin = home.subdirectory("bin-on-path").path
            try FileManager.default.createSymbolicLink(atPath: bin + "/usage-logger", withDestinationPath: real)
            #expect(sandbox.setup(["all"], ["PATH": "/usr/bin:\(bin):/bin"]).code == .success)
            #expect(sandbox.statuslineCommand == "\(bin)/usage-logger statusline")
            #expect(sandbox.hookCommands("SessionStart") == ["\(bin)/usage-logger hook"])
        }
    }

    @Test("the backup holds the previous bytes (0600) and --undo restores them, then goes one change further back")
    func backupAndUndo() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            sandbox.writeSettings(Self.existing)
            let original = sandbox.settingsBytes
            #expect(sandbox.setup(["statusline"]).code == .success)
            let afterStatusline = sandbox.settingsBytes
            #expect(sandbox.setup(["hooks"]).code == .success)
            #expect(sandbox.backups.count == 2)
            let backup = sandbox.backups[0]
            #expect(FileManager.default.contents(atPath: backup).map { [UInt8]($0) } == original)
            #expect(SetupSandbox.mode(backup) == 0o600)

            let (code, output) = sandbox.setup(["--undo"])
            #expect(code == .success)
            #expect(output.standardOutput.contains("Restored \(sandbox.settingsPath) from \(sandbox.settingsPath)"))
            #expect(sandbox.settingsBytes == afterStatusline)
            #expect(sandbox.setup(["--undo"]).code == .success)
            #expect(sandbox.settingsBytes == original)
            #expect(sandbox.backups.isEmpty)
            let undone = (try? FileManager.default.contentsOfDirectory(atPath: sandbox.configDirectory)) ?? []
            #expect(undone.filter { $0.contains(SettingsBackup.undoneMarker) }.count == 2, "what undo replaced is kept")
            let (again, message) = sandbox.setup(["--undo"])
            #expect(again == .noInput)
            #expect(message.standardError.contains("no backup of \(sandbox.settingsPath)"))
        }
    }

    @Test("without a settings file: the directory (0700) and file (0600) are made; --undo removes the file")
    func noSettingsFile() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            #expect(sandbox.setup(["all"]).code == .success)
            #expect(SetupSandbox.mode(sandbox.configDirectory) == 0o700)
            #expect(SetupSandbox.mode(sandbox.settingsPath) == 0o600)
            #expect(sandbox.statuslineCommand != nil)
            #expect(sandbox.setup(["--undo"]).code == .success)
            #expect(sandbox.settingsBytes == nil)
        }
    }

    @Test(
        "a settings file that is not valid JSON is refused with the file and the place, and left untouched",
        arguments: [
            "{\n  // my settings\n  \"model\": \"opus\"\n}\n", "{\"model\": \"opus\",}", "[1, 2]", "{\"hooks\": [1]}",
        ])
    func invalidSettings(text: String) {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            sandbox.writeSettings(text)
            let (code, output) = sandbox.setup(["all"])
            #expect(code == .dataError)
            #expect(output.standardError.contains(sandbox.settingsPath))
            #expect(output.standardError.contains("left untouched"))
            #expect(sandbox.settingsBytes == Array(text.utf8))
            #expect(sandbox.backups.isEmpty)
            if text.contains("//") { #expect(output.standardError.contains("at line 2, column 3")) }
        }
    }

    @Test("another statusLine: refused and untouched without a flag; --replace puts ours; --chain keeps it")
    func otherStatusline() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let settings =
                #"{"statusLine": {"type": "command", "command": "~/bin/my line's \"status\"", "padding": 2}}"#
            sandbox.writeSettings(settings)
            let (code, output) = sandbox.setup(["all"])
            #expect(code == .failure)
            #expect(output.standardError.contains(#"already has a statusLine command: ~/bin/my line's "status""#))
            #expect(output.standardError.contains("--replace") && output.standardError.contains("--chain"))
            #expect(sandbox.settingsBytes == Array(settings.utf8), "nothing changed, hooks neither")

            #expect(sandbox.setup(["statusline", "--chain"]).code == .success)
            let chained = sandbox.statuslineCommand ?? ""
            #expect(chained == "\(sandbox.executable) statusline --chain '~/bin/my line'\\''s \"status\"'")
            #expect(CommandLineSplitter.split(chained)?.last == #"~/bin/my line's "status""#)
            #expect(sandbox.settings?["statusLine"]?["padding"] == .int(2))
            #expect(sandbox.setup(["statusline", "--chain"]).code == .success)
            #expect(sandbox.statuslineCommand == chained, "chained once, not twice")

            #expect(sandbox.setup(["statusline", "--replace"]).code == .success)
            #expect(sandbox.statuslineCommand == "\(sandbox.executable) statusline")
            #expect(sandbox.settings?["statusLine"]?["padding"] == .int(2))
            #expect(sandbox.setup(["statusline", "--replace", "--chain"]).code == .usage)
            #expect(sandbox.setup(["hooks", "--chain"]).code == .usage)
        }
    }

    @Test("--dry-run shows a diff and writes nothing")
    func dryRun() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            sandbox.writeSettings(Self.existing)
            let before = sandbox.settingsBytes
            let (code, output) = sandbox.setup(["all", "--dry-run", "--enable-logging"])
            #expect(code == .success)
            let text = output.standardOutput
            #expect(text.contains("Would change \(sandbox.settingsPath) (dry run: nothing written)"))
            #expect(text.contains("--- \(sandbox.settingsPath) (now)"))
            #expect(text.contains("+    \"command\": \"\(sandbox.executable) statusline\""))
            #expect(text.contains("+    \"StopFailure\": ["))
            #expect(text.contains("Would set PET_USAGE_LOGGING_ENABLED=true in \(sandbox.configFile)"))
            #expect(sandbox.settingsBytes == before)
            #expect(sandbox.backups.isEmpty)
            #expect(!FileManager.default.fileExists(atPath: sandbox.configFile))
        }
    }

    @Test("a symbolic link to a dotfiles copy is kept: the file it names is updated")
    func linkedSettings() throws {
        try withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let dotfiles = home.write("dotfiles/claude-settings.json", Self.existing)
            try FileManager.default.createDirectory(atPath: sandbox.configDirectory, withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: sandbox.settingsPath, withDestinationPath: dotfiles)
            let (code, output) = sandbox.setup(["all"])
            #expect(code == .success, "\(output.standardError)")
            #expect(output.standardOutput.contains("(a link to \(dotfiles))"))
            #expect(FileSystem.kind(of: sandbox.settingsPath) == .symbolicLink)
            #expect(sandbox.statuslineCommand == "\(sandbox.executable) statusline")
            #expect(sandbox.backups.count == 1)
        }
    }

    @Test("--enable-logging sets the switch in config.env (0600), keeping its other lines; else setup says so")
    func enableLogging() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let (_, off) = sandbox.setup(["statusline"])
            #expect(off.standardOutput.contains("logging is off, so nothing will be recorded"))
            #expect(off.standardOutput.contains("usage-logger setup --enable-logging"))
            home.write(
                ".config/usage-logger/config.env",
                "# mine\nPET_USAGE_LOG_INTERVAL=2m\nexport PET_USAGE_LOGGING_ENABLED=no\n")
            _ = chmod(sandbox.configFile, 0o600)
            let (code, output) = sandbox.setup(["all", "--enable-logging"])
            #expect(code == .success, "\(output.standardError)")
            #expect(!output.standardOutput.contains("logging is off"))
            let text = (try? String(contentsOfFile: sandbox.configFile, encoding: .utf8)) ?? ""
            #expect(text == "# mine\nPET_USAGE_LOG_INTERVAL=2m\nexport PET_USAGE_LOGGING_ENABLED=true\n")
            #expect(SetupSandbox.mode(sandbox.configFile) == 0o600)
            let (_, again) = sandbox.setup(["--enable-logging"])
            #expect(again.standardOutput.contains("Logging is already on"))
            let config = sandbox.run(["config"]).output.standardOutput.split(separator: "\n")
            #expect(config.contains { $0.hasPrefix("PET_USAGE_LOGGING_ENABLED ") && $0.hasSuffix(" true  [file]") })
        }
    }

    @Test("setup cron prints the crontab line with this program's full path")
    func cron() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let (code, output) = sandbox.setup(["cron"])
            #expect(code == .success)
            #expect(output.standardOutput.contains("\n* * * * * \(sandbox.executable) once --due\n"))
            #expect(output.standardOutput.contains("| crontab -"))
        }
    }

    @Test("a command line setup cannot run is refused with a hint")
    func commandLine() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            #expect(sandbox.setup([]).code == .usage)
            #expect(sandbox.setup(["all", "--undo"]).code == .usage)
            #expect(sandbox.setup(["cron", "--print"]).code == .usage)
            #expect(sandbox.setup(["everything"]).code == .usage)
            #expect(runCLI(["setup", "all"]).code == .software, "no executable path: refused, not guessed")
        }
    }
}
