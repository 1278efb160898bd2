/// The companion as a service that starts at login and restarts on failure (`setup service`): a systemd user unit
/// on Linux, a launchd agent on macOS. Both run `usage-logger run` with no idle exit, give it the `PATH` setup saw
/// (a service's own is short, and `claude` often lives in `~/.local/bin`), and do not restart it after an exit
/// that another try cannot fix: a bad command line (64), a log directory it cannot use (73), a bad setting (78).
struct ServiceDefinition: Equatable, Sendable {
    enum Kind: Sendable { case systemd, launchd }

    let kind: Kind
    /// Where it is written.
    let path: String
    /// Its text.
    let text: String
    /// What to run next to start it.
    let nextCommand: String

    static let unitName = "usage-logger.service"
    static let agentLabel = "io.github.usage-logger.companion"

    /// The definition for this system: launchd on macOS, systemd elsewhere.
    static func forThisSystem(executable: String, home: String, configHome: String, searchPath: String?) -> Self {
        #if os(macOS)
            launchd(executable: executable, home: home, searchPath: searchPath)
        #else
            systemd(executable: executable, configHome: configHome, searchPath: searchPath)
        #endif
    }

    /// `~/.config/systemd/user/usage-logger.service`.
    static func systemd(executable: String, configHome: String, searchPath: String?) -> Self {
        var lines = [
            "# Written by `usage-logger setup service`; `usage-logger setup service` again rewrites it.",
            "[Unit]",
            "Description=usage-logger companion: records Claude Code plan usage and health",
            "Documentation=man:usage-logger(1)",
            "",
            "[Service]",
            "Type=simple",
            "ExecStart=\(systemdWord(executable)) run",
        ]
        if let searchPath, !searchPath.isEmpty { lines.append("Environment=\(systemdWord("PATH=" + searchPath))") }
        lines += [
            "Restart=on-failure",
            "RestartSec=60",
            "RestartPreventExitStatus=64 73 78",
            "",
            "[Install]",
            "WantedBy=default.target",
        ]
        return Self(
            kind: .systemd, path: configHome + "/systemd/user/" + unitName,
            text: lines.joined(separator: "\n") + "\n",
            nextCommand: "systemctl --user daemon-reload && systemctl --user enable --now usage-logger")
    }

    /// `~/Library/LaunchAgents/io.github.usage-logger.companion.plist`.
    static func launchd(executable: String, home: String, searchPath: String?) -> Self {
        let path = home + "/Library/LaunchAgents/" + agentLabel + ".plist"
        var body = [
            "  <key>Label</key>", "  <string>\(xml(agentLabel))</string>",
            "  <key>ProgramArguments</key>", "  <array>",
            "    <string>\(xml(executable))</string>", "    <string>run</string>", "  </array>",
            "  <key>RunAtLoad</key>", "  <true/>",
            // Restarted when it exits with a failure, not after a clean stop (launchctl bootout, SIGTERM).
            "  <key>KeepAlive</key>", "  <dict>", "    <key>SuccessfulExit</key>", "    <false/>", "  </dict>",
            "  <key>ThrottleInterval</key>", "  <integer>60</integer>",
            "  <key>StandardErrorPath</key>", "  <string>\(xml(home + "/Library/Logs/usage-logger.log"))</string>",
        ]
        if let searchPath, !searchPath.isEmpty {
            body += [
                "  <key>EnvironmentVariables</key>", "  <dict>", "    <key>PATH</key>",
                "    <string>\(xml(searchPath))</string>", "  </dict>",
            ]
        }
        let lines =
            [
                #"<?xml version="1.0" encoding="UTF-8"?>"#,
                #"<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">"#,
                "<!-- Written by `usage-logger setup service`; `usage-logger setup service` again rewrites it. -->",
                #"<plist version="1.0">"#, "<dict>",
            ] + body + ["</dict>", "</plist>"]
        return Self(
            kind: .launchd, path: path, text: lines.joined(separator: "\n") + "\n",
            nextCommand: "launchctl bootstrap gui/$(id -u) \(ShellWord.quoted(path))")
    }

    /// A word for a unit file's command line or assignment: in double quotes when it has a space, quote or
    /// backslash; `%` doubled, since systemd expands `%h` and friends.
    private static func systemdWord(_ word: String) -> String {
        let escaped = word.replacingOccurrences(of: "%", with: "%%")
        guard escaped.contains(where: { $0 == " " || $0 == "\"" || $0 == "\\" || $0 == "'" || $0 == "\t" }) else {
            return escaped
        }
        return "\"" + escaped.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            + "\""
    }

    private static func xml(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
