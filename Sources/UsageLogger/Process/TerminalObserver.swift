/// What the runner asks its observer after each read and on each tick.
public struct TerminalActivity {
    /// New output since the last call, empty on a tick.
    public var output: ArraySlice<UInt8>
    /// Milliseconds since the run started, and since output last arrived.
    public var elapsedMs: Int
    public var quietMs: Int
    /// Whether the command has exited.
    public var exited: Bool
}

/// What the observer wants the runner to do next.
public enum TerminalAction: Equatable, Sendable {
    /// Write these bytes to the command's terminal (keys, or answers to its queries).
    case send([UInt8])
    /// The screen is complete: end the command now.
    case finish
    /// Stop: the command is waiting for something we must not answer.
    case fail(String)
}

/// Watches a command's terminal output and decides when to type and when it is done. The runner knows
/// processes and terminals; an observer knows what the screen should show.
public protocol TerminalObserver: AnyObject {
    func observe(_ activity: TerminalActivity) -> [TerminalAction]
}
