import Foundation

/// `usage-logger config [--json]`: every setting, its value and where it came from, then the log directory and
/// why it was chosen. Changes nothing on disk.
enum ConfigCommand {
    static let jsonOption = CommandSpec.Option(name: "--json", help: "print the same as JSON, for scripts")

    static let spec = CommandSpec(
        name: "config", abstract: "Show every setting, its value and source, and the log directory",
        options: [jsonOption],
        discussion: """
            Prints every setting with its value and where it came from (environment, the config file
            ~/.config/usage-logger/config.env, or the default), then the log directory and why it was chosen.
            Environment wins over the file, the file over the default. --json prints the same for scripts.
            """,
        exitCodes: [.init(.success, meaning: "printed"), .init(.configuration, meaning: "bad setting")])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        let json = arguments.contains(jsonOption)
        let configuration = context.configuration
        let directory = LogDirectory.choose(configuration: configuration, currentDirectory: context.currentDirectory)
        let directoryProblem = directory.problem()
        if json {
            context.console.line(jsonReport(configuration, directory, directoryProblem).prettySerialized())
            return .success
        }
        let width = Setting.all.map(\.name.count).max() ?? 0
        for entry in configuration.entries {
            let name = entry.setting.name.padding(toLength: width, withPad: " ", startingAt: 0)
            let value =
                entry.value.isEmpty
                ? computedValue(of: entry.setting, configuration, directory, problem: directoryProblem)
                : shown(entry.value, of: entry.setting)
            context.console.line("\(name)  \(value)  [\(entry.source.rawValue)]")
        }
        let exists = FileSystem.kind(of: configuration.configFile) != .missing
        // The labels' values start in one column, measured from the longest label.
        let labels = ["Config file:", "Log directory:", "Probe directory:"]
        let column = (labels.map(\.count).max() ?? 0) + 1
        func label(_ text: String) -> String { text.padding(toLength: column, withPad: " ", startingAt: 0) }
        context.console.line("")
        context.console.line(label("Config file:") + "\(configuration.configFile)\(exists ? "" : " (none)")")
        context.console.line(label("Log directory:") + "\(directory.path) (\(directory.reason))")
        let others = directory.othersWithRecords(
            configuration: configuration, currentDirectory: context.currentDirectory)
        if !others.isEmpty {
            context.console.line(
                label("") + "records are also in \(others.joined(separator: ", ")): your history is split; run "
                    + "usage-logger from the same place every time, or set PET_LOG_DIR")
        }
        if let directoryProblem {
            context.console.line(
                label("")
                    + (directory.isExplicit
                        ? "cannot be used: \(directoryProblem)"
                        : "cannot be used (\(directoryProblem)); records go to "
                            + "\(LogDirectory.fallbackPath(configuration: configuration)) instead"))
        }
        context.console.line(label("Probe directory:") + configuration.probeDirectory)
        if !configuration.loggingEnabled { context.console.line("Logging is off: set PET_USAGE_LOGGING_ENABLED=true.") }
        return .success
    }

    private static func jsonReport(_ configuration: Configuration, _ directory: LogDirectory, _ problem: String?)
        -> JSONValue
    {
        .object([
            (
                "config_file",
                .object([
                    ("path", .string(configuration.configFile)),
                    ("exists", .bool(FileSystem.kind(of: configuration.configFile) != .missing)),
                ])
            ),
            (
                "settings",
                .array(
                    configuration.entries.map { entry in
                        .object([
                            ("name", .string(entry.setting.name)),
                            ("value", .string(shown(entry.value, of: entry.setting))),
                            (
                                "computed",
                                entry.value.isEmpty
                                    ? .string(
                                        computedValue(of: entry.setting, configuration, directory, problem: problem))
                                    : .null
                            ),
                            ("source", .string(entry.source.rawValue)),
                            ("default", .string(entry.setting.defaultValue)),
                            ("meaning", .string(entry.setting.meaning)),
                        ])
                    })
            ),
            (
                "log_directory",
                .object([
                    ("path", .string(directory.path)), ("reason", .string(directory.reason)),
                    ("explicit", .bool(directory.isExplicit)), ("problem", .from(problem)),
                    (
                        "fallback",
                        problem != nil && !directory.isExplicit
                            ? .string(LogDirectory.fallbackPath(configuration: configuration)) : .null
                    ),
                ])
            ),
            ("probe_directory", .string(configuration.probeDirectory)),
        ])
    }

    /// A value as `config` may show it: a secret's (the OTLP headers) only as set.
    private static func shown(_ value: String, of setting: Setting) -> String {
        setting.isSecret && !value.isEmpty ? "(set, hidden)" : value
    }

    /// What a setting left unset (its default is computed) comes to: the value in use, as `config` shows it.
    private static func computedValue(
        of setting: Setting, _ configuration: Configuration, _ directory: LogDirectory, problem: String?
    ) -> String {
        // Where records go: the fallback when an auto-detected directory cannot be used.
        let logDirectory =
            problem != nil && !directory.isExplicit
            ? LogDirectory.fallbackPath(configuration: configuration) : directory.path
        return switch setting {
        case .logDirectory: logDirectory
        case .databasePath: logDirectory + "/usage.db"
        case .idleExit: "never"
        case .statusCommand: shellWords(configuration.statusCommand)
        case .usageCommand: shellWords(configuration.usageCommand)
        case .probeDirectory: configuration.probeDirectory
        case .alertCommand: "(off)"
        case .metricsTextfile: configuration.metricsTextfile ?? "(off)"
        case .otlpEndpoint: "(off)"
        case .otlpHeaders: "(none)"
        default: "(computed)"
        }
    }

    /// A command line as one would type it: words with spaces, quotes or other special characters single-quoted.
    private static func shellWords(_ words: [String]) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        return words.map { word in
            !word.isEmpty && word.allSatisfy(plain.contains)
                ? word : "'" + word.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
        }.joined(separator: " ")
    }
}
