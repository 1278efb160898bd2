import Foundation

/// The command line: reads arguments and environment, runs one command, returns its exit code. `main.swift`
/// only calls this.
public enum CLI {
    public static let version = "0.1.0"

    public static func run(
        arguments: [String], environment: [String: String], console: Console = .standard,
        currentDirectory: String = FileManager.default.currentDirectoryPath, executablePath: String? = nil,
        handlesSignals: Bool = false
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
            return first == Command.hook.rawValue ? .success : .usage  // a hook never fails Claude Code
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
            let configuration = try? Configuration(environment: environment)
            return StatuslineCommand.run(
                configuration: insideProbe ? nil : configuration,
                settingsProblem: !insideProbe && configuration == nil, environment: environment, console: console,
                input: console.readStatuslineInput, currentDirectory: currentDirectory, executablePath: executablePath,
                chain: parsed.value(of: StatuslineCommand.chainOption))
        }
        if command == .hook {  // never fails, never prints on stdout; records nothing inside our own probes
            let insideProbe = environment[Prober.probeMarker] != nil
            return HookCommand.run(
                configuration: insideProbe ? nil : try? Configuration(environment: environment), console: console,
                input: console.readStatuslineInput, currentDirectory: currentDirectory, isOwnProcess: handlesSignals)
        }
        let configuration: Configuration
        do {
            configuration = try Configuration(environment: environment)
        } catch {
            console.errorLine(error.description)
            return .configuration
        }
        for warning in configuration.warnings { console.say(warning) }
        var context = CommandContext(
            configuration: configuration, environment: environment, console: console, currentDirectory: currentDirectory
        )
        context.handlesSignals = handlesSignals
        context.executablePath = executablePath
        switch command {
        case .run: return RunCommand.run(parsed, context: context)
        case .once: return OnceCommand.run(parsed, context: context)
        case .append: return AppendCommand.run(parsed, context: context)
        case .import: return ImportCommand.run(parsed, context: context)
        case .config: return ConfigCommand.run(parsed, context: context)
        case .doctor: return DoctorCommand.run(parsed, context: context)
        case .parse: return ParseCommand.run(parsed, context: context)
        case .probe: return ProbeCommand.run(parsed, context: context)
        case .report: return ReportCommand.run(parsed, context: context)
        case .export: return ExportCommand.run(parsed, context: context)
        case .alert: return AlertCommand.run(parsed, context: context)
        case .metrics: return MetricsCommand.run(parsed, context: context)
        case .setup: return SetupCommand.run(parsed, context: context)
        case .statusline, .hook, .help, .completions, .version: return .success  // handled above
        }
    }
}

/// What every command gets: what collecting needs (configuration, environment, session) and the console, which
/// only the command layer uses.
struct CommandContext {
    var collector: CollectorContext
    let console: Console
    /// Whether this process is ours to stop: SIGINT, SIGTERM and SIGHUP end a running probe's whole process group
    /// and the command says so. False when the library runs inside another program (the test runner).
    var handlesSignals = false
    /// This program's own path (from `main`), for what must run it again: the companion, Claude Code's settings.
    var executablePath: String?

    init(configuration: Configuration, environment: [String: String], console: Console, currentDirectory: String) {
        collector = CollectorContext(
            configuration: configuration, environment: environment, currentDirectory: currentDirectory)
        self.console = console
    }

    var configuration: Configuration { collector.configuration }
    var environment: [String: String] { collector.environment }
    var currentDirectory: String { collector.currentDirectory }

    func recordContext(at date: Date) -> RecordContext { collector.recordContext(at: date) }

    /// For a command that runs probes: a cancellation that SIGINT, SIGTERM and SIGHUP trigger, when this process
    /// handles its signals.
    func stopSignals() -> Cancellation? {
        guard handlesSignals else { return nil }
        let cancellation = Cancellation()
        StopSignals.install(into: cancellation, hangUpReloads: false)
        return cancellation
    }
}
