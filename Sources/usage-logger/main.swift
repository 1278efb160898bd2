import Foundation
import UsageLogger

// A file-size limit should fail the write (EFBIG), which the log writer undoes cleanly, not kill the process
// half-way through a line.
signal(SIGXFSZ, SIG_IGN)
let code = CLI.run(
    arguments: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment,
    executablePath: Bundle.main.executablePath, handlesSignals: true)
exit(code.rawValue)
