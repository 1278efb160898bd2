import Foundation

/// One probe: what ran, how it ended and what its screen showed.
public struct ProbeResult: Sendable {
    public let kind: ProbeKind
    public let command: [String]
    public let capturedAt: Date
    /// Nil when the command could not be started.
    public let outcome: RunOutcome?
    public let startError: ProbeError?

    /// Rendered frames of the captured output.
    public var frames: [[String]] { outcome.map { VirtualScreen.frames(of: $0.output) } ?? [] }

    /// Why the run failed, in words a person can act on; nil when it succeeded.
    public var failure: String? {
        if let startError { return startError.description }
        guard let outcome else { return "the command did not run" }
        if let reason = outcome.stoppedBecause { return reason }
        let commandName = command.first.map { ($0 as NSString).lastPathComponent } ?? "claude"
        if outcome.timedOut {
            return
                "\(commandName) \(kind.slashCommand) did not show a complete screen within \(outcome.durationMs) ms; "
                + "raise PET_COMMAND_TIMEOUT if claude is slow to start here"
        }
        if let signal = outcome.signal, !outcome.closedByUs { return "\(commandName) was ended by signal \(signal)" }
        if let status = outcome.exitStatus, status != 0, !outcome.closedByUs {
            return "\(commandName) exited with status \(status)"
        }
        return nil
    }
}
