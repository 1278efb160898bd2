import Foundation
import Testing

@testable import UsageLogger

/// The benchmark's writers' soak, short: writer processes of large batches at once, half of them killed with
/// SIGKILL at random moments (some while they write); nothing acknowledged may be lost and every line must parse.
@Suite("Writers' soak", .serialized, .timeLimit(.minutes(3)))
struct WriterSoakTests {
    @Test("4 writers, 24 batches of 4,000 records, half killed: no acknowledged record lost, no line torn")
    func killedWriters() throws {
        let bench = URL(fileURLWithPath: Binary.path).deletingLastPathComponent().appendingPathComponent(
            "usage-logger-bench"
        ).path
        try #require(FileManager.default.isExecutableFile(atPath: bench), "build the package first: \(bench)")
        let result = RealClaude.shell([bench, Fixtures.packageRoot.path, "--writer-soak", "4", "6", "4000", "50"])
        let figures = try JSONParser.parse(result.output.trimmed)
        func number(_ key: String) -> Int {
            if case .int(let value)? = figures[key] { return value }
            return -1
        }
        #expect(number("batches") == 24, "\(result.output) \(result.error)")
        #expect(number("killed_batches") > 0, "no kill landed before its writer ended: \(result.output)")
        #expect(number("acknowledged_records") == number("acknowledged_batches") * 4_000)
        #expect(number("lost_records") == 0, "\(result.output)")
        #expect(number("duplicate_records") == 0, "\(result.output)")
        #expect(number("invalid_lines") == 0, "\(result.output)")
    }
}
