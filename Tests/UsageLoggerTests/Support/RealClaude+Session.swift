import Foundation

@testable import UsageLogger

/// What the real-Claude tests that run an interactive Claude Code with our statusline need around it.
extension RealClaude {
    /// Marks `directory` trusted in the sandbox's `~/.claude.json`, as answering the trust prompt would.
    static func trust(_ directory: String, home: String) throws {
        let path = home + "/.claude.json"
        var settings =
            (try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
            ?? [:]
        var projects = settings["projects"] as? [String: Any] ?? [:]
        projects[directory] = ["hasTrustDialogAccepted": true, "hasCompletedProjectOnboarding": true]
        settings["projects"] = projects
        try JSONSerialization.data(withJSONObject: settings).write(to: URL(fileURLWithPath: path))
    }

    /// The pid of the companion holding the log directory's lock, if one does.
    static func runningCompanion(_ logs: String) -> pid_t? {
        let lock = LogPaths(directory: logs).companionLock
        guard FileManager.default.fileExists(atPath: lock), (try? FileLock.tryAcquire(lock)) == nil else { return nil }
        return FileLock.holder(of: lock)
    }

    /// Stops the companion our statusline started (it would otherwise wait 30 minutes for Claude Code).
    static func stopCompanion(_ logs: String) {
        guard let pid = runningCompanion(logs), pid > 0 else { return }
        kill(pid, SIGTERM)
        _ = waitUntil(milliseconds: 10_000) { kill(pid, 0) != 0 }
    }
}

extension RealClaude.Sandbox {
    /// `HOME/work`, made and trusted: a project for an interactive Claude Code (not the probe directory, where a
    /// render is taken for one of our probes).
    func trustedWorkDirectory() throws -> String {
        let work = home + "/work"
        try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        try RealClaude.trust(work, home: home)
        return work
    }
}

/// Types prompts into an interactive Claude Code, one after the other, each once the screen has been quiet for a
/// moment (keys sent while it still queries the terminal or streams a reply are lost), then `/exit`; or, with
/// `done`, finishes as soon as that says the test has seen enough.
final class ClaudeConversation: TerminalObserver {
    private var keys: [[UInt8]]
    private let done: (() -> Bool)?
    private var drawn = false
    private var lastSentMs = 0

    init(prompts: [String], exit: Bool = true, done: (() -> Bool)? = nil) {
        keys = prompts.flatMap { [Array($0.utf8), [0x0D]] } + (exit ? [Array("/exit".utf8), [0x0D]] : [])
        self.done = done
    }

    func observe(_ activity: TerminalActivity) -> [TerminalAction] {
        if !drawn { drawn = String(decoding: activity.output, as: UTF8.self).contains("❯") }
        if let done, keys.isEmpty, done() { return [.finish] }
        // Text is typed after a quiet second (a reply has ended), Enter half a second after the text.
        let isEnter = keys.first == [0x0D]
        guard drawn, !keys.isEmpty, activity.quietMs >= (isEnter ? 500 : 1_500),
            activity.elapsedMs - lastSentMs >= (isEnter ? 500 : 1_500)
        else { return [] }
        lastSentMs = activity.elapsedMs
        return [.send(keys.removeFirst())]
    }
}
