/// The two screens usage-logger reads.
public enum ProbeKind: String, Sendable, CaseIterable {
    case status, usage

    /// The slash command that opens the screen.
    public var slashCommand: String { "/" + rawValue }
}
