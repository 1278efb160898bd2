#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs `PET_ALERT_COMMAND` for one event: its words as argv (no shell, nothing of the event in them), the event's
/// JSON on stdin, in its own process group, for at most `timeoutMs` (then the group is killed). A command that
/// fails, hangs or cannot start is an outcome to record, never an error that stops recording.
public struct AlertRunner {
    let command: [String]
    let environment: [String: String]
    var timeoutMs = 10_000

    /// The command gets `environment` without usage-logger's secrets (the collector's token of `PET_OTLP_HEADERS`).
    init(command: [String], environment: [String: String], timeoutMs: Int = 10_000) {
        self.command = command
        let secrets = Set(Setting.all.filter(\.isSecret).map(\.name))
        self.environment = environment.filter { !secrets.contains($0.key) }
        self.timeoutMs = timeoutMs
    }

    /// How one run went.
    public struct Outcome: Sendable, Equatable {
        /// Exit status, or 128 + the signal that ended it; nil when it did not start or was killed at the deadline.
        public var status: Int32?
        public var timedOut = false
        /// Why it could not start, or the end of what it said on stderr when it failed.
        public var problem: String?
        public var durationMs: Int

        public var succeeded: Bool { status == 0 }
    }

    /// The most of its stderr kept for the record.
    static let stderrCap = 2_000

    func run(_ payload: JSONValue) -> Outcome {
        let started = MonotonicClock.nowMilliseconds()
        func elapsed() -> Int { Int(MonotonicClock.nowMilliseconds() - started) }
        guard let word = command.first else { return Outcome(problem: "PET_ALERT_COMMAND is empty", durationMs: 0) }
        let executable: String
        switch ExecutableResolver.locate(word, path: environment["PATH"], variable: Setting.alertCommand.name) {
        case .success(let path): executable = path
        case .failure(let notRunnable): return Outcome(problem: notRunnable.problem, durationMs: elapsed())
        }
        guard let input = UnlinkedInput.descriptor(holding: Array((payload.serialized() + "\n").utf8), in: nil) else {
            return Outcome(problem: "cannot make a temporary file for its input", durationMs: elapsed())
        }
        defer { SystemCall.closeQuietly(input) }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return Outcome(problem: "cannot make a pipe", durationMs: elapsed()) }
        defer { SystemCall.closeQuietly(ends[0]) }
        _ = try? SystemCall.setCloseOnExec(ends[0])
        _ = try? SystemCall.setCloseOnExec(ends[1])
        _ = try? SystemCall.setNonBlocking(ends[0])
        let child: ChildProcess
        do {
            child = try ChildProcess.spawn(
                executable: executable, arguments: Array(command.dropFirst()), environment: environment,
                streams: .descriptors(input: input, output: nil, error: ends[1]))
        } catch {
            SystemCall.closeQuietly(ends[1])
            return Outcome(problem: "\(word) cannot be started: \(error)", durationMs: elapsed())
        }
        SystemCall.closeQuietly(ends[1])
        let deadline = started + Int64(timeoutMs)
        var errors: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while child.poll() == nil {
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            if remaining <= 0 { break }
            if SystemCall.waitReadable(ends[0], milliseconds: Int32(min(remaining, 20))),
                let count = try? SystemCall.readSome(ends[0], into: &buffer), count > 0
            {
                errors = Array((errors + buffer[0..<count]).suffix(Self.stderrCap))
            }
        }
        guard let termination = child.poll() else {
            // Ended first, then what it said is read (bounded): a command that keeps writing cannot hold us.
            child.signalGroup(SIGKILL)
            child.wait(milliseconds: 1_000)
            return Outcome(
                timedOut: true, problem: "still running after \(timeoutMs / 1000) s; it was ended",
                durationMs: elapsed())
        }
        var drained = 0
        while drained < Self.stderrCap * 4, let count = try? SystemCall.readSome(ends[0], into: &buffer), count > 0 {
            errors = Array((errors + buffer[0..<count]).suffix(Self.stderrCap))
            drained += count
        }
        child.signalGroup(SIGKILL)  // what it left running in the background (`curl … &`) ends with it
        let status: Int32 =
            switch termination {
            case .exited(let code): code
            case .signalled(let signal): 128 + signal
            }
        let said = String(decoding: errors, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Outcome(
            status: status, problem: status == 0 || said.isEmpty ? nil : said, durationMs: elapsed())
    }
}
