import Foundation
import Testing

@testable import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a killed or failed write leaves behind: stale temporary files are cleaned, and the words about a failed
/// write say what was really done.
@Suite("Leftovers of failed writes", .serialized)
struct LeftoverTests {
    /// Sets a file's modification time `seconds` into the past.
    private func age(_ path: String, seconds: Int) {
        let then = timeval(tv_sec: time(nil) - seconds, tv_usec: 0)
        _ = utimes(path, [then, then])
    }

    @Test("stale temporary files of our state files (older than a minute) are removed; fresh and foreign ones stay")
    func staleTemporaryFiles() throws {
        try withTemporaryDirectory { directory throws in
            let stale = ["state.json.tmp-123-456", "statusline.json.tmp-77-1", ".fallback-noted.tmp-5-6"]
            let kept = ["state.json.tmp-124-457", "notes.txt.tmp-1-2", "state.json.tmp-abc", "usage.jsonl"]
            for name in stale + kept { directory.write(name, "{}") }
            for name in stale + kept.dropFirst() { age(directory.path + "/" + name, seconds: 120) }
            try StateStore(directory: directory.path).update { $0.lowSpaceWarned = false }
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
            for name in stale { #expect(!names.contains(name), "\(name)") }
            for name in kept { #expect(names.contains(name), "\(name)") }
        }
    }

    @Test("a failed rotation does not claim that the file was cut back")
    func rotationFailure() throws {
        try withTemporaryDirectory { directory throws in
            directory.write("usage.jsonl", String(repeating: "{}\n", count: 10))
            directory.write("usage.jsonl.1/keep", "a directory where the rotated file should go")
            do throws(LogWriteError) {
                try LogWriter(directory: directory.path, maxSize: 1, maxFiles: 1).append(["{}"], to: .usage)
                Issue.record("expected the rotation to fail")
            } catch {
                #expect(error.description.contains("rotation failed"), "\(error)")
                #expect(!error.description.contains("cut back"), "\(error)")
            }
        }
    }

    @Test(
        "a write refused before its first byte does not claim a cut back; one that failed part-way does",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func writeFailures() throws {
        try withTemporaryDirectory { directory throws in
            let environment = ["HOME": directory.path, "PET_LOG_DIR": directory.path + "/logs"]
            // Exactly 512 bytes: `ulimit -f 1` allows not one more.
            directory.write("logs/usage.jsonl", String(repeating: "{\"n\":\"xxxxxxxxxxxxxxxxxxxxxxx\"}\n", count: 16))
            #expect(FileSystem.size(of: directory.path + "/logs/usage.jsonl") == 512)
            let full = Binary.shell("ulimit -f 1; echo '{}' | \"$UL\" append usage", environment: environment)
            #expect(full.status == 74)
            #expect(full.error.contains("the file size limit was reached"), "\(full.error)")
            #expect(!full.error.contains("cut back"), "\(full.error)")
            let big = directory.write("big.jsonl", "{\"big\":\"" + String(repeating: "y", count: 2_000) + "\"}\n")
            let partial = Binary.shell("ulimit -f 2; \"$UL\" append usage '\(big)'", environment: environment)
            #expect(partial.status == 74)
            #expect(partial.error.contains("the file was cut back so no partial line remains"), "\(partial.error)")
            #expect(FileSystem.size(of: directory.path + "/logs/usage.jsonl") == 512)
        }
    }
}
