import Foundation

@testable import UsageLogger

/// The real Claude Code CLI, fetched once per machine by `../shared/tools/real-claude` (it caches the binary),
/// run in a sandbox HOME that is a fresh temporary directory: tests never touch the user's own claude.
enum RealClaude {
    /// The tool, beside this repository as CI lays it out; `REAL_CLAUDE_TOOL` overrides.
    static let tool =
        ProcessInfo.processInfo.environment["REAL_CLAUDE_TOOL"]
        ?? Fixtures.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/tools/real-claude").path

    /// The binary's path, or why there is none. Computed once for the whole test run.
    static let binary: Result<String, ToolError> = {
        guard FileManager.default.isExecutableFile(atPath: tool) || FileManager.default.fileExists(atPath: tool) else {
            return .failure(ToolError(message: "\(tool) not found"))
        }
        let result = shell(["bash", tool])
        guard result.status == 0, let path = result.output.split(separator: "\n").last.map(String.init), !path.isEmpty
        else {
            return .failure(
                ToolError(message: "real-claude failed (status \(result.status)): \(result.error.suffix(500))"))
        }
        return .success(path)
    }()

    /// Whether the real-Claude tests can run; when not, says why once, on the stderr of whoever runs the tests.
    static let isAvailable: Bool = {
        if case .failure(let error) = binary {
            SkipNotice.say("skipping real Claude Code tests: \(error.message)")
            return false
        }
        return true
    }()

    /// A prepared sandbox: HOME with onboarding done and `HOME/probe` trusted, and the environment to run in.
    struct Sandbox {
        let directory: TemporaryDirectory
        let environment: [String: String]
        var home: String { directory.path }
        var binary: String { environment["CLAUDE_BIN"] ?? "" }
    }

    /// Runs `body` in a fresh sandbox, removed afterwards; throws when the tool cannot prepare one.
    static func withSandbox<Result>(_ body: (Sandbox) throws -> Result) throws -> Result {
        try withTemporaryDirectory { directory in
            guard let sandbox = sandbox(in: directory) else {
                throw ToolError(message: "\(tool) --sandbox \(directory.path) failed")
            }
            return try body(sandbox)
        }
    }

    private static func sandbox(in directory: TemporaryDirectory) -> Sandbox? {
        let result = shell(["bash", tool, "--sandbox", directory.path])
        guard result.status == 0 else { return nil }
        var environment = [
            "PATH": "/usr/local/bin:/usr/bin:/bin", "TERM": "xterm-256color", "LANG": "C.UTF-8",
        ]
        for line in result.output.split(separator: "\n") where line.hasPrefix("export ") {
            let assignment = line.dropFirst("export ".count).split(separator: "=", maxSplits: 1)
            guard assignment.count == 2 else { continue }
            environment[String(assignment[0])] = String(assignment[1]).trimmingCharacters(
                in: CharacterSet(charactersIn: "'"))
        }
        environment["PET_CLAUDE_COMMAND"] = environment["CLAUDE_BIN"]
        environment["PET_PROBE_DIR"] = environment["PROBE_DIR"]
        environment["XDG_STATE_HOME"] = directory.path + "/.local/state"
        return Sandbox(directory: directory, environment: environment)
    }

    /// `../shared/tools/fake-anthropic-api` on a free loopback port for the duration of `body`, which gets the
    /// environment that makes the real CLI a signed-in subscriber of it (plan windows 42 % and 17 %). With
    /// `state`, the fake reads that JSON file on every request (`{"mode": "limit"}` refuses them with 429).
    static func withFakeAPI<Result>(state: String? = nil, _ body: ([String: String]) throws -> Result) throws
        -> Result
    {
        let tool = (Self.tool as NSString).deletingLastPathComponent + "/fake-anthropic-api"
        var port = Int.random(in: 20_000...40_000)
        while portAccepts(port) { port = Int.random(in: 20_000...40_000) }  // taken by another server
        let server = try SpawnedCommand(
            "/usr/bin/env", ["python3", tool, "--port", "\(port)"] + (state.map { ["--state", $0] } ?? []),
            environment: ProcessInfo.processInfo.environment)
        defer {
            server.signal(SIGTERM)
            _ = server.waitForExit(milliseconds: 2_000)
        }
        let deadline = ContinuousClock.now + .seconds(10)
        while !portAccepts(port), ContinuousClock.now < deadline {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(50))  // poll a bound port
        }
        guard portAccepts(port) else { throw ToolError(message: "fake-anthropic-api did not listen on \(port)") }
        return try body([
            "ANTHROPIC_BASE_URL": "http://127.0.0.1:\(port)",
            "CLAUDE_CODE_OAUTH_TOKEN": "sk-ant-oat01-usage-logger-test",
        ])
    }

    private static func portAccepts(_ port: Int) -> Bool {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    struct ToolError: Error { let message: String }

    /// Runs a command and collects its output (for the tool and `claude --version`).
    static func shell(_ arguments: [String], environment: [String: String]? = nil) -> (
        status: Int32, output: String, error: String
    ) {
        guard
            let command = try? SpawnedCommand(
                "/usr/bin/env", arguments, environment: environment ?? ProcessInfo.processInfo.environment)
        else {
            return (-1, "", "could not start \(arguments)")
        }
        _ = command.waitForOutput(milliseconds: 600_000)
        return (command.waitForExit(milliseconds: 600_000) ?? -1, command.standardOutput, command.standardError)
    }
}
