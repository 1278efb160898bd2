import Foundation

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The loopback OTLP/HTTP receiver (`OTLPReceiver.py`), which validates every payload with the official OTLP
/// protobuf definitions (the `opentelemetry-proto` Python package), run for one test and stopped with it.
///
/// The package is looked for in `OTLP_PROTO_PATH`, else `~/.cache/usage-logger-tests/otlp-proto` (where `.ci/run`
/// installs it: `python3 -m pip install --target ~/.cache/usage-logger-tests/otlp-proto opentelemetry-proto`).
final class OTLPReceiver {
    let port: Int
    let record: String
    private let command: SpawnedCommand
    private var stopped = false

    /// Where the package is, when python3 can import it from there; nil otherwise.
    static let packagePath: String? = {
        let environment = ProcessInfo.processInfo.environment
        let path =
            environment["OTLP_PROTO_PATH"]
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache/usage-logger-tests/otlp-proto"
        guard FileManager.default.fileExists(atPath: path),
            let check = try? SpawnedCommand(
                "/usr/bin/env",
                ["python3", "-c", "import opentelemetry.proto.collector.logs.v1.logs_service_pb2, google.protobuf"],
                environment: ["PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": path]),
            check.waitForExit(milliseconds: 20_000) == 0
        else { return nil }
        return path
    }()

    /// Says why the receiver tests are skipped; false, so they stay disabled.
    static func sayUnavailable() -> Bool {
        SkipNotice.say(
            "OpenTelemetry push: the opentelemetry-proto Python package was not found, the loopback receiver tests "
                + "are skipped (python3 -m pip install --target ~/.cache/usage-logger-tests/otlp-proto "
                + "opentelemetry-proto, or set OTLP_PROTO_PATH)")
        return false
    }

    static var isAvailable: Bool { packagePath != nil }

    /// Starts the receiver in `directory` and waits (bounded) until it listens.
    /// - `port`: 0 for a free one; `token`: the bearer token it requires (401 without it); `fail` requests
    ///   answered with `status` first; `delay` seconds before each answer.
    init(
        in directory: TemporaryDirectory, name: String = "receiver", port: Int = 0, token: String? = nil,
        fail: Int = 0, status: Int = 500, delay: Double = 0
    ) throws {
        let ready = directory.path + "/\(name).ready"
        record = directory.path + "/\(name).jsonl"
        let script = Fixtures.packageRoot.appendingPathComponent("Tests/UsageLoggerTests/Support/OTLPReceiver.py").path
        var arguments = [
            "python3", script, "--ready", ready, "--record", record, "--port", String(port), "--fail", String(fail),
            "--status", String(status), "--delay", String(delay),
        ]
        if let token { arguments += ["--token", token] }
        command = try SpawnedCommand(
            "/usr/bin/env", arguments,
            environment: ["PATH": "/usr/bin:/bin:/usr/local/bin", "PYTHONPATH": Self.packagePath ?? ""])
        var waited = 0
        while !FileManager.default.fileExists(atPath: ready), waited < 20_000 {
            usleep(10_000)  // a bounded wait for the ready file, not a sleep to synchronise
            waited += 10
        }
        guard let text = try? String(contentsOfFile: ready, encoding: .utf8), let port = Int(text) else {
            command.signal(SIGKILL)
            _ = command.waitForExit()
            throw Failure(description: "the OTLP receiver did not start: \(command.standardError)")
        }
        self.port = port
    }

    deinit { stop() }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in order.
    func requests() -> [JSONValue] {
        guard let text = try? String(contentsOfFile: record, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
    }

    func stop() {
        guard !stopped else { return }
        stopped = true
        command.signal(SIGTERM)
        _ = command.waitForExit()
    }

    /// A loopback port nothing listens on now: a collector that is down.
    static func closedPort() -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(socket, pointer, length) == 0 ? getsockname(socket, pointer, &length) : -1
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
