import Foundation

/// `usage-logger setup statusline|hooks|all|cron|service`: wires usage-logger into Claude Code's user settings
/// (merged, backed up, idempotent), prints the crontab line, or writes a service definition; `--undo` restores
/// the settings' last backup and `--enable-logging` turns logging on in the config file.
enum SetupCommand {
    enum Target: String, CaseIterable { case statusline, hooks, all, cron, service }

    static let target = CommandSpec.Argument(
        name: "target", values: Target.allCases.map(\.rawValue), isOptional: true,
        help: "statusline, hooks or all (Claude Code's settings), cron or service (the companion without it)")
    static let replace = CommandSpec.Option(
        name: "--replace", help: "put usage-logger's statusLine in place of another command")
    static let chain = CommandSpec.Option(
        name: "--chain", help: "keep another statusLine command and show its line after usage-logger's")
    static let dryRun = CommandSpec.Option(name: "--dry-run", help: "show what would change; write nothing")
    static let undo = CommandSpec.Option(
        name: "--undo", help: "restore Claude Code's settings from the last backup setup made")
    static let enableLogging = CommandSpec.Option(
        name: "--enable-logging", help: "turn logging on in the config file (PET_USAGE_LOGGING_ENABLED=true)")
    static let printOption = CommandSpec.Option(
        name: "--print", help: "service: print the unit (or launchd agent) instead of writing it")

