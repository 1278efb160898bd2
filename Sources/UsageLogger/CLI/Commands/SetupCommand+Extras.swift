import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `setup --undo`, `--enable-logging`, `setup cron` and `setup service`.
extension SetupCommand {
    /// Restores the newest backup of Claude Code's settings and removes it; the file it replaces is kept.
    static func undoLastChange(_ context: CommandContext, dryRun: Bool) throws(SetupError) {
        let file = ClaudeSettingsFile(configDirectory: context.configuration.claudeConfigDirectory)
        guard let backup = SettingsBackup.all(besides: file.path).last else { throw .noBackup(path: file.path) }
        let absent = SettingsBackup.isAbsent(backup)
        let restored: [UInt8]
        switch (try? BoundedFile.read(backup, maximumBytes: ClaudeSettingsFile.maximumBytes)) ?? .missing {
        case .bytes(let bytes): restored = bytes
        default: throw .io("cannot read the backup \(backup)")
        }
        let describe = absent ? "removing it (there was none before setup)" : "from \(backup)"
        if dryRun {
            context.console.line("Would restore \(file.path) \(describe) (dry run: nothing written).")
            return
        }
        let (bytes, target) = try file.rawContents()
        let kept = try bytes.map { current throws(SetupError) in
            try SettingsBackup.save(current, besides: file.path, marker: SettingsBackup.undoneMarker, at: Date())
        }
        if absent {
            if bytes != nil, unlink(file.path) != 0 {
                throw .io(SystemCallError("remove", path: file.path).description)
            }
        } else {
            try file.write(restored, to: target)
        }
        SystemCall.removeQuietly(backup)
        context.console.line(
            "Restored \(file.path) \(describe)." + (kept.map { " The replaced file is kept as \($0)." } ?? ""))
    }

    /// Sets `PET_USAGE_LOGGING_ENABLED=true` in the config file, keeping its other lines.
    static func turnLoggingOn(_ context: CommandContext, dryRun: Bool) throws(SetupError) {
        let path = context.configuration.configFile
        let name = Setting.loggingEnabled.name
        let existing: [UInt8]
        switch (try? BoundedFile.read(path, maximumBytes: ConfigurationFile.maximumBytes)) ?? .notRegular {
        case .missing: existing = []
        case .bytes(let bytes): existing = bytes
        default: throw .refusedFile(path: path, reason: "it is not a small regular file")
        }
        let text = String(decoding: existing, as: UTF8.self)
        let updated = ConfigurationFileEdit.setting(name, to: "true", in: text)
        let source = context.configuration.entries.first { $0.setting == .loggingEnabled }?.source
        if updated == text {
            context.console.line("Logging is already on in \(path).")
        } else if dryRun {
            context.console.line("Would set \(name)=true in \(path) (dry run: nothing written).")
        } else {
            let directory = (path as NSString).deletingLastPathComponent
            do {
                if FileSystem.kind(of: directory) == .missing { try FileSystem.createDirectory(directory, mode: 0o700) }
                try AtomicFile.write(Array(updated.utf8), to: path)
            } catch let error as RefusedFile {
                throw .refusedFile(path: error.path, reason: error.reason)
            } catch {
                throw .io("cannot write \(path): \(error)")
            }
            context.console.line("Logging is on: \(name)=true in \(path).")
        }
        if source == .environment, !context.configuration.loggingEnabled {
            context.console.line(
                "Note: \(name)=\(context.environment[name] ?? "") in your environment wins over the file; unset it.")
        }
    }

    /// The crontab line, how to add it, and what cron's short `PATH` needs.
    static func printCron(executable: String, context: CommandContext) {
        // cron runs the line with /bin/sh and ends the command at an unescaped `%`.
        let line =
            "* * * * * " + ShellWord.quoted(executable).replacingOccurrences(of: "%", with: #"\%"#)
            + " once --due"
        let console = context.console
        console.line("A /usage record every minute and a /status record every hour (by the intervals), from cron:")
        console.line("")
        console.line(line)
        console.line("")
        console.line("Add it with `crontab -e`, or in one step:")
        console.line("  (crontab -l 2>/dev/null; echo \(ShellWord.quoted(line))) | crontab -")
        let configuration = context.configuration
        if case .success(let claude) = ExecutableResolver.resolve(
            configuration.claudeCommand, path: context.environment["PATH"], variable: Setting.claudeCommand.name),
            !configuration.claudeCommand.hasPrefix("/")
        {
            console.line(
                "Cron's PATH is short: name claude by its full path in \(configuration.configFile): "
                    + "\(Setting.claudeCommand.name)=\(claude)")
        }
    }

    /// Writes (or with `printOnly` prints) the systemd user unit or launchd agent that runs the companion.
    static func installService(executable: String, printOnly: Bool, context: CommandContext) throws(SetupError) {
        let environment = context.environment
        let home = context.configuration.home
        let configHome = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? home + "/.config"
        let service = ServiceDefinition.forThisSystem(
            executable: executable, home: home, configHome: configHome, searchPath: environment["PATH"])
        let console = context.console
        if printOnly {
            console.line("# \(service.path)")
            console.write(service.text)
            return
        }
        let unchanged =
            (try? BoundedFile.read(service.path, maximumBytes: 64 * 1024)) == .bytes(Array(service.text.utf8))
        if unchanged {
            console.line("\(service.path) is already up to date.")
        } else {
            let directory = (service.path as NSString).deletingLastPathComponent
            do {
                if FileSystem.kind(of: directory) == .missing { try FileSystem.createDirectory(directory, mode: 0o700) }
                try AtomicFile.write(Array(service.text.utf8), to: service.path)
            } catch let error as RefusedFile {
                throw .refusedFile(path: error.path, reason: error.reason)
            } catch {
                throw .io("cannot write \(service.path): \(error)")
            }
            console.line("Wrote \(service.path).")
        }
        console.line("Start it now and at every login with:")
        console.line("  " + service.nextCommand)
        console.line(
            "It runs `usage-logger run` without an idle exit; the statusline's companion is then not needed.")
    }
}
