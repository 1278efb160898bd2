import Foundation

@testable import UsageLogger

/// A `usage-logger run` (or statusline) started from the built binary, with its output collected.
final class CompanionProcess {
    let process = Process()
    private let output = Pipe()
    private let errors = Pipe()

    init(_ arguments: [String], environment: [String: String], input: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = errors
        let stdin = Pipe()
        process.standardInput = stdin
        try TerminalRunner.withEmptySignalMask { try process.run() }
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
    }

    var pid: Int32 { process.processIdentifier }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits (bounded) for the process to end; its exit status, or nil if it is still running.
    func waitForExit(milliseconds: Int = 5_000) -> Int32? {
        let deadline = ContinuousClock.now + .milliseconds(milliseconds)
        while process.isRunning, ContinuousClock.now < deadline {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(10))
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    var standardError: String {
        String(decoding: errors.fileHandleForReading.availableData, as: UTF8.self)
    }

    deinit {
        if process.isRunning {
            kill(pid, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// Waits (bounded) until `condition` holds, checking every 20 ms; never a fixed sleep.
func waitUntil(milliseconds: Int = 10_000, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(milliseconds)
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(20))
    }
    return true
}

/// Lines of a log file parsed as JSON.
func logRecords(_ path: String) -> [JSONValue] {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    return data.split(separator: 0x0A).compactMap { try? JSONParser.parse([UInt8]($0)) }
}
