import Foundation

/// Fake `claude` executables: small shell scripts that print a sample capture and then behave in one way.
/// Every fake lives in a folder of a temporary directory the test scopes; that folder's unique path marks its
/// processes.
struct FakeClaude {
    let directory: TemporaryDirectory
    /// A string found in the command line of every process the fake starts.
    var marker: String { directory.path }
    let path: String

    /// Writes the fake into `scope` (in its own folder, `claude-fake`), where it lives as long as the scope does.
    /// `body` is shell code run after `cat`-ing `sample` (if any).
    init(in scope: TemporaryDirectory, sample: String? = nil, _ body: String = "exit 0") {
        directory = scope.subdirectory("claude-fake")
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

/// An environment for probing `fake` whose HOME, probe directory and Claude config directory are all inside
/// `home`, plus `extra`.
func probeEnvironment(_ fake: FakeClaude, home: TemporaryDirectory, _ extra: [String: String] = [:]) -> [String: String]
{
    [
        "HOME": home.path, "PATH": "/usr/bin:/bin", "PET_CLAUDE_COMMAND": fake.path,
        "PET_PROBE_DIR": home.path + "/probe", "CLAUDE_CONFIG_DIR": home.path + "/.claude",
    ].merging(extra) { $1 }
}
