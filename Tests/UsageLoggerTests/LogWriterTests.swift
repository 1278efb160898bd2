import Foundation
import Testing

@testable import UsageLogger

@Suite("Log writer")
struct LogWriterTests {
    private func lines(_ path: String) -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    private func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? Int) ?? -1
    }

    @Test("appends whole lines to a new 0600 file")
    func appends() throws {
        try withTemporaryDirectory { directory in
            let writer = LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3)
            try writer.append([#"{"n":1}"#, #"{"n":2}"#], to: .usage)
            try writer.append([#"{"n":3}"#], to: .usage)
            #expect(lines(writer.path(of: .usage)) == [#"{"n":1}"#, #"{"n":2}"#, #"{"n":3}"#])
            #expect(mode(writer.path(of: .usage)) == 0o600)
        }
    }

    @Test("a log file with wider permissions is set back to 0600 and said so")
    func tightens() throws {
        try withTemporaryDirectory { directory in
            let path = directory.write("status.jsonl", "{\"old\":true}\n")
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)
            let report = try LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3).append(
                ["{}"], to: .status)
            #expect(report.tightenedPermissions)
            #expect(mode(path) == 0o600)
        }
    }

    @Test(
        "even under umask 000 the files are 0600",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func umaskProof() {
        withTemporaryDirectory { directory in
            let result = Binary.shell(
                "umask 000; echo '{}' | \"$UL\" append usage",
                environment: ["HOME": directory.path, "PET_LOG_DIR": directory.path + "/logs"])
            #expect(result.status == 0, "\(result.error)")
            #expect(mode(directory.path + "/logs/usage.jsonl") == 0o600)
            #expect(mode(directory.path + "/logs/usage.jsonl.lock") == 0o600)
            #expect(mode(directory.path + "/logs") == 0o700)
        }
    }

    @Test(
        "a symlink planted at a log path is refused and its target left untouched",
        arguments: ["usage.jsonl", "usage.jsonl.lock"])
    func symlink(name: String) throws {
        try withTemporaryDirectory { directory in
            let target = directory.write("precious.txt", "do not touch\n")
            try FileManager.default.createSymbolicLink(atPath: directory.path + "/" + name, withDestinationPath: target)
            #expect(throws: LogWriteError.self) {
                try LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3).append(["{}"], to: .usage)
            }
            #expect(try String(contentsOfFile: target, encoding: .utf8) == "do not touch\n")
        }
    }

    @Test("a directory at a log path is refused with a clear error")
    func directoryAtLogPath() throws {
        try withTemporaryDirectory { directory in
            try FileManager.default.createDirectory(
                atPath: directory.path + "/usage.jsonl", withIntermediateDirectories: false)
            do throws(LogWriteError) {
                try LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3).append(["{}"], to: .usage)
                Issue.record("expected a refusal")
            } catch {
                #expect(error.description.contains("it is a directory, not a regular file"))
                #expect(ExitCode(error) == .cannotCreate)
            }
        }
    }

    @Test("rotation keeps exactly PET_LOG_MAX_FILES old files, the newest lines, none torn")
    func rotation() throws {
        try withTemporaryDirectory { directory in
            let writer = LogWriter(directory: directory.path, maxSize: 100, maxFiles: 3)
            for index in 0..<60 { try writer.append([#"{"n":\#(index),"pad":"xxxxxxxxxxxxxxxxxxxx"}"#], to: .usage) }
            let base = writer.path(of: .usage)
            let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
            }
            #expect(names.sorted() == ["usage.jsonl", "usage.jsonl.1", "usage.jsonl.2", "usage.jsonl.3"])
            let kept = ([3, 2, 1].flatMap { lines("\(base).\($0)") } + lines(base)).map { line -> Int in
                guard case .int(let number)? = (try? JSONParser.parse(line))?["n"] else { return -1 }
                return number
            }
            #expect(kept == Array((60 - kept.count)..<60))
            for index in 1...3 { #expect(mode("\(base).\(index)") == 0o600) }
        }
    }

    @Test("many writers at once lose nothing and tear nothing, with rotation on")
    func concurrentWriters() throws {
        try withTemporaryDirectory { directory in
            let writer = LogWriter(directory: directory.path, maxSize: 2_000, maxFiles: 1_000)
            DispatchQueue.concurrentPerform(iterations: 8) { worker in
                for index in 0..<100 { _ = try? writer.append([#"{"worker":\#(worker),"n":\#(index)}"#], to: .usage) }
            }
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
            }
            let all = files.flatMap { lines(directory.path + "/" + $0) }
            #expect(all.count == 800)
            #expect(Set(all).count == 800)
            #expect(all.allSatisfy { (try? JSONParser.parse($0)) != nil })
            #expect(files.count > 5)
        }
    }

    @Test(
        "several processes appending at once lose nothing",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func concurrentProcesses() throws {
        try withTemporaryDirectory { directory in
            let script = """
                for p in 1 2 3 4 5 6; do
                  (i=0; while [ $i -lt 40 ]; do echo "{\\"p\\":$p,\\"i\\":$i}"; i=$((i+1)); done | "$UL" append usage) &
                done
                wait
                """
            let result = Binary.shell(
                script,
                environment: [
                    "HOME": directory.path, "PET_LOG_DIR": directory.path, "PET_LOG_MAX_SIZE": "1KB",
                    "PET_LOG_MAX_FILES": "500",
                ])
            #expect(result.status == 0, "\(result.error)")
            let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter {
                $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
            }
            let all = files.flatMap { lines(directory.path + "/" + $0) }
            #expect(all.count == 240)
            #expect(Set(all.compactMap { try? JSONParser.parse($0) }.map { $0.serialized() }).count == 240)
        }
    }

    @Test(
        "a write cut short by a file-size limit is undone: no partial line, exit 74",
        .enabled(if: FileManager.default.isExecutableFile(atPath: Binary.path)))
    func partialWrite() throws {
        try withTemporaryDirectory { directory throws in
            let before = String(repeating: "{\"filler\":\"" + String(repeating: "x", count: 80) + "\"}\n", count: 15)
            directory.write("logs/usage.jsonl", before)
            let big = "{\"big\":\"" + String(repeating: "y", count: 2_000) + "\"}"
            directory.write("big.jsonl", big + "\n")
            // 4 blocks of 512 bytes: the existing 1455 bytes fit, the 2 KB line does not.
            let result = Binary.shell(
                "ulimit -f 4; \"$UL\" append usage '\(directory.path)/big.jsonl'",
                environment: ["HOME": directory.path, "PET_LOG_DIR": directory.path + "/logs"])
            #expect(result.status == 74)
            #expect(result.error.contains("the file size limit was reached"))
            #expect(try String(contentsOfFile: directory.path + "/logs/usage.jsonl", encoding: .utf8) == before)
        }
    }

    @Test("below the minimum free space nothing is written; above it writing resumes")
    func lowSpace() throws {
        try withTemporaryDirectory { directory in
            let full = LogWriter(
                directory: directory.path, maxSize: 1 << 20, maxFiles: 3, minimumFreeSpace: Int64.max / 2)
            #expect(throws: LogWriteError.self) { try full.append(["{}"], to: .usage) }
            #expect(FileSystem.kind(of: full.path(of: .usage)) == .missing)
            let fine = LogWriter(directory: directory.path, maxSize: 1 << 20, maxFiles: 3, warnFreeSpace: Int64.max / 2)
            let report = try fine.append(["{}"], to: .usage)
            #expect(report.lowSpace != nil)
            #expect(lines(fine.path(of: .usage)) == ["{}"])
        }
    }
}
