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

/// Runs the CLI in-process and returns its exit code and output. Unless given, HOME is a path that does not
/// exist and the current directory is a fresh temporary one, so nothing of the user's or the repository's is used.
func runCLI(
    _ arguments: [String], environment: [String: String] = [:], input: [UInt8] = [], currentDirectory: String? = nil
) -> (code: ExitCode, output: CapturingConsole) {
    let capture = CapturingConsole(input: input)
    var environment = environment
    environment["HOME"] = environment["HOME"] ?? "/nonexistent-usage-logger-test-home"
    let code = withTemporaryDirectory { scratch in
        CLI.run(
            arguments: arguments, environment: environment, console: capture.console,
            currentDirectory: currentDirectory ?? scratch.path)
    }
    return (code, capture)
}

/// The `usage-logger` binary that `swift build` / `swift test` built next to the test bundle.
enum Binary {
    static let path: String = {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [
            beside, beside.deletingLastPathComponent(), Fixtures.packageRoot.appendingPathComponent(".build/debug"),
        ] {
            let binary = candidate.appendingPathComponent("usage-logger").path
            if FileManager.default.isExecutableFile(atPath: binary) { return binary }
        }
        return Fixtures.packageRoot.appendingPathComponent(".build/debug/usage-logger").path
    }()

    /// Runs the binary through `/bin/sh -c` (for `ulimit`, `umask` and several at once) and collects its output.
    static func shell(_ script: String, environment: [String: String]) -> (status: Int32, output: String, error: String)
    {
        RealClaude.shell(["/bin/sh", "-c", script], environment: environment.merging(["UL": path]) { $1 })
    }
}
