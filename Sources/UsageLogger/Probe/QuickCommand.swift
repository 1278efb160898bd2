import Foundation

/// Runs a short non-interactive `claude` subcommand (`--version`, `auth status`) and returns its text, bounded in
/// time like a probe and leaving nothing behind.
struct QuickCommand {
    let configuration: Configuration
    let environment: [String: String]

    struct Result {
        let exitStatus: Int32?
        /// Output as a terminal shows it: colours and other escape codes gone.
        let text: String
    }

    /// Nil when the executable cannot be found or started; `problem` then says why.
    func run(_ arguments: [String], timeoutMs: Int = 10_000) -> (result: Result?, problem: String?) {
        let executable: String
        switch ExecutableResolver.resolve(
            configuration.claudeCommand, path: environment["PATH"], variable: Setting.claudeCommand.name)
        {
        case .success(let path): executable = path
        case .failure(let error): return (nil, error.description)
        }
        let directory = (try? ProbeDirectory(path: configuration.probeDirectory).prepare()) ?? "/"
        var childEnvironment = ClaudeCodeEnvironment.withoutSessionPlumbing(environment)
        childEnvironment["PWD"] = directory
        childEnvironment[Setting.otlpHeaders.name] = nil  // the collector's token: claude has no use for it
        do {
            let outcome = try TerminalRunner().run(
                executable: executable, arguments: arguments, workingDirectory: directory,
                environment: childEnvironment,
                limits: RunLimits(timeoutMs: timeoutMs, outputCap: 256 * 1024, graceMs: 1_000))
            // Rendered, because in a terminal claude colours its output (JSON included).
            let text = (VirtualScreen.frames(of: outcome.output).last ?? []).joined(separator: "\n")
            return (
                Result(exitStatus: outcome.timedOut ? nil : outcome.exitStatus, text: text),
                outcome.timedOut ? "timed out" : nil
            )
        } catch {
            return (nil, "cannot start \(executable): \(error)")
        }
    }
}
