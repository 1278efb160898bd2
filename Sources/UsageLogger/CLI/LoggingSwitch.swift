/// The logging switch and the log directory, shared by the commands that write.
enum LoggingSwitch {
    static let disabledMessage =
        "usage-logger: logging is off, nothing was recorded. Turn it on with PET_USAGE_LOGGING_ENABLED=true "
        + "(in the environment or in ~/.config/usage-logger/config.env)."

    /// The prepared log directory, or nil after saying why it cannot be used. A fallback is said once.
    static func prepareDirectory(_ context: CommandContext) -> LogDirectory? {
        let chosen = LogDirectory.choose(
            configuration: context.configuration, currentDirectory: context.currentDirectory)
        do {
            let directory = try chosen.prepare(configuration: context.configuration)
            if let reason = directory.fallbackFrom {
                let marker = directory.paths.fallbackNoted
                if FileSystem.kind(of: marker) == .missing {
                    context.console.errorLine(
                        "note: \(chosen.path) cannot be used (\(reason)); logging to \(directory.path) instead")
                    _ = try? AtomicFile.write(Array("\(chosen.path)\n".utf8), to: marker)
                }
            }
            return directory
        } catch {
            context.console.errorLine(error.description)
            return nil
        }
    }
}
