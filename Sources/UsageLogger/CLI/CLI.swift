import Foundation

/// The command line: reads arguments and environment, runs one command, returns its exit code. `main.swift`
/// only calls this.
public enum CLI {
    public static let version = "0.1.0"

    public static func run(
        arguments: [String], environment: [String: String], console: Console = .standard,
        currentDirectory: String = FileManager.default.currentDirectoryPath, executablePath: String? = nil
    ) -> ExitCode {
        var arguments = arguments
        guard let first = arguments.first else {
            console.write(HelpText.main)
            return .usage
        }
        switch first {
        case "-h", "--help":
            console.write(HelpText.main)
            return .success
        case "-V", "--version", "version":
            console.line("usage-logger \(version)")
            return .success
        case "help":
            return help(Array(arguments.dropFirst()), console: console)
        default:
            break
        }
        arguments.removeFirst()
        guard let command = Command(rawValue: first) else {
            let hint = Suggestion.closest(to: first, among: Command.allCases.map(\.rawValue) + ["help"])
            let kind = first.hasPrefix("-") ? "option" : "command"
            console.errorLine(
                "unknown \(kind) '\(first)'" + (hint.map { "; did you mean '\($0)'?" } ?? "")
                    + " Run 'usage-logger --help' for the commands.")
            return .usage
        }
        if arguments.contains("-h") || arguments.contains("--help") {
            console.write(HelpText.text(for: command))
            return .success
        }
        if command == .statusline {  // never fails: a bad setting still gets a line, just no recording
            // Inside one of our own probes the line is printed but nothing is recorded (see Prober.probeMarker).
            let insideProbe = environment[Prober.probeMarker] != nil
            return StatuslineCommand.run(
                configuration: insideProbe ? nil : try? Configuration(environment: environment),
                environment: environment, console: console,
                input: console.readStatuslineInput, currentDirectory: currentDirectory, executablePath: executablePath)
        }
        let configuration: Configuration
        do {
            configuration = try Configuration(environment: environment)
        } catch {
            console.errorLine(error.description)
            return .configuration
        }
        for warning in configuration.warnings { console.say(warning) }
        let context = CommandContext(
            configuration: configuration, environment: environment, console: console, currentDirectory: currentDirectory
        )
        switch command {
        case .run: return RunCommand.run(arguments, context: context)
        case .statusline: return .success  // handled above
        case .once: return OnceCommand.run(arguments, context: context)
        case .append: return AppendCommand.run(arguments, context: context)
        case .config: return ConfigCommand.run(arguments, context: context)
        case .doctor: return DoctorCommand.run(arguments, context: context)
        case .parse: return ParseCommand.run(arguments, context: context)
        case .probe: return ProbeCommand.run(arguments, context: context)
        }
    }

    private static func help(_ arguments: [String], console: Console) -> ExitCode {
        guard let name = arguments.first else {
            console.write(HelpText.main)
            return .success
        }
        guard let command = Command(rawValue: name) else {
            console.errorLine("no help for '\(name)': not a command. Run 'usage-logger --help' for the commands.")
            return .usage
        }
        console.write(HelpText.text(for: command))
        return .success
    }
}

/// The commands usage-logger has.
enum Command: String, CaseIterable {
    case run, statusline, once, append, config, doctor, parse, probe
}

/// What every command gets: the parsed configuration, the environment it was started with, and the console.
struct CommandContext {
    /// Replaced when the companion reloads its settings (SIGHUP); everything else stays.
    var configuration: Configuration
    let environment: [String: String]
    let console: Console
    /// One id per usage-logger process, for records when no Claude Code session is known: made once, so every
    /// context of the process (and a reloaded companion) shares it.
    var processSessionID: String { Self.processSessionID }
    private static let processSessionID = UUID().uuidString.lowercased()

    let currentDirectory: String
    /// The Claude Code session the statusline last reported, when known: records carry its id and cwd.
    var claudeSession: (id: String, cwd: String?)?

    /// What records made now carry: our session id, the working directory (`RecordSink` drops it when
    /// excluded), the debug and email options.
    func recordContext(at date: Date) -> RecordContext {
        RecordContext(
            timestamp: date, sessionID: claudeSession?.id ?? processSessionID,
            cwd: claudeSession?.cwd ?? currentDirectory,
            includeRaw: configuration.debug,
            anonymizeEmail: configuration.anonymizeEmail)
    }
}
