import Foundation
import Testing

@testable import UsageLogger

/// Rotation keeps every file within `PET_LOG_MAX_SIZE`, even inside one large batch, and a file rotated away
/// keeps the 0600 the write gave it.
@Suite("Rotation")
struct RotationTests {
    @Test("one append of 60 lines with PET_LOG_MAX_SIZE=1KB rotates inside the batch; every line is kept")
    func insideABatch() throws {
        try withTemporaryDirectory { home throws in
            let logs = home.path + "/logs"
            let lines = (1...60).map { #"{"n":\#($0),"pad":"\#(String(repeating: "x", count: 40))"}"# }
            let environment = [
                "HOME": home.path, "PET_LOG_DIR": logs, "PET_LOG_MAX_SIZE": "1KB", "PET_LOG_MAX_FILES": "20",
                "PET_LOGGING_DEBUG": "true",
            ]
            let (code, output) = runCLI(
                ["append", "usage"], environment: environment, input: Array(lines.joined(separator: "\n").utf8))
            #expect(code == .success)
            #expect(output.standardError.contains("note: rotated usage.jsonl"))
            let files = try FileManager.default.contentsOfDirectory(atPath: logs).filter { $0.hasPrefix("usage.jsonl") }
                .filter { !$0.hasSuffix(".lock") }
            #expect(files.count > 3)
            var numbers: [Int] = []
            for file in files {
                #expect(FileSystem.size(of: logs + "/" + file) <= 1024, "\(file)")
                numbers += logRecords(logs + "/" + file).compactMap {
                    if case .int(let n)? = $0["n"] { return n }
                    return nil
                }
            }
            #expect(numbers.sorted() == Array(1...60))
        }
    }

    @Test("a widened log that this very write rotates away is 0600 in its rotated place")
    func widenedThenRotated() throws {
        try withTemporaryDirectory { home throws in
            let logs = home.path + "/logs"
            try FileSystem.createDirectory(logs, mode: 0o700)
            let path = home.write("logs/usage.jsonl", String(repeating: "{\"x\":1}\n", count: 200))
            chmod(path, 0o666)
            try LogWriter(directory: logs, maxSize: 1024, maxFiles: 3).append(["{\"y\":2}"], to: .usage)
            let attributes = try FileManager.default.attributesOfItem(atPath: path + ".1")
            #expect(attributes[.posixPermissions] as? Int == 0o600)
        }
    }
}
