import Foundation

/// One probe: what ran, how it ended and what its screen showed.
public struct ProbeResult: Sendable {
    public let kind: ProbeKind
    public let command: [String]
    public let capturedAt: Date
    /// Nil when the command could not be started.
    public let outcome: RunOutcome?
    public let startError: ProbeError?

    /// The frames the probe had seen when it pressed Esc (empty when it never did).
    public var framesBeforeEsc: [[String]] = []

    /// Rendered frames of the captured output, in the order the parsers want them (see `frames(of:beforeEsc:)`).
    public var frames: [[String]] {
        outcome.map { Self.frames(of: $0.output, beforeEsc: framesBeforeEsc) } ?? []
    }

    /// Every frame of `output`, then the frames seen before our Esc. The parsers keep the frame that holds the
    /// most and, of equal ones, the later: so a dialog as it stood before Esc wins over a redraw after it, which
    /// can be half erased (2.1.139 to 2.1.235) or overwritten without an erase (`/usage is only available for
    /// subscription plans.` replaced by `Status dialog dismissed` in 2.1.19 to 2.1.97, leaving no snapshot).
    public static func frames(of output: [UInt8], beforeEsc: [[String]]) -> [[String]] {
        VirtualScreen.frames(of: output) + beforeEsc
    }

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
            // The screen usually says why (`Unable to connect to Anthropic services`); the status alone does not.
            let reason = ExitReason.text(in: frames).map { ": \($0)" } ?? ""
            return "\(commandName) exited with status \(status)\(reason)"
        }
        return nil
    }
}
