import Foundation

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A command started through the library's own spawn path (`ChildProcess`), with standard output and error
/// collected through pipes and an optional standard input. Ended with its group and reaped when released.
final class SpawnedCommand {
    let child: ChildProcess
    private let output: PipeCollector
    private let errors: PipeCollector

    init(_ executable: String, _ arguments: [String], environment: [String: String], input: String? = nil) throws {
        let (inputReader, inputWriter) = try Self.pipe()
        let (outputReader, outputWriter) = try Self.pipe()
        let (errorReader, errorWriter) = try Self.pipe()
        defer { [inputReader, outputWriter, errorWriter].forEach { close($0) } }
        child = try ChildProcess.spawn(
            executable: executable, arguments: arguments, environment: environment,
            streams: .descriptors(input: inputReader, output: outputWriter, error: errorWriter))
        output = PipeCollector(outputReader)
        errors = PipeCollector(errorReader)
        if let input { try? SystemCall.writeAll(inputWriter, Array(input.utf8)) }
        close(inputWriter)
    }

    var pid: Int32 { child.pid }

    func signal(_ number: Int32) { kill(pid, number) }

    /// Waits (bounded) for the process to end: its exit status (or the signal that ended it), nil if it still runs.
    /// Once it has ended, what it wrote is read to the end too (bounded: a grandchild may hold the pipes).
    func waitForExit(milliseconds: Int = 5_000) -> Int32? {
        let termination = child.wait(milliseconds: milliseconds)
        if termination != nil { _ = waitForOutput(milliseconds: 2_000) }
        switch termination {
        case .exited(let status): return status
        case .signalled(let signal): return signal
        case nil: return nil
        }
    }

    var standardOutput: String { output.text }
    var standardError: String { errors.text }

    /// Waits until both output pipes are closed (the process and everything it started are done with them).
    func waitForOutput(milliseconds: Int) -> Bool {
        output.waitForEnd(milliseconds: milliseconds) && errors.waitForEnd(milliseconds: milliseconds)
    }

    private static func pipe() throws -> (Int32, Int32) {
        var ends: [Int32] = [-1, -1]
        try SystemCall.retrying("pipe") { Glibc.pipe(&ends) }
        for end in ends { try SystemCall.setCloseOnExec(end) }
        return (ends[0], ends[1])
    }
}

/// Reads one pipe to its end on a thread of its own, so a chatty child never blocks on a full pipe.
final class PipeCollector: @unchecked Sendable {
    private let lock = NSLock()
    private let ended = DispatchSemaphore(value: 0)
    private var bytes: [UInt8] = []

    init(_ descriptor: Int32) {
        Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while let count = try? SystemCall.readSome(descriptor, into: &buffer), count > 0 {
                lock.withLock { bytes += buffer[0..<count] }
            }
            close(descriptor)
            ended.signal()
        }.start()
    }

    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }

    func waitForEnd(milliseconds: Int) -> Bool {
        guard ended.wait(timeout: .now() + .milliseconds(milliseconds)) == .success else { return false }
        ended.signal()  // later callers see the end too
        return true
    }
}
