import Foundation
import Testing

@testable import UsageLogger

/// Numeric settings that pass a lower bound but would break the tool (an interval that overflows the schedule, a
/// size under one byte, ten million rotated files) are refused with exit 78, naming the setting, value and range.
@Suite("Setting bounds")
struct SettingBoundsTests {
    private func error(_ name: String, _ value: String) -> String? {
        do {
            _ = try Configuration(environment: ["HOME": "/nonexistent-usage-logger-test-home", name: value])
            return nil
        } catch {
            return error.description
        }
    }

    @Test(
        "a value above the upper bound is refused, naming the setting, the value and the range",
        arguments: [
            ("PET_USAGE_LOG_INTERVAL", "9223372036854775807", "from 100 to 604800000 (7 days)"),
            ("PET_USAGE_LOG_INTERVAL", "604800001", "from 100 to 604800000 (7 days)"),
            ("PET_STATUS_LOG_INTERVAL", "9223372036854775807", "from 100 to 604800000 (7 days)"),
            ("PET_COMMAND_TIMEOUT", "3600001", "from 100 to 3600000 (1 hour)"),
            ("PET_COMPANION_IDLE_EXIT", "8d", "from 1s to 7d"),
            ("PET_LOG_MAX_SIZE", "2GB", "from 1KB to 1GB"),
            ("PET_LOG_MAX_SIZE", "0.5", "from 1KB to 1GB"),
            ("PET_LOG_MAX_SIZE", "1023", "from 1KB to 1GB"),
            ("PET_LOG_MAX_FILES", "10000000", "from 1 to 1000"),
            ("PET_MAX_CONSECUTIVE_FAILURES", "1001", "from 1 to 1000"),
            ("PET_LOG_WARN_FREE", "2000GB", "at most 1024GB"),
            ("PET_LOG_MIN_FREE", "5000GB", "at most 1024GB"),
        ])
    func refused(name: String, value: String, range: String) {
        let message = error(name, value)
        #expect(message?.hasPrefix("\(name)='\(value)' is not valid: ") == true, "\(message ?? "accepted")")
        #expect(message?.contains(range) == true, "\(message ?? "accepted")")
    }

    @Test(
        "the bounds themselves are allowed",
        arguments: [
            ("PET_USAGE_LOG_INTERVAL", "604800000"), ("PET_STATUS_LOG_INTERVAL", "100"),
            ("PET_COMMAND_TIMEOUT", "3600000"), ("PET_COMPANION_IDLE_EXIT", "7d"), ("PET_LOG_MAX_SIZE", "1GB"),
            ("PET_LOG_MAX_SIZE", "1KB"), ("PET_LOG_MAX_SIZE", "1.5KB"), ("PET_LOG_MAX_FILES", "1000"),
            ("PET_MAX_CONSECUTIVE_FAILURES", "1000"), ("PET_LOG_MIN_FREE", "1024GB"), ("PET_LOG_WARN_FREE", "0.5"),
        ])
    func allowed(name: String, value: String) {
        #expect(error(name, value) == nil)
    }

    @Test("a fraction of a kilobyte is whole bytes: 1.5KB is 1536")
    func fractionalSize() throws {
        let configuration = try Configuration(environment: ["HOME": "/nonexistent", "PET_LOG_MAX_SIZE": "1.5KB"])
        #expect(configuration.maxSize == 1_536)
    }

    @Test("the command line exits 78 and says what to use")
    func exitCode() {
        let (code, output) = runCLI(["config"], environment: ["PET_LOG_MAX_FILES": "10000000"])
        #expect(code == .configuration)
        #expect(
            output.standardError
                == "usage-logger: PET_LOG_MAX_FILES='10000000' is not valid: use a whole number from 1 to 1000\n")
    }

    @Test("rotation costs the same whatever PET_LOG_MAX_FILES allows: ten million is as quick as ten")
    func rotationCost() throws {
        try withTemporaryDirectory { directory throws in
            let writer = LogWriter(directory: directory.path, maxSize: 10, maxFiles: 10_000_000)
            let start = Date()
            for index in 0..<5 { try writer.append([#"{"n":\#(index),"pad":"xxxx"}"#], to: .usage) }
            #expect(Date().timeIntervalSince(start) < 2)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
            }
            #expect(
                names.sorted() == ["usage.jsonl", "usage.jsonl.1", "usage.jsonl.2", "usage.jsonl.3", "usage.jsonl.4"])
            #expect(
                (try? String(contentsOfFile: writer.path(of: .usage) + ".4", encoding: .utf8))
                    == "{\"n\":0,\"pad\":\"xxxx\"}\n")
        }
    }

    @Test("rotation shifts only the files that exist, keeps gaps, and drops what would pass PET_LOG_MAX_FILES")
    func rotationWithGaps() throws {
        try withTemporaryDirectory { directory throws in
            directory.write("usage.jsonl", "{\"n\":0}\n")
            directory.write("usage.jsonl.1", "{\"n\":1}\n")
            directory.write("usage.jsonl.3", "{\"n\":3}\n")
            directory.write("usage.jsonl.4", "{\"n\":4}\n")
            directory.write("usage.jsonl.x", "not ours\n")
            try LogWriter(directory: directory.path, maxSize: 1, maxFiles: 4).append(["{}"], to: .usage)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
            }
            #expect(
                names.sorted() == ["usage.jsonl", "usage.jsonl.1", "usage.jsonl.2", "usage.jsonl.4", "usage.jsonl.x"])
            let read = { (name: String) in try? String(contentsOfFile: directory.path + "/" + name, encoding: .utf8) }
            #expect(read("usage.jsonl.1") == "{\"n\":0}\n")
            #expect(read("usage.jsonl.2") == "{\"n\":1}\n")
            #expect(read("usage.jsonl.4") == "{\"n\":3}\n")
        }
    }
}
