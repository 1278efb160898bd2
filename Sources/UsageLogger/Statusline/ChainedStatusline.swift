import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Another statusLine command shown after ours (`statusline --chain 'OTHER'`, written by `setup --chain`): run
/// through `/bin/sh -c` with the same JSON on stdin, given at most 200 ms, its first non-blank line made safe for
/// the terminal. It can only add to our line: a command that fails, prints nothing or is still silent at the
/// deadline adds nothing, and one still running then is killed with its whole process group. It also dies with us
/// (Linux): Claude Code ends a statusline that a newer render overtakes, and a hung chained command must not
/// outlive every cancelled render.
enum ChainedStatusline {
    /// Well inside the statusline's own budget (Claude Code cancels a render that a newer one overtakes, 300 ms).
    static let timeoutMs = 200
    /// The most read of its output: a status line is one short line.
    static let outputCap = 64 * 1024
    /// The most of its line shown.
    static let maximumCharacters = 500

    /// The first non-blank line `command` prints with `input` on stdin: when it exits 0, or when it is still
    /// running at the deadline but already printed a whole line. Nil otherwise, or when it cannot be started.
    static func firstLine(
        of command: String, input: [UInt8], environment: [String: String], workingDirectory: String?,
        color: Bool, timeoutMs: Int = timeoutMs
    ) -> String? {
        let deadline = MonotonicClock.nowMilliseconds() + Int64(timeoutMs)
        guard let inputFile = UnlinkedInput.descriptor(holding: input, in: environment["TMPDIR"]) else { return nil }
        defer { SystemCall.closeQuietly(inputFile) }
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        defer { SystemCall.closeQuietly(ends[0]) }
        _ = try? SystemCall.setCloseOnExec(ends[0])
        _ = try? SystemCall.setCloseOnExec(ends[1])
        _ = try? SystemCall.setNonBlocking(ends[0])
        let child = try? ChildProcess.spawn(
            executable: "/bin/sh", arguments: ["-c", command], environment: environment,
            workingDirectory: workingDirectory, streams: .descriptors(input: inputFile, output: ends[1], error: nil),
            diesWithUs: true)
        SystemCall.closeQuietly(ends[1])
        guard let child else { return nil }
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8_192)
        var ended = false
        while output.count < outputCap {
            let remaining = deadline - MonotonicClock.nowMilliseconds()
            if remaining <= 0 { break }
            // Short waits, so that a child that exits while a background grandchild holds the pipe is noticed.
            if SystemCall.waitReadable(ends[0], milliseconds: Int32(min(remaining, 10))) {
                guard let count = try? SystemCall.readSome(ends[0], into: &buffer, limit: outputCap - output.count)
                else { continue }
                if count == 0 {
                    ended = true
                    break
                }
                output += buffer[0..<count]
            } else if child.poll() != nil {
                while let count = try? SystemCall.readSome(ends[0], into: &buffer), count > 0 {
                    output += buffer[0..<min(count, max(0, outputCap - output.count))]
                }
                ended = true
                break
            }
        }
        if ended { child.wait(milliseconds: Int(max(0, deadline - MonotonicClock.nowMilliseconds()))) }
        let finished = child.poll() != nil
        if !finished {
            child.signalGroup(SIGKILL)
            child.wait(milliseconds: 100)
        }
        let succeeded = child.termination == .exited(0)
        let text = String(decoding: output, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        // Still running: only a line it has finished counts.
        if !finished, !text.hasSuffix("\n") { lines = Array(lines.dropLast()) }
        guard succeeded || !finished,
            let line = lines.map({ safe(String($0), color: color) }).first(where: { !$0.isEmpty })
        else { return nil }
        return line
    }

    /// `text` without controls or escape sequences (`TerminalText.printable`), but with its colours (SGR, `ESC [
    /// … m`) when colour is on, and a reset at the end so they do not run on.
    static func safe(_ text: String, color: Bool) -> String {
        var output = ""
        var kept = false
        var rest = Substring(text)
        while color, let escape = rest.firstIndex(of: "\u{1B}") {
            output += TerminalText.printable(String(rest[..<escape]))
            let sequence = rest[escape...].dropFirst()
            let parameters = sequence.dropFirst().prefix { $0.isNumber || $0 == ";" || $0 == ":" }
            if sequence.first == "[", sequence.dropFirst(1 + parameters.count).first == "m" {
                output += "\u{1B}[" + parameters + "m"
                kept = true
                rest = sequence.dropFirst(2 + parameters.count)
            } else {
                // Not a colour: everything from here is cleaned whole, so no part of the sequence shows.
                output += TerminalText.printable(String(rest[escape...]))
                rest = ""
            }
        }
        output += TerminalText.printable(String(rest))
        output = String(output.trimmingCharacters(in: .whitespaces).prefix(maximumCharacters))
        return kept ? output + "\u{1B}[0m" : output
    }
}
