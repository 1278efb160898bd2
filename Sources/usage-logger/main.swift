import Foundation
import UsageLogger

// A file-size limit should fail the write (EFBIG), which the log writer undoes cleanly, not kill the process
// half-way through a line.
signal(SIGXFSZ, SIG_IGN)
// `claude -p` ends a StopFailure hook with SIGTERM to its process group tens of milliseconds after starting it:
// a hook ignores stop signals from its first instant, finishes its short, bounded work, and exits 0.
if CommandLine.arguments.dropFirst().first == "hook" {
    for stop in [SIGTERM, SIGINT, SIGHUP] { signal(stop, SIG_IGN) }
}
let code = CLI.run(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
    executablePath: Bundle.main.executablePath, handlesSignals: true)
exit(code.rawValue)
