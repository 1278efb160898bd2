import Foundation
import UsageLogger

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writer processes (`usage-logger append`) of large batches, all at once on one log with rotation on, some
/// killed with SIGKILL at random moments: half anywhere in a run, half while the writer holds the log's lock
/// (Linux: seen in `/proc/locks`), where a kill tears the last line. Afterwards every line of every file must
/// parse, and every record of every batch a writer acknowledged (exit 0) must be there exactly once: only what a
/// killed process was writing may be missing.
struct WriterSoak {
    struct Figures {
        var writers = 0
        var batches = 0
        var acknowledgedBatches = 0
        var killedBatches = 0
        var recordsPerBatch = 0
        var acknowledgedRecords = 0
        /// Acknowledged records not found: must be 0.
        var lostRecords = 0
        /// Records found more than once: must be 0.
        var duplicateRecords = 0
        /// Records of killed batches that were there anyway (written before the kill).
        var recordsOfKilledBatches = 0
        /// Lines that are not JSON: must be 0.
        var invalidLines = 0
        /// Partial last lines a killed writer left, found and cut back by the next writer.
        var tornTailsRepaired = 0
        var files = 0
        var seconds = 0.0

        var json: String {
            "{\"writers\":\(writers),\"batches\":\(batches),\"acknowledged_batches\":\(acknowledgedBatches),"
                + "\"killed_batches\":\(killedBatches),\"records_per_batch\":\(recordsPerBatch),"
                + "\"acknowledged_records\":\(acknowledgedRecords),\"lost_records\":\(lostRecords),"
                + "\"duplicate_records\":\(duplicateRecords),\"records_of_killed_batches\":\(recordsOfKilledBatches),"
                + "\"invalid_lines\":\(invalidLines),\"torn_tails_repaired\":\(tornTailsRepaired),"
                + "\"files\":\(files),\"seconds\":\(String(format: "%.1f", seconds))}"
        }
    }

    /// The `usage-logger` binary the writers run.
    let binary: String
    let directory: String
    let writers: Int
    let batchesPerWriter: Int
    let recordsPerBatch: Int
    /// The share of batches whose writer is killed, at a random moment of its expected run time.
    let killShare: Double

