import Foundation

/// Runs `claude /status` or `claude /usage` once, safely: in the dedicated probe directory, inside a
/// pseudo-terminal, within the configured time, and cleans up the transcript the session leaves behind.
public struct Prober: Sendable {
    public let configuration: Configuration
    /// The environment `claude` inherits (with `TERM` set); also gives `PATH` to find it.
    public let environment: [String: String]
    public var runner = TerminalRunner()
    public var graceMs = 2_000
    /// Ends a running probe early when cancelled.
    public var cancellation: Cancellation?

    /// Set in the environment of every probed `claude`, and so of the statusline it runs (see `ProbeMarker`).
    public static let probeMarker = ProbeMarker.variable

    public init(configuration: Configuration, environment: [String: String]) {
        self.configuration = configuration
        self.environment = environment
    }

    public func run(_ kind: ProbeKind) -> ProbeResult {
        let command = configuration.command(for: kind)
        let capturedAt = Date()
        let variable = configuration.commandVariable(for: kind)
        let executable: String
        switch ExecutableResolver.resolve(command.first ?? "", path: environment["PATH"], variable: variable) {
        case .success(let path): executable = path
        case .failure(let error):
            return ProbeResult(kind: kind, command: command, capturedAt: capturedAt, outcome: nil, startError: error)
        }
        let directory: String
        do {
            directory = try ProbeDirectory(path: configuration.probeDirectory).prepare()
        } catch let error as ProbeDirectory.NotOurs {
            return ProbeResult(
                kind: kind, command: command, capturedAt: capturedAt, outcome: nil,
                startError: .probeDirectory(error.description))
        } catch {
            let message = "cannot prepare the probe directory \(configuration.probeDirectory) (PET_PROBE_DIR): \(error)"
            return ProbeResult(
                kind: kind, command: command, capturedAt: capturedAt, outcome: nil, startError: .probeDirectory(message)
            )
        }
        // Only our own directory gets this far, so the trust prompt may be answered here.
        let driver = ProbeDriver(kind: kind, workingDirectory: directory, mayAcceptTrustPrompt: true)
        let limits = RunLimits(timeoutMs: configuration.commandTimeoutMs, graceMs: graceMs)
        let leftovers = ProbeLeftovers(
            claudeConfigDirectory: configuration.claudeConfigDirectory, probeDirectory: directory)
        let marker = ProbeMarker()
        var childPID: Int32?
        defer {
            marker.endSurvivorsAndOrphans()
            leftovers.remove(childPID: childPID)
        }
        do {
            let outcome = try runner.run(
                executable: executable, arguments: Array(command.dropFirst()), workingDirectory: directory,
                environment: childEnvironment(marker, directory: directory), limits: limits, observer: driver,
                cancellation: cancellation)
            childPID = outcome.processID
            return ProbeResult(
                kind: kind, command: command, capturedAt: capturedAt, outcome: outcome, startError: nil,
                framesBeforeEsc: driver.framesBeforeEsc)
        } catch {
            let failure = ProbeError.launchFailed("cannot start \(executable): \(error)")
            return ProbeResult(kind: kind, command: command, capturedAt: capturedAt, outcome: nil, startError: failure)
        }
    }

    /// Our environment without Claude Code's session plumbing (the statusline that starts the companion runs inside
    /// Claude Code), with `TERM` set for a 256-colour terminal and our probe marker.
    private func childEnvironment(_ marker: ProbeMarker, directory: String) -> [String: String] {
        var child = ClaudeCodeEnvironment.withoutSessionPlumbing(environment)
        child["PWD"] = directory  // where it runs, not the user's project the statusline was started in
        child[Setting.otlpHeaders.name] = nil  // the collector's token: claude has no use for it
        child["TERM"] = "xterm-256color"
        // Claude Code runs the user's statusLine command in the probe too; this tells it not to record the
        // probe's throwaway session as the user's, nor to keep the companion from going idle.
        child[ProbeMarker.variable] = marker.value
        // Keeps the probe's `/status` or `/usage` out of the user's prompt history (`~/.claude/history.jsonl`).
        child["CLAUDE_CODE_SKIP_PROMPT_HISTORY"] = "1"
        return child
    }
}
