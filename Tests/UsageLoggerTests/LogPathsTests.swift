import Foundation
import Testing

@testable import UsageLogger

@Suite("Log paths")
struct LogPathsTests {
    @Test("every file in a log directory has the name documented in the README and checked by doctor")
    func names() {
        let paths = LogPaths(directory: "/logs")
        #expect(paths.log(.usage) == "/logs/usage.jsonl")
        #expect(paths.lock(of: .diagnostics) == "/logs/diagnostics.jsonl.lock")
        #expect(paths.companionLock == "/logs/companion.lock")
        #expect(paths.probeLock(.status) == "/logs/probe-status.lock")
        #expect(paths.statuslineLock == "/logs/statusline.lock")
        #expect(paths.sessionContext == "/logs/statusline.json")
        #expect([paths.state, paths.stateLock] == ["/logs/state.json", "/logs/state.lock"])
    }

    @Test("the fallback directory follows XDG_STATE_HOME, else HOME")
    func fallback() throws {
        let xdg = try Configuration(environment: ["HOME": "/home/u", "XDG_STATE_HOME": "/state"])
        #expect(LogDirectory.fallbackPath(configuration: xdg) == "/state/usage-logger/logs")
        let home = try Configuration(environment: ["HOME": "/home/u"])
        #expect(LogDirectory.fallbackPath(configuration: home) == "/home/u/.local/state/usage-logger/logs")
    }
}
