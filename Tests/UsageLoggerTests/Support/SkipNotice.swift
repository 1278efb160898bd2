import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A line for the person running the tests (why a suite is skipped), on the standard error they see.
///
/// `swift test` hands on what the test process writes to its standard output and its standard error through one
/// handler, to its own standard output (SwiftPM's TestRunner streams both into the same output handler), so a line
/// the tests write to their own stderr would land on stdout. Under `swift test` on Linux the line goes to
/// swift-test's own standard error, reached through /proc; anywhere else (the test bundle run by hand, macOS) to
/// the process's standard error.
enum SkipNotice {
    static func say(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        var descriptor: Int32 = -1
        if let path = parentStandardError() {
            // O_APPEND: when swift-test's stderr is a file, a new open of it must not write from its start.
            descriptor = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        }
        let target = descriptor >= 0 ? descriptor : STDERR_FILENO
        _ = bytes.withUnsafeBytes { write(target, $0.baseAddress, $0.count) }
        if descriptor >= 0 { close(descriptor) }
    }

    /// `/proc/<parent>/fd/2` when the parent process is swift-test (Linux), else nil.
    static func parentStandardError(parent: Int32 = getppid(), proc: String = "/proc") -> String? {
        guard let name = try? String(contentsOfFile: "\(proc)/\(parent)/comm", encoding: .utf8),
            name.trimmingCharacters(in: .whitespacesAndNewlines) == "swift-test"
        else { return nil }
        return "\(proc)/\(parent)/fd/2"
    }
}
