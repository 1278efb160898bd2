import Foundation

/// `usage-logger alert test|status`: fires a sample alert through `PET_ALERT_COMMAND`, or shows what the alerts
/// remember (each window's cycle and the thresholds already alerted in it).
enum AlertCommand {
    enum Action: String, CaseIterable { case test, status }

    static let action = CommandSpec.Argument(
        name: "action", values: Action.allCases.map(\.rawValue),
        help: "test: run PET_ALERT_COMMAND with a sample alert; status: what the alerts remember")

    static let spec = CommandSpec(
        name: "alert", abstract: "Fire a sample alert, or show what the alerts remember",
        arguments: [action],
        discussion: """
            With PET_ALERT_COMMAND set, the companion (after every turn) and `once` (after its probes) look at the
            records written since their last look, the statusline's and the hooks' included, and run the command
            once per alert: a window's used percentage rising to or past a threshold of PET_ALERT_THRESHOLDS
            (default 80,95,100; only the highest one crossed at once), the recent rate reaching 100 % before the
            window resets (from 50 % on), a request Claude Code refused for a plan limit, and a warning that
            appeared. Each crossing alerts once per reset cycle: a percentage that dips and comes back, or a window
            missing from a reading, alerts nothing new; a new cycle does. The command runs without a shell (its
            words as given, nothing of the alert in them) with the alert as one JSON object on stdin: event,
            summary, time, window, threshold, used_percent, resets_at, limit_at, account, host, diagnostic_type,
            severity, message. It has 10 s; a failure is said and recorded in alerts.jsonl, never fatal.

            test runs the command once with a sample (event "test") and says how it went. status shows the
            thresholds, the command and, per window, its reset and the thresholds already alerted.
            """,
        epilogue: """
            Examples:
              PET_ALERT_COMMAND='notify-send usage-logger' usage-logger alert test
              usage-logger alert status
            README.md "Alerts" has ready commands for notify-send, macOS, ntfy and Slack.
            """,
        exitCodes: [
            .init(.success, meaning: "sent (test), or shown (status)"),
            .init(.unavailable, meaning: "the command failed, timed out or could not start"),
            .init(.configuration, meaning: "PET_ALERT_COMMAND is not set (test), or a bad setting"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        guard let action = arguments.value(of: Self.action, as: Action.self) else { return .software }
        let configuration = context.configuration
        switch action {
        case .test:
            guard let command = configuration.alertCommand else {
                context.console.errorLine(
                    "PET_ALERT_COMMAND is not set: nothing to test; set it to a command that reads the alert's JSON on "
                        + "stdin, e.g. PET_ALERT_COMMAND='notify-send usage-logger' (README.md \"Alerts\")")
                return .configuration
            }
            var event = AlertEvent(kind: .test, time: Date().timeIntervalSince1970, window: "Current session")
            event.threshold = configuration.alertThresholds.first
            event.usedPercent = configuration.alertThresholds.first
            let runner = AlertRunner(
                command: command, environment: ClaudeCodeEnvironment.withoutSessionPlumbing(context.environment))
            let delivery = AlertWatch.Delivery(
                event: event, outcome: runner.run(event.json(host: ProcessInfo.processInfo.hostName)))
            context.console.say(delivery)
            return delivery.outcome.succeeded ? .success : .unavailable
        case .status:
            let directory = LogDirectory.choose(
                configuration: configuration, currentDirectory: context.currentDirectory)
            context.console.line(
                "command:    "
                    + (configuration.alertCommand.map { ShellWord.line($0) } ?? "(off: set PET_ALERT_COMMAND)"))
            context.console.line(
                "thresholds: "
                    + configuration.alertThresholds.map { ReportTimeFormat.number($0) + " %" }.joined(
                        separator: ", "))
            let state = AlertWatch.loadState(in: directory.path)
            context.console.line(
                "last look:  "
                    + (state.watermark.map { Timestamp.string(from: Date(timeIntervalSince1970: $0)) }
                        ?? "never"))
            for (name, window) in state.windows.sorted(by: { $0.key < $1.key }) {
                let reset = window.resetsAt.map { Timestamp.string(from: Date(timeIntervalSince1970: $0)) } ?? "?"
                let fired = window.fired.map { ReportTimeFormat.number($0) + " %" }.joined(separator: ", ")
                context.console.line(
                    "\(name): \(ReportTimeFormat.number(window.lastPercent)) % now, resets \(reset); alerted: "
                        + (fired.isEmpty ? "none" : fired) + (window.forecastFired ? ", forecast" : ""))
            }
            return .success
        }
    }
}
