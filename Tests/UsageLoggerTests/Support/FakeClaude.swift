import Foundation

/// Fake `claude` executables: small shell scripts that print a sample capture and then behave in one way.
/// Every script lives in its own temporary directory whose unique name marks its processes.
struct FakeClaude {
    let directory = TemporaryDirectory()
    /// A string found in the command line of every process the fake starts.
    var marker: String { directory.path }
    let path: String

    /// `body` is shell code run after `cat`-ing `sample` (if any).
    init(sample: String? = nil, _ body: String = "exit 0") {
        // A copy of sleep whose path carries the marker, so `ps` can find every process the fake leaves.
        try? FileManager.default.createDirectory(atPath: directory.path + "/bin", withIntermediateDirectories: true)
        try? FileManager.default.copyItem(atPath: "/bin/sleep", toPath: directory.path + "/bin/sleeper")
        var script = "#!/bin/sh\nsleeper=\"$(dirname \"$0\")/sleeper\"\n"
        if let sample { script += "cat '\(Fixtures.path(sample))'\n" }
        script += body + "\n"
        path = directory.write("bin/claude", script, executable: true)
    }

    /// Shell code that waits for one key press (Esc) in raw mode, like the real dialog.
    static let waitForKey = "stty raw -echo 2>/dev/null; dd bs=1 count=1 >/dev/null 2>&1; echo closed"
}
