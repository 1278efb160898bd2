import Foundation

/// The command line: reads arguments and environment, runs one command, returns its exit code. `main.swift`
/// only calls this.
public enum CLI {
    public static let version = "0.1.0"

    public static func run(
        arguments: [String], environment: [String: String], console: Console = .standard,
        currentDirectory: String = FileManager.default.currentDirectoryPath, executablePath: String? = nil
    ) -> ExitCode {
        guard let first = arguments.first else {
            console.write(HelpText.main)
            return .usage
        }
        let command: Command
        let parsed: ParsedArguments
        do {
            command = try Command.named(first)
            parsed = try ArgumentParser(spec: command.spec).parse(Array(arguments.dropFirst()))
        } catch {
            console.errorLine("\(error)")
            return .usage
        }
        if parsed.wantsHelp {
            console.write(HelpText.text(for: command.spec))
            return .success
        }
        switch command {
        case .help: return HelpCommand.run(parsed, console: console)
        case .completions: return CompletionsCommand.run(parsed, console: console)
        case .version:
            console.line("usage-logger \(version)")
            return .success
        default: break
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
        case .run: return RunCommand.run(parsed, context: context)
        case .once: return OnceCommand.run(parsed, context: context)
        case .append: return AppendCommand.run(parsed, context: context)
        case .config: return ConfigCommand.run(parsed, context: context)
        case .doctor: return DoctorCommand.run(parsed, context: context)
        case .parse: return ParseCommand.run(parsed, context: context)
        case .probe: return ProbeCommand.run(parsed, context: context)
        case .statusline, .help, .completions, .version: return .success  // handled above
        }
    }
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
