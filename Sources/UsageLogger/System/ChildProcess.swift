import CSystemShims

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A child we started and must reap: the one spawn path for probes, quick `claude` commands and the detached
/// companion.
///
/// The child leads a new session (so its process group is its own), starts with an empty signal mask and default
/// dispositions, and inherits no descriptor but its standard streams (and one descriptor we choose to pass on).
/// The fork and exec happen in C (`ss_spawn`): between them only async-signal-safe calls may run, and a
/// pseudo-terminal child needs `setsid` and `TIOCSCTTY`, which `posix_spawn` cannot do. We reap with `waitpid`,
/// never through `Foundation.Process`, which leaked on every run (swift-corelibs-foundation#3260) and learned of
/// a child's exit through a socket that grandchildren inherit.
final class ChildProcess {
    /// How the child ended.
    enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)
    }

    let pid: pid_t
    private(set) var termination: Termination?
    private var detached = false

    private init(pid: pid_t) {
        self.pid = pid
    }

    /// A child still running when its owner lets go is ended with its whole group and reaped, so none is left.
    deinit {
        if termination == nil, !detached {
            signalGroup(SIGKILL)
            _ = wait(milliseconds: 1_000)
        }
    }

    /// What the child's standard input, output and error are.
    enum Streams {
        /// All three /dev/null.
        case none
        /// This terminal, which also becomes the child's controlling terminal.
        case terminal(Int32)
        /// These descriptors (nil for /dev/null).
        case descriptors(input: Int32?, output: Int32?, error: Int32?)
    }

    /// Starts `executable` (a path, never run through a shell) with `streams`; `keep` is passed on as
    /// descriptor 3. `diesWithUs` (Linux): the child is killed when this process dies, even by SIGKILL.
    static func spawn(
        executable: String, arguments: [String], environment: [String: String], workingDirectory: String? = nil,
        streams: Streams = .none, keep: Int32? = nil, diesWithUs: Bool = false
    ) throws(SystemCallError) -> ChildProcess {
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        let descriptors: [Int32]
        switch streams {
        case .none: descriptors = [-1, -1, -1]
        case .terminal(let terminal): descriptors = [terminal, terminal, terminal]
        case .descriptors(let input, let output, let error): descriptors = [input ?? -1, output ?? -1, error ?? -1]
        }
        var isTerminal: Int32 = 0
        if case .terminal = streams { isTerminal = 1 }
        var pid: pid_t = 0
        func attempt() -> Int32 {
            ss_spawn(
                executable, argv, envp, workingDirectory, descriptors, isTerminal, keep ?? -1, diesWithUs ? 1 : 0, &pid)
        }
        var code = attempt()
        // ETXTBSY: the program is open for writing somewhere, often only for an instant (a thread of ours wrote it
        // while another forked, and that child holds the descriptor until its own exec). Worth a few more tries.
        for _ in 0..<20 where code == ETXTBSY {
            SystemCall.nap(microseconds: 5_000)
            code = attempt()
        }
        guard code == 0 else { throw SystemCallError("start", path: executable, code: code) }
        return ChildProcess(pid: pid)
    }

    /// Lets the child go on alone (a daemon that outlives us; whoever inherits it reaps it) and returns its pid.
    func detach() -> pid_t {
        detached = true
        return pid
    }

    /// Reaps the child if it has ended (`waitpid` with `WNOHANG`); nil while it runs.
    @discardableResult
    func poll() -> Termination? {
        if let termination { return termination }
        var status: Int32 = 0
        let result = SystemCall.retryingInterrupts { waitpid(pid, &status, WNOHANG) }
        if result == pid {
            termination = Self.termination(from: status)
        } else if result < 0 {
            termination = .exited(-1)  // ECHILD: someone else reaped it; it is gone all the same
        }
        return termination
    }

    /// Waits up to `milliseconds` for the child to end. Checks often at first (a child that closed its terminal
    /// is usually a zombie within microseconds), then every 5 ms.
    @discardableResult
    func wait(milliseconds: Int) -> Termination? {
        let deadline = MonotonicClock.nowMilliseconds() + Int64(max(0, milliseconds))
        var napMicroseconds = 50
        while poll() == nil, MonotonicClock.nowMilliseconds() < deadline {
            SystemCall.nap(microseconds: napMicroseconds)
            napMicroseconds = min(napMicroseconds * 2, 5_000)
        }
        return termination
    }

    /// Sends `signal` to every process of the child's group (the child and what it started).
    func signalGroup(_ signal: Int32) {
        _ = kill(-pid, signal)
    }

    /// Whether any process of the group is still alive (a reaped child's grandchildren keep the group).
    var groupExists: Bool {
        kill(-pid, 0) == 0 || errno == EPERM
    }

    private static func termination(from status: Int32) -> Termination {
        // The W* macros are not imported into Swift: the low seven bits hold the signal, the next eight the code.
        let signal = status & 0x7F
        return signal == 0 ? .exited((status >> 8) & 0xFF) : .signalled(signal)
    }
}