    static let spec = CommandSpec(
        name: "setup", abstract: "Wire usage-logger into Claude Code (statusLine, hooks), cron or a service",
        arguments: [target], options: [replace, chain, dryRun, undo, enableLogging, printOption],
        discussion: """
            statusline, hooks and all merge usage-logger's entries into Claude Code's user settings,
            ${CLAUDE_CONFIG_DIR:-~/.claude}/settings.json: the statusLine runs `usage-logger statusline`, and the
            SessionStart, StopFailure and SessionEnd hooks run `usage-logger hook`, each by the full path of this
            program. Every other key and every other hook is kept, in its order; the file is written indented by two
            spaces as Claude Code writes it, through a temporary file and a rename (0600; the directory 0700 when it
            is new). Before a change the previous file is kept beside it as
            settings.json.usage-logger-backup-TIME (0600). Running setup again changes nothing and makes no backup;
            an entry from an earlier set-up with another path is updated in place.

            A settings file that is not valid JSON (Claude Code accepts no comments either) is refused and left
            untouched, with the line and column of the problem. When settings.json is a symbolic link (settings kept
            in a dotfiles repository), the file it names is updated and the link kept; a link to a file that is not
            yours, or a file with several names (a hard link), is refused.

            When another statusLine command is set, setup says so and changes nothing: --replace puts
            usage-logger's in its place; --chain keeps it, as `usage-logger statusline --chain 'OTHER'`, which runs
            it with the same input and shows its first line after usage-logger's.

            --dry-run prints the change as a unified diff and writes nothing. --undo restores the newest backup and
            removes it (a second --undo goes one change further back); the file it replaces is kept as
            settings.json.usage-logger-undone-TIME. --enable-logging sets PET_USAGE_LOGGING_ENABLED=true in
            ~/.config/usage-logger/config.env (0600, other lines kept); without it, setup says when nothing will be
            recorded.

            cron prints the crontab line (`once --due` every minute, by this program's full path) and how to add
            it. service writes a systemd user unit, ~/.config/systemd/user/usage-logger.service (on macOS a
            launchd agent in ~/Library/LaunchAgents), that runs `usage-logger run` with Restart=on-failure, and
            says the command that starts it; --print shows it instead.
            """,
        epilogue: """
            Examples:
              usage-logger setup all --enable-logging
              usage-logger setup statusline --chain
              usage-logger setup all --dry-run
              usage-logger setup --undo
              usage-logger setup service --print
            """,
        exitCodes: [
            .init(.success, meaning: "set up, or nothing to change"),
            .init(.failure, meaning: "another statusLine is set (nothing changed; use --replace or --chain)"),
            .init(.usage, meaning: "bad command line"),
            .init(.dataError, meaning: "settings.json is not valid JSON, or a key has the wrong shape (untouched)"),
            .init(.noInput, meaning: "--undo: no backup to restore"),
            .init(.software, meaning: "this program's own path is unknown"),
            .init(.cannotCreate, meaning: "a file setup must not write (a link to another's file, a hard link)"),
            .init(.ioError, meaning: "a file cannot be read or written"),
            .init(.configuration, meaning: "bad setting"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let chosen = arguments.value(of: target, as: Target.self)
        if let problem = commandLineProblem(arguments, chosen) {
            context.console.errorLine(problem + "; see `usage-logger setup --help`")
            return .usage
        }
        let dry = arguments.contains(dryRun)
        do {
            if arguments.contains(undo) {
                try undoLastChange(context, dryRun: dry)
            } else if let chosen {
                let executable = try ourExecutable(context)
                switch chosen {
                case .statusline, .hooks, .all:
                    try mergeSettings(chosen, executable: executable, arguments: arguments, context: context)
                case .cron: printCron(executable: executable, context: context)
                case .service:
                    try installService(
                        executable: executable, printOnly: arguments.contains(printOption) || dry, context: context)
                }
            }
            if chosen == .all || chosen == .statusline, context.environment["CLAUDE_CODE_OAUTH_TOKEN"] != nil,
                context.configuration.usageSource != .statusline
            {
                // Claude Code does not pass this variable to its statusline, so the companion it starts probes
                // signed out (issue 17): say so now, not after an hour of empty screens.
                context.console.line(
                    "Note: you are signed in through CLAUDE_CODE_OAUTH_TOKEN, which Claude Code does not pass to its "
                        + "statusline: the companion it starts would run claude signed out. Either sign in with "
                        + "`claude auth login`, or take usage from the statusline alone: add "
                        + "PET_USAGE_SOURCE=statusline to \(context.configuration.configFile).")
            }
            if arguments.contains(enableLogging) {
                try turnLoggingOn(context, dryRun: dry)
            } else if !context.configuration.loggingEnabled, chosen != nil {
                context.console.line(
                    "Note: logging is off, so nothing will be recorded until you turn it on: run `usage-logger setup "
                        + "--enable-logging` (or set PET_USAGE_LOGGING_ENABLED=true in "
                        + "\(context.configuration.configFile)).")
            }
        } catch {
            context.console.errorLine(error.description)
            return exitCode(for: error)
        }
        return .success
    }

    /// What the words cannot mean together, or nil.
    private static func commandLineProblem(_ arguments: ParsedArguments, _ chosen: Target?) -> String? {
        let settings = chosen == .statusline || chosen == .all
        if arguments.contains(replace), arguments.contains(chain) { return "--replace and --chain exclude each other" }
        if arguments.contains(replace) || arguments.contains(chain), !settings {
            return "--replace and --chain are for setup statusline or setup all"
        }
        if arguments.contains(undo), chosen != nil { return "--undo takes no target: it restores the last backup" }
        if arguments.contains(printOption), chosen != .service { return "--print is for setup service" }
        if chosen == nil, !arguments.contains(undo), !arguments.contains(enableLogging) {
            return "say what to set up: statusline, hooks, all, cron or service (or --undo, --enable-logging)"
        }
        return nil
    }

    private static func exitCode(for error: SetupError) -> ExitCode {
        switch error {
        case .otherStatusline, .nothingToChain: .failure
        case .invalidSettings, .unexpectedShape: .dataError
        case .noBackup: .noInput
        case .unknownExecutable: .software
        case .refusedFile: .cannotCreate
        case .io: .ioError
        }
    }

    /// This program's path as the settings should name it.
    private static func ourExecutable(_ context: CommandContext) throws(SetupError) -> String {
        guard let running = context.executablePath, running.hasPrefix("/") else { throw .unknownExecutable }
        return InstalledExecutable.path(running: running, searchPath: context.environment["PATH"])
    }

    private static func mergeSettings(
        _ chosen: Target, executable: String, arguments: ParsedArguments, context: CommandContext
    ) throws(SetupError) {
        let file = ClaudeSettingsFile(configDirectory: context.configuration.claudeConfigDirectory)
        let current = try file.read()
        var merger = SettingsMerger(path: file.path, executable: executable)
        if arguments.contains(replace) { merger.otherStatusline = .replace }
        if arguments.contains(chain) { merger.otherStatusline = .chain }
        let outcome = try merger.merging(
            statusline: chosen != .hooks, hooks: chosen != .statusline, into: current.value)
        let console = context.console
        let what = chosen == .all ? "statusLine and hooks" : chosen == .hooks ? "hooks" : "statusLine"
        guard outcome.settings != current.value else {
            console.line("\(file.path) already has usage-logger's \(what): nothing to change.")
            return
        }
        let newText = ClaudeSettingsFile.text(of: outcome.settings)
        let linked = current.target != file.path ? " (a link to \(current.target))" : ""
        if arguments.contains(dryRun) {
            let before = current.bytes.map { _ in
                String(decoding: ClaudeSettingsFile.text(of: current.value), as: UTF8.self)
            }
            console.line("Would change \(file.path)\(linked) (dry run: nothing written):")
            console.write(
                TextDiff.unified(
                    from: before ?? "", to: String(decoding: newText, as: UTF8.self),
                    oldName: current.bytes == nil ? "/dev/null" : file.path + " (now)",
                    newName: file.path + " (after setup)"))
            if let bytes = current.bytes, bytes != ClaudeSettingsFile.text(of: current.value) {
                console.line("(The whole file would also be re-indented by two spaces, as Claude Code writes it.)")
            }
            return
        }
        try file.prepareDirectory()
        let backup = try SettingsBackup.save(current.bytes, besides: file.path, at: Date())
        do {
            try file.write(newText, to: current.target)
        } catch {
            SystemCall.removeQuietly(backup)  // nothing changed, so nothing to undo
            throw error
        }
        console.line("Updated \(file.path)\(linked):")
        for change in outcome.changes { console.line("  " + change) }
        console.line(
            "The previous \(current.bytes == nil ? "state (no file)" : "file") is kept as \(backup); "
                + "`usage-logger setup --undo` restores it.")
        if chosen != .hooks {
            console.line("Claude Code shows the new status line from its next render (or restart it).")
        }
    }
}
