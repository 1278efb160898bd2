import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a command with stdin from a file, stdout to `stdoutPath` (created or truncated) and stderr to /dev/null; its
/// pid, or nil when it cannot start.
func spawnQuietly(
    _ argv: [String], stdinPath: String = "/dev/null", stdoutPath: String = "/dev/null", environment: [String: String]
) -> pid_t? {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, stdinPath, O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let args = argv.map { strdup($0) } + [nil]
    let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        args.forEach { free($0) }
        env.forEach { free($0) }
    }
    var pid: pid_t = 0
    guard posix_spawn(&pid, argv[0], &actions, nil, args, env) == 0 else { return nil }
    return pid
}

/// Runs a command with stdin from a file, stdout to `stdoutPath` and stderr to /dev/null; returns wall milliseconds
/// and peak RSS.
func spawnTimed(
    _ argv: [String], stdinPath: String, stdoutPath: String = "/dev/null", environment: [String: String]
) -> (ms: Double, rssKB: Int)? {
    let start = DispatchTime.now().uptimeNanoseconds
    guard let pid = spawnQuietly(argv, stdinPath: stdinPath, stdoutPath: stdoutPath, environment: environment)
    else { return nil }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
    let end = DispatchTime.now().uptimeNanoseconds
    return (Double(end - start) / 1e6, Int(usage.ru_maxrss))
}

/// Median and 95th percentile.
func percentiles(_ values: [Double]) -> (median: Double, p95: Double) {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return (0, 0) }
    return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.95))])
}

/// Resident memory of this process in KiB, open descriptors, and zombie children (Linux /proc).
func processFacts() -> (rssKB: Int, descriptors: Int, zombies: Int) {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let rss =
        status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
    let descriptors = ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    let me = getpid()
    var zombies = 0
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] where Int32(entry) != nil {
        guard let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { continue }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        if fields.count > 1, fields[0] == "Z", Int32(fields[1]) == me { zombies += 1 }
    }
    return (rss, descriptors, zombies)
}

/// Runs a command as `spawnTimed` does; returns wall milliseconds and its exit status (nil when killed by a signal or
/// when it cannot start).
func spawnExiting(_ argv: [String], stdinPath: String, environment: [String: String]) -> (ms: Double, status: Int32?) {
    let start = DispatchTime.now().uptimeNanoseconds
    guard let pid = spawnQuietly(argv, stdinPath: stdinPath, environment: environment) else { return (0, nil) }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    return (ms, status & 0x7f == 0 ? (status >> 8) & 0xff : nil)
}
