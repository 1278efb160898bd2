import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The set-up side of `doctor`: whether Claude Code's user settings run usage-logger's statusline and hooks, and
/// whether the program they name exists and is this usage-logger. Not set up is a warning (cron and a service
/// work without it); a settings file Claude Code cannot read, or an entry naming a missing program (Claude Code's
/// status line goes blank), is a failure.
struct DoctorSetupChecks {
    typealias Check = DoctorCommand.Check
    let context: CommandContext

    func checks() -> [Check] {
        let file = ClaudeSettingsFile(configDirectory: context.configuration.claudeConfigDirectory)
        let settings: JSONValue
        do {
            settings = try file.read().value
        } catch {
            return [
                Check(
                    level: .failure, title: "Claude Code settings", detail: error.description,
                    fix: "fix \(file.path) (Claude Code ignores a file it cannot read), then `usage-logger setup all`")
            ]
        }
        return [statuslineCheck(settings, file: file.path), hooksCheck(settings, file: file.path)]
    }

    private func statuslineCheck(_ settings: JSONValue, file: String) -> Check {
        let title = "statusline"
        guard let command = settings["statusLine"]?["command"]?.stringValue else {
            return Check(
                level: .warning, title: title, detail: "not set in \(file)",
                fix: "`usage-logger setup statusline` (or `setup all`)")
        }
        guard let ours = SettingsCommand.recognise(command, ourExecutable: context.executablePath),
            ours.subcommand == SettingsCommand.statusline
        else {
            return Check(
                level: .warning, title: title, detail: "\(file) runs another command: \(command)",
                fix: "`usage-logger setup statusline --chain` keeps it and adds ours; `--replace` puts ours instead")
        }
        let chained = ours.chained.map { ", then \($0)" } ?? ""
        return programCheck(title, ours.executable, detail: "\(ours.executable) statusline\(chained)")
    }

    private func hooksCheck(_ settings: JSONValue, file: String) -> Check {
        let title = "hooks"
        var programs: [String] = []
        var missing: [String] = []
        for event in SettingsMerger.hookEvents {
            let commands = (settings["hooks"]?[event]?.arrayValue ?? []).flatMap { group in
                (group["hooks"]?.arrayValue ?? []).compactMap { $0["command"]?.stringValue }
            }
            let ours = commands.compactMap { SettingsCommand.recognise($0, ourExecutable: context.executablePath) }
                .first { $0.subcommand == SettingsCommand.hook }
            if let ours { programs.append(ours.executable) } else { missing.append(event) }
        }
        guard missing.isEmpty, let program = programs.first else {
            return Check(
                level: .warning, title: title,
                detail: "usage-logger's hook is not set for \(missing.joined(separator: ", ")) in \(file): limit "
                    + "hits and sessions are not recorded",
                fix: "`usage-logger setup hooks` (or `setup all`)")
        }
        if let other = programs.first(where: { $0 != program }) {
            return Check(
                level: .warning, title: title, detail: "the hooks run two programs: \(program) and \(other)",
                fix: "`usage-logger setup hooks` from the usage-logger you use")
        }
        return programCheck(
            title, program, detail: "\(program) hook on \(SettingsMerger.hookEvents.joined(separator: ", "))")
    }

    /// Whether `program` (as the settings name it) runs, and is this usage-logger.
    private func programCheck(_ title: String, _ program: String, detail: String) -> Check {
        let fix = "run `usage-logger setup all` with the usage-logger you use"
        guard let found = locate(program) else {
            return Check(
                level: .failure, title: title,
                detail: "runs \(program), which does not exist or cannot be run: Claude Code gets nothing from it",
                fix: fix)
        }
        if let running = context.executablePath.flatMap(InstalledExecutable.resolved),
            InstalledExecutable.resolved(found) != running
        {
            return Check(
                level: .warning, title: title, detail: "runs another usage-logger, \(found) (this one is \(running))",
                fix: fix)
        }
        return Check(level: .ok, title: title, detail: detail)
    }

    /// The executable file `program` names: a path (`~/` expanded, as the shell Claude Code uses would), or a
    /// name looked up on `PATH`.
    private func locate(_ program: String) -> String? {
        let expanded = Configuration.expandingTilde(program, home: context.configuration.home) ?? program
        let candidates =
            expanded.contains("/")
            ? [expanded]
            : (context.environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(expanded)" }
        return candidates.first { access($0, X_OK) == 0 && FileSystem.kind(of: $0) != .directory }
    }
}
