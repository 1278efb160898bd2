import Foundation
import Testing

@testable import UsageLogger

@Suite("setup service and doctor's set-up checks", .serialized)
struct SetupServiceTests {
    #if os(Linux)
        @Test("setup service writes a systemd user unit that runs the companion and restarts it on failure")
        func systemdUnit() {
            withTemporaryDirectory { home in
                let sandbox = SetupSandbox(home)
                let (code, output) = sandbox.setup(["service"])
                #expect(code == .success, "\(output.standardError)")
                let path = home.path + "/.config/systemd/user/usage-logger.service"
                let unit = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
                #expect(unit.contains("\nExecStart=\(sandbox.executable) run\n"))
                #expect(unit.contains("\nRestart=on-failure\n"))
                #expect(unit.contains("\nEnvironment=PATH=/usr/bin:/bin\n"))
                #expect(unit.contains("\n[Install]\nWantedBy=default.target\n"))
                #expect(
                    output.standardOutput.contains(
                        "systemctl --user daemon-reload && systemctl --user enable --now usage-logger"))
                let (_, again) = sandbox.setup(["service"])
                #expect(again.standardOutput.contains("already up to date"))
            }
        }

        @Test("setup service --print shows the unit and writes nothing")
        func printOnly() {
            withTemporaryDirectory { home in
                let sandbox = SetupSandbox(home)
                let (code, output) = sandbox.setup(["service", "--print"])
                #expect(code == .success)
                #expect(output.standardOutput.hasPrefix("# \(home.path)/.config/systemd/user/usage-logger.service\n"))
                #expect(output.standardOutput.contains("ExecStart=\(sandbox.executable) run"))
                #expect(!FileManager.default.fileExists(atPath: home.path + "/.config/systemd"))
            }
        }
    #endif

    @Test("a path with spaces and % is quoted for systemd; the launchd agent escapes XML")
    func quoting() {
        let unit = ServiceDefinition.systemd(
            executable: "/opt/my tools/100%/usage-logger", configHome: "/h/.config", searchPath: nil)
        #expect(unit.text.contains(#"ExecStart="/opt/my tools/100%%/usage-logger" run"#))
        #expect(!unit.text.contains("Environment="))
        let agent = ServiceDefinition.launchd(
            executable: "/opt/a&b/usage-logger", home: "/Users/me", searchPath: "/bin")
        #expect(agent.path == "/Users/me/Library/LaunchAgents/io.github.usage-logger.companion.plist")
        #expect(agent.text.contains("<string>/opt/a&amp;b/usage-logger</string>\n    <string>run</string>"))
        #expect(agent.text.contains("<key>SuccessfulExit</key>"))
        #expect(agent.nextCommand.hasPrefix("launchctl bootstrap gui/$(id -u) "))
    }

    @Test("doctor: not set up is a warning with the command to run")
    func doctorNotInstalled() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let text = sandbox.run(["doctor"]).output.standardOutput
            #expect(text.contains("! statusline: not set in \(sandbox.settingsPath)"))
            #expect(text.contains("fix: `usage-logger setup statusline` (or `setup all`)"))
            #expect(text.contains("! hooks: usage-logger's hook is not set for SessionStart, StopFailure, SessionEnd"))
        }
    }

    @Test("doctor: installed and pointing at this program")
    func doctorInstalled() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            #expect(sandbox.setup(["all"]).code == .success)
            let text = sandbox.run(["doctor"]).output.standardOutput
            #expect(text.contains("✔ statusline: \(sandbox.executable) statusline\n"))
            #expect(text.contains("✔ hooks: \(sandbox.executable) hook on SessionStart, StopFailure, SessionEnd\n"))
        }
    }

    @Test("doctor: settings naming a program that is gone fail; another usage-logger is a warning")
    func doctorMissingProgram() {
        withTemporaryDirectory { home in
            let sandbox = SetupSandbox(home)
            let gone = SetupSandbox(home, executable: home.path + "/old/usage-logger")
            #expect(gone.setup(["all"]).code == .success)
            let (code, output) = sandbox.run(["doctor"])
            #expect(code == .failure)
            #expect(
                output.standardOutput.contains(
                    "✘ statusline: runs \(home.path)/old/usage-logger, which does not exist or cannot be run"))
            #expect(output.standardOutput.contains("✘ hooks: runs \(home.path)/old/usage-logger"))

            let other = home.write("other/usage-logger", "#!/bin/sh\n", executable: true)
            #expect(SetupSandbox(home, executable: other).setup(["all"]).code == .success)
            let text = sandbox.run(["doctor"]).output.standardOutput
            #expect(
                text.contains("! statusline: runs another usage-logger, \(other) (this one is \(sandbox.executable))"))

            sandbox.writeSettings("{ // no\n}")
            let broken = sandbox.run(["doctor"]).output.standardOutput
            #expect(broken.contains("✘ Claude Code settings: \(sandbox.settingsPath) is not valid JSON"))
        }
    }
}
