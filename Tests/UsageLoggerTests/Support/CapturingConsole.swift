import Foundation
import UsageLogger

/// A console whose output is kept for assertions.
final class CapturingConsole: @unchecked Sendable {
    private let lock = NSLock()
    private var out = ""
    private var err = ""
    let input: [UInt8]

    init(input: [UInt8] = []) { self.input = input }

    var standardOutput: String { lock.withLock { out } }
    var standardError: String { lock.withLock { err } }

    var console: Console {
        Console(
            write: { text in self.lock.withLock { self.out += text } },
            writeError: { text in self.lock.withLock { self.err += text } },
            readInput: { self.input })
    }

    /// Standard output parsed as one JSON object.
    var json: [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(standardOutput.utf8))) as? [String: Any]
    }
}

/// Runs the CLI in-process and returns its exit code and output.
func runCLI(_ arguments: [String], environment: [String: String] = [:], input: [UInt8] = []) -> (
    code: ExitCode, output: CapturingConsole
) {
    let capture = CapturingConsole(input: input)
    var environment = environment
    environment["HOME"] = environment["HOME"] ?? "/nonexistent-usage-logger-test-home"
    let code = CLI.run(arguments: arguments, environment: environment, console: capture.console)
    return (code, capture)
}
