import Foundation

@testable import UsageLogger

/// A `usage-logger run` (or statusline) started from the built binary, with its output collected.
typealias CompanionProcess = SpawnedCommand

extension SpawnedCommand {
    convenience init(_ arguments: [String], environment: [String: String], input: String? = nil) throws {
        try self.init(Binary.path, arguments, environment: environment, input: input)
    }
}

/// Waits (bounded) until `condition` holds, checking every `pollMilliseconds` (0: as fast as it can, to catch a
/// moment); never a fixed sleep.
func waitUntil(milliseconds: Int = 10_000, pollMilliseconds: Int = 20, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .milliseconds(milliseconds)
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        if pollMilliseconds > 0 {
            _ = DispatchSemaphore(value: 0).wait(timeout: .now() + .milliseconds(pollMilliseconds))
        }
    }
    return true
}

/// Lines of a log file parsed as JSON.
func logRecords(_ path: String) -> [JSONValue] {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    return data.split(separator: 0x0A).compactMap { try? JSONParser.parse([UInt8]($0)) }
}
