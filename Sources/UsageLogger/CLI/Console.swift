import Foundation

/// Where a command reads and writes: the real standard streams, or buffers in tests.
public struct Console: Sendable {
    public var write: @Sendable (String) -> Void
    public var writeError: @Sendable (String) -> Void
    public var readInput: @Sendable () -> [UInt8]
    /// Standard input for the statusline: bounded in size and time, since Claude Code may not close it.
    public var readStatuslineInput: @Sendable () -> [UInt8]
    /// Whether standard error is a terminal: a person is watching, so long-running commands say what they do.
    public var errorIsTerminal = false
    /// Whether standard output is a terminal: only then may a report use colours.
    public var outputIsTerminal = false

    public init(
        write: @escaping @Sendable (String) -> Void, writeError: @escaping @Sendable (String) -> Void,
        readInput: @escaping @Sendable () -> [UInt8], readStatuslineInput: (@Sendable () -> [UInt8])? = nil
    ) {
        self.write = write
        self.writeError = writeError
        self.readInput = readInput
        self.readStatuslineInput = readStatuslineInput ?? readInput
    }

    /// The process's own standard input, output and error.
    public static let standard: Console = {
        var console = Console(
            write: { FileHandle.standardOutput.write(Data($0.utf8)) },
            writeError: { FileHandle.standardError.write(Data($0.utf8)) },
            readInput: { [UInt8](FileHandle.standardInput.readDataToEndOfFile()) },
            readStatuslineInput: { StatuslineInput.readJSON() })
        console.errorIsTerminal = isatty(2) == 1
        console.outputIsTerminal = isatty(1) == 1
        return console
    }()

    func line(_ text: String) { write(text + "\n") }
    func errorLine(_ text: String) { writeError("usage-logger: " + text + "\n") }
}
