import Foundation
import Testing

@testable import UsageLogger

/// `import` on a terminal: a progress line that moves forward, reaches 100 % and is cleared.
@Suite("import progress")
struct ImportProgressTests {
    @Test("on a terminal the import shows one rewritten line of progress per percent, and clears it at the end")
    func progressOnTerminal() throws {
        try withTemporaryDirectory { directory in
            let logs = try DatabaseReportTests.history(in: directory)
            let capture = CapturingConsole()
            var console = capture.console
            console.errorIsTerminal = true
            var line = ProgressLine(console: console)
            var seen: [LogImporter.Progress] = []
            var importer = LogImporter(directory: logs, database: try RecordDatabase(path: logs + "/usage.db"))
            importer.batchSize = 100
            let outcome = try importer.run { progress in
                seen.append(progress)
                line.show(progress)
            }
            line.clear()
            #expect(seen.count > 10)
            #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.bytesDone <= $1.bytesDone })
            #expect(seen.last?.bytesDone == seen.last?.bytesTotal)
            #expect(seen.last?.bytesTotal == outcome.bytes)
            let shown = capture.standardError
            #expect(shown.contains("\r\u{1B}[Kimporting usage.jsonl"))
            #expect(shown.contains("100% of"))
            #expect(shown.hasSuffix("\r\u{1B}[K"))
            #expect(shown.components(separatedBy: "importing").count - 1 <= 101)
        }
    }
}