    func run() -> Figures {
        let logs = directory + "/logs"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": directory, "PET_LOG_DIR": logs, "PET_LOG_MAX_SIZE": "16MB",
            "PET_LOG_MAX_FILES": "1000",
        ]
        let outcomes = Outcomes()
        let timing = Timing()
        let started = Date()
        let done = DispatchGroup()
        for writer in 0..<writers {
            done.enter()
            let thread = Thread {
                defer { done.leave() }
                var random = SystemRandomNumberGenerator()
                let input = "\(directory)/batch-\(writer).jsonl"
                let errors = "\(directory)/stderr-\(writer).txt"
                for batch in 0..<batchesPerWriter {
                    writeBatch(writer: writer, batch: batch, to: input)
                    var kill: Kill?
                    if Double.random(in: 0..<1, using: &random) < killShare {
                        kill =
                            Bool.random(using: &random)
                            ? .anywhere(
                                afterMicroseconds: UInt32.random(in: 0...timing.killWindowMicroseconds, using: &random))
                            : .underLock(afterMicroseconds: UInt32.random(in: 0...600, using: &random))
                    }
                    let begin = DispatchTime.now().uptimeNanoseconds
                    let acknowledged = appendProcess(
                        [binary, "append", "usage", input], environment: environment, errors: errors, killing: kill)
                    if acknowledged, kill == nil { timing.add(DispatchTime.now().uptimeNanoseconds - begin) }
                    outcomes.add(writer: writer, batch: batch, acknowledged: acknowledged)
                }
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
        // The next write after the last kill repairs a torn tail: one more append, as the next writer would do.
        _ = appendProcess(
            [binary, "append", "usage", writeFinal()], environment: environment,
            errors: directory + "/stderr-final.txt",
            killing: nil)
        var figures = check(logs: logs, outcomes: outcomes)
        figures.seconds = Date().timeIntervalSince(started)
        figures.tornTailsRepaired = (0..<writers).map { "\(directory)/stderr-\($0).txt" }
            .appending(directory + "/stderr-final.txt")
            .reduce(0) { count, path in
                count
                    + ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
                    .components(separatedBy: "ended in a partial line").count - 1
            }
        return figures
    }

    private func writeBatch(writer: Int, batch: Int, to path: String) {
        let pad = String(repeating: "x", count: 400)
        var text = ""
        text.reserveCapacity(recordsPerBatch * 460)
        for index in 0..<recordsPerBatch {
            text += "{\"w\":\(writer),\"b\":\(batch),\"i\":\(index),\"pad\":\"\(pad)\"}\n"
        }
        try? text.write(toFile: path, atomically: false, encoding: .utf8)
    }

    private func writeFinal() -> String {
        let path = directory + "/final.jsonl"
        try? "{\"final\":true}\n".write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Reads every file of the log and compares it with what the writers acknowledged.
    private func check(logs: String, outcomes: Outcomes) -> Figures {
        var figures = Figures()
        figures.writers = writers
        figures.recordsPerBatch = recordsPerBatch
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: logs)) ?? []).filter {
            $0.hasPrefix("usage.jsonl") && !$0.hasSuffix(".lock")
        }
        figures.files = names.count
        var seen: [Int: Int] = [:]  // key: writer, batch, index packed
        for name in names {
            guard let data = FileManager.default.contents(atPath: logs + "/" + name) else { continue }
            for line in data.split(separator: 0x0A) {
                guard let json = try? JSONParser.parse([UInt8](line)) else {
                    figures.invalidLines += 1
                    continue
                }
                guard case .int(let writer)? = json["w"], case .int(let batch)? = json["b"],
                    case .int(let index)? = json["i"]
                else { continue }
                seen[(writer * 100_000 + batch) * 100_000 + index, default: 0] += 1
            }
        }
        for (key, acknowledged) in outcomes.all {
            figures.batches += 1
            let (writer, batch) = key
            let present = (0..<recordsPerBatch).map { seen[(writer * 100_000 + batch) * 100_000 + $0] ?? 0 }
            figures.duplicateRecords += present.reduce(0) { $0 + max(0, $1 - 1) }
            if acknowledged {
                figures.acknowledgedBatches += 1
                figures.acknowledgedRecords += recordsPerBatch
                figures.lostRecords += present.filter { $0 == 0 }.count
            } else {
                figures.killedBatches += 1
                figures.recordsOfKilledBatches += present.filter { $0 > 0 }.count
            }
        }
        return figures
    }

    /// When a writer is killed.
    enum Kill {
        /// This long after it starts: while it reads, parses, waits for the lock, writes, or after it ended.
        case anywhere(afterMicroseconds: UInt32)
        /// This long after it is seen holding the log's lock: while it repairs, rotates or writes.
        case underLock(afterMicroseconds: UInt32)
    }

    /// Runs one `append`, its standard error appended to `errors`, killed as `killing` says. True when it exited 0
    /// (the batch was acknowledged).
    private func appendProcess(_ argv: [String], environment: [String: String], errors: String, killing: Kill?) -> Bool
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, errors, O_WRONLY | O_CREAT | O_APPEND, 0o600)
        let args = argv.map { strdup($0) } + [nil]
        let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            args.forEach { free($0) }
            env.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, nil, args, env) == 0 else { return false }
        switch killing {
        case .anywhere(let delay)?:
            usleep(delay)
        case .underLock(let delay)?:
            while !holdsLock(pid), !hasEnded(pid) { usleep(50) }
            usleep(delay)
        case nil:
            break
        }
        // A process that already ended is a zombie until reaped: the signal then does no harm.
        if killing != nil { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        let exited = status & 0x7f == 0
        return exited && (status >> 8) & 0xff == 0
    }

    /// Whether `pid` holds an `flock` (Linux `/proc/locks`: `1: FLOCK  ADVISORY  WRITE <pid> …`); `append` takes
    /// only the log's lock.
    private func holdsLock(_ pid: pid_t) -> Bool {
        let text = (try? String(contentsOfFile: "/proc/locks", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").contains { line in
            let fields = line.split(separator: " ")
            return fields.count > 4 && fields[1] == "FLOCK" && fields[4] == "\(pid)"
        }
    }

    /// Whether `pid` has exited (a zombie waiting to be reaped, or gone), without reaping it.
    private func hasEnded(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// Which batches were acknowledged, from every writer thread.
    final class Outcomes: @unchecked Sendable {
        private let lock = NSLock()
        private var outcomes: [(Int, Int, Bool)] = []

        func add(writer: Int, batch: Int, acknowledged: Bool) {
            lock.withLock { outcomes.append((writer, batch, acknowledged)) }
        }

        var all: [((Int, Int), Bool)] { lock.withLock { outcomes.map { (($0.0, $0.1), $0.2) } } }
    }

    /// How long an unkilled append takes, so kills land at random moments of a real run: before, during or
    /// after the write.
    final class Timing: @unchecked Sendable {
        private let lock = NSLock()
        private var durations: [UInt64] = []

        func add(_ nanoseconds: UInt64) { lock.withLock { durations.append(nanoseconds) } }

        /// One and a half median runs, in microseconds (200 ms until one is known).
        var killWindowMicroseconds: UInt32 {
            lock.withLock {
                guard !durations.isEmpty else { return 200_000 }
                let median = durations.sorted()[durations.count / 2]
                return UInt32(min(UInt64(UInt32.max), median * 3 / 2 / 1_000))
            }
        }
    }
}

extension Array {
    fileprivate func appending(_ element: Element) -> [Element] { self + [element] }
}
