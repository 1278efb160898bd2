import Foundation
import UsageLogger

// usage-logger-bench: speed and memory figures, each against a baseline measured in the same run.
// Run through Benchmarks/run.sh, which builds the release binaries first.

let root = URL(
    fileURLWithPath: CommandLine.arguments.count > 1 && !CommandLine.arguments[1].hasPrefix("-")
        ? CommandLine.arguments[1] : FileManager.default.currentDirectoryPath)
let binary = root.appendingPathComponent(".build/release/usage-logger").path
let sample = root.appendingPathComponent("Tests/UsageLoggerTests/Fixtures/statusline-input.json").path
let cycles = ProcessInfo.processInfo.environment["BENCH_COMPANION_CYCLES"].flatMap(Int.init) ?? 10_000
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("usage-logger-bench-\(getpid())").path
try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: scratch) }

// `usage-logger-bench ROOT --report-page OUT.html [ZONE]`: the report page for a generated month (ReportPageDemo),
// for Benchmarks/report-page.sh to look at in a browser; prints how long rendering took.
if let flag = CommandLine.arguments.firstIndex(of: "--report-page") {
    let output = CommandLine.arguments.dropFirst(flag + 1).first ?? "report-page.html"
    let zone = CommandLine.arguments.dropFirst(flag + 2).first.flatMap(TimeZone.init(identifier:))
    let report = ReportPageDemo.month()
    let started = Date()
    let page = ReportPage.render(report, timeZone: zone ?? TimeZone(identifier: ReportPageDemo.timeZone) ?? .gmt)
    let milliseconds = Date().timeIntervalSince(started) * 1000
    try Data(page.utf8).write(to: URL(fileURLWithPath: output))
    print(String(format: "%@: %d bytes, rendered in %.1f ms", output, page.utf8.count, milliseconds))
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// A fast fake claude: prints a captured /usage screen and exits.
let fake = scratch + "/claude"
_ = FileManager.default.createFile(
    atPath: fake, contents: Data("#!/bin/sh\nexec cat \"$0.txt\"\n".utf8), attributes: [.posixPermissions: 0o755])
try Data(contentsOf: root.appendingPathComponent("Tests/UsageLoggerTests/Fixtures/usage-2.1.55.txt")).write(
    to: URL(fileURLWithPath: fake + ".txt"))
let configuration = try Configuration(environment: [
    "HOME": scratch, "PET_CLAUDE_COMMAND": fake, "PET_PROBE_DIR": scratch + "/probe", "PET_USAGE_LOGGING_ENABLED": "1",
])
let environment = ["PATH": "/usr/bin:/bin", "HOME": scratch]

// `usage-logger-bench ROOT --storm N`: only the emulator storm.
if let flag = CommandLine.arguments.firstIndex(of: "--storm") {
    let inputs = CommandLine.arguments.dropFirst(flag + 1).first.flatMap(Int.init) ?? 1_000_000
    print(String(format: "%.0f inputs/s", ControlSequenceStorm.run(inputs: inputs)))
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --companion-soak N`: only the companion soak, as one JSON line (a test runs it short).
if let flag = CommandLine.arguments.firstIndex(of: "--companion-soak") {
    let probes = CommandLine.arguments.dropFirst(flag + 1).first.flatMap(Int.init) ?? 600
    let soak = CompanionSoak(
        configuration: configuration, environment: environment, logDirectory: scratch + "/soak", warmUp: probes / 3)
    print(CompanionSoak.json(soak.run(probes: probes, checkpoints: [])))
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --escapes`: only the statusline against 1 MiB of `\u` escapes.
let escapedInput = scratch + "/escaped.json"
try Data(EscapedInput.document()).write(to: URL(fileURLWithPath: escapedInput))
func escapedStatuslineMilliseconds(runs: Int) -> Double {
    let times = (0..<runs).compactMap { _ in
        spawnTimed([binary, "statusline"], stdinPath: escapedInput, environment: environment)?.ms
    }
    return times.isEmpty ? 0 : times.sorted()[times.count / 2]
}
if CommandLine.arguments.contains("--escapes") {
    print(
        String(
            format: "parse %.2f ms, statusline %.2f ms", EscapedInput.parseMilliseconds(runs: 20),
            escapedStatuslineMilliseconds(runs: 20)))
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --writer-soak [WRITERS [BATCHES [RECORDS [KILL%]]]]`: only the writers' soak, as one
// JSON line (a test runs it short), with the usage-logger built beside this program.
if let flag = CommandLine.arguments.firstIndex(of: "--writer-soak") {
    let numbers = CommandLine.arguments.dropFirst(flag + 1).compactMap { Int($0) }
    let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    let soak = WriterSoak(
        binary: beside.appendingPathComponent("usage-logger").path, directory: scratch + "/writers",
        writers: numbers.first ?? 16, batchesPerWriter: numbers.dropFirst().first ?? 12,
        recordsPerBatch: numbers.dropFirst(2).first ?? 2_000,
        killShare: Double(numbers.dropFirst(3).first ?? 30) / 100)
    print(soak.run().json)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --generate DIR [YEARS]`: only write YEARS (default 1) of logs into DIR.
if let flag = CommandLine.arguments.firstIndex(of: "--generate"),
    let directory = CommandLine.arguments.dropFirst(flag + 1).first
{
    let years = CommandLine.arguments.dropFirst(flag + 2).first.flatMap(Int.init) ?? 1
    let written = try YearOfLogs(directory: directory, years: years).write()
    print("\(written.usageLines) usage lines, \(written.bytes) bytes in \(written.files) files")
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --read DIR`: only the report's reader over DIR, as `seconds samples bytes peakRSSKiB`.
if let flag = CommandLine.arguments.firstIndex(of: "--read"),
    let directory = CommandLine.arguments.dropFirst(flag + 1).first
{
    let alone = try ReportBench.readerAlone(directory: directory)
    print(alone.seconds, alone.samples, alone.bytes, alone.rssKB, alone.beforeKB)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

func row(_ name: String, _ value: String, _ note: String = "") {
    print(
        name.padding(toLength: 46, withPad: " ", startingAt: 0)
            + value.padding(toLength: 26, withPad: " ", startingAt: 0) + note)
}

// `usage-logger-bench ROOT --footprint [SCALE]`: only the cost of each PET_USAGE_SOURCE against the real Claude
// Code, one hour at 1/SCALE (default 12) of the default intervals; the three settings side by side.
if let flag = CommandLine.arguments.firstIndex(of: "--footprint") {
    let scale = CommandLine.arguments.dropFirst(flag + 1).first.flatMap(Int.init) ?? 12
    print("footprint: one hour at 1/\(scale) of the default intervals, \(Date())")
    let bench = FootprintBench(
        binary: binary, root: root, scratch: scratch, scale: scale,
        sample: root.appendingPathComponent("Tests/UsageLoggerTests/Fixtures/statusline-input-2.1.330-ratelimits.json")
            .path)
    _ = try bench.run(row: row)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

let reportBench = ReportBench(
    binary: binary, bench: CommandLine.arguments[0], scratch: scratch, environment: environment)
/// The report over 1 year (with the jq recipe) and 4 years (jq there only with BENCH_REPORT_JQ_4Y=1: it slurps
/// 1.5 GB and needs tens of GiB), against its goals.
func reportRows(years: [Int]) throws {
    for count in years {
        let withJQ = count == 1 || ProcessInfo.processInfo.environment["BENCH_REPORT_JQ_4Y"] == "1"
        let timings = try reportBench.run(years: count, withJQ: withJQ, row: row)
        guard let ours = timings.first else { continue }
        let jq = timings.first { $0.name.hasPrefix("jq") }
        let python = timings.first { $0.name.hasPrefix("python") }
        var goals = [String(format: "≤ 32 MiB %@", Double(ours.rssKB) / 1024 <= 32 ? "✔" : "✘")]
        if count == 1 { goals.insert(String(format: "≤ 1 s %@", ours.seconds <= 1 ? "✔" : "✘"), at: 0) }
        if let python {
            goals.append(String(format: "faster than python %@", ours.seconds < python.seconds ? "✔" : "✘"))
        }
        if let jq { goals.append(String(format: "≥ 25x jq %@", jq.seconds / ours.seconds >= 25 ? "✔" : "✘")) }
        row("  goals (\(count) year\(count == 1 ? "" : "s"))", "", goals.joined(separator: ", "))
    }
}

let metricsBench = MetricsBench(binary: binary, scratch: scratch, environment: environment)

// `usage-logger-bench ROOT --metrics [YEARS]`: only `metrics` against `report --format json`, at 1 year or YEARS.
if let flag = CommandLine.arguments.firstIndex(of: "--metrics") {
    let years = CommandLine.arguments.dropFirst(flag + 1).compactMap { Int($0) }.first ?? 1
    _ = try metricsBench.run(years: years, row: row)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

let otlpBench = OTLPBench(configuration: configuration, environment: environment, scratch: scratch)

// `usage-logger-bench ROOT --otlp [TURNS]`: only the CPU an OpenTelemetry push adds to a companion turn.
if let flag = CommandLine.arguments.firstIndex(of: "--otlp") {
    let turns = CommandLine.arguments.dropFirst(flag + 1).compactMap { Int($0) }.first ?? 200
    try otlpBench.run(turns: turns, row: row)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --report [YEARS]`: only the report's rows, at 1 year or the YEARS given (e.g. 1 4).
if let flag = CommandLine.arguments.firstIndex(of: "--report") {
    let years = CommandLine.arguments.dropFirst(flag + 1).compactMap { Int($0) }
    try reportRows(years: years.isEmpty ? [1] : years)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --hooks`: only the hook rows (SessionEnd on 100 MB, StopFailure against the statusline).
let hookBench = HookBench(binary: binary, sample: sample, scratch: scratch)
if CommandLine.arguments.contains("--hooks") {
    try hookBench.run(row: row)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

/// SQLite storage (PET_LOG_STORAGE_TYPE): `import` of a year of logs (in `year`, generated when empty; else in the
/// scratch directory) and the report from the database against from the JSONL.
func importRows(year: String?) throws {
    let directory = year ?? scratch + "/sqlite-year"
    defer { if year == nil { try? FileManager.default.removeItem(atPath: directory) } }
    try ImportBench(binary: binary, scratch: scratch, environment: environment).run(directory: directory, row: row)
}

/// SQLite storage: the statusline per storage type (`runs` renders each, interleaved).
func statuslineStorageRows(runs: Int) throws {
    try StatuslineStorageBench(binary: binary, sample: sample, scratch: scratch + "/statusline-storage").run(
        runs: runs, row: row)
}

/// SQLite storage: `writers` append processes at once, each running `appends` appends of `records` usage records
/// one after another, with jsonl (the baseline), hybrid and sqlite storage.
func databaseSoakRows(writers: Int, appends: Int, records: Int) {
    let soak = DatabaseSoak(
        binary: binary, directory: scratch + "/database-soak", writers: writers, appendsPerWriter: appends,
        recordsPerAppend: records)
    var baseline: Double?
    for storage in ["jsonl", "hybrid", "sqlite"] {
        let figures = soak.run(storage: storage)
        let rate = Double(soak.records) / figures.seconds
        var checks = ["\(figures.failedAppends) appends failed"]
        if let jsonl = figures.jsonl { checks.append("JSONL: \(jsonl.missing) missing, \(jsonl.duplicates) twice") }
        if let database = figures.database {
            checks.append(
                "database: \(database.missing) missing, \(database.duplicates) twice, \(database.samples) samples")
        }
        let ratio = baseline.map { String(format: "%.2fx the jsonl time; ", figures.seconds / $0) } ?? "baseline; "
        if baseline == nil { baseline = figures.seconds }
        row(
            "writers: \(writers)x\(appends) appends of \(records) at once, \(storage)",
            String(format: "%.2f s, %.0f records/s", figures.seconds, rate), ratio + checks.joined(separator: ", "))
    }
}

// `usage-logger-bench ROOT --import [DIR]`: only the import and the report from the database, over the year of logs
// in DIR (`--generate DIR` writes one; generated here when DIR is left out or empty).
if let flag = CommandLine.arguments.firstIndex(of: "--import") {
    try importRows(year: CommandLine.arguments.dropFirst(flag + 1).first)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --statusline-storage`: only the statusline per storage type.
if CommandLine.arguments.contains("--statusline-storage") {
    try statuslineStorageRows(runs: 200)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

// `usage-logger-bench ROOT --sqlite [DIR]`: every SQLite storage row: import and report (as --import), the
// statusline per storage type, and writers at once on one database.
if let flag = CommandLine.arguments.firstIndex(of: "--sqlite") {
    try statuslineStorageRows(runs: 200)
    databaseSoakRows(writers: 4, appends: 10, records: 50)
    try importRows(year: CommandLine.arguments.dropFirst(flag + 1).first)
    try? FileManager.default.removeItem(atPath: scratch)
    exit(0)
}

print("usage-logger benchmarks, \(Date()), \(ProcessInfo.processInfo.processorCount) cores")
print(String(repeating: "-", count: 100))

// 1. statusline: wall time per invocation against `/bin/true` (the spawn floor) and a node script.
let runs = 200
var results: [String: (median: Double, p95: Double, rss: Int)] = [:]
let node =
    "let d='';process.stdin.on('data',c=>d+=c).on('end',()=>{const j=JSON.parse(d);"
    + "console.log(`${j.model.display_name} | ctx ${j.context_window.used_percentage}% | 5h ${j.rate_limits.five_hour.used_percentage}%`)})"
let contenders: [(String, [String])] = [
    ("/bin/true", ["/bin/true"]),
    ("usage-logger statusline", [binary, "statusline"]),
    ("node -e (same line)", ["/usr/bin/env", "node", "-e", node]),
]
for (name, argv) in contenders {
    var times: [Double] = []
    for _ in 0..<runs {
        guard let result = spawnTimed(argv, stdinPath: sample, environment: environment) else { break }
        times.append(result.ms)
    }
    // Peak RSS through a small intermediate process: a vfork'd child inherits the spawner's high-water mark.
    var rss = 0
    for _ in 0..<10 {
        rss = max(rss, spawnTimed(["/usr/bin/env"] + argv, stdinPath: sample, environment: environment)?.rssKB ?? 0)
    }
    let stats = percentiles(times)
    results[name] = (stats.median, stats.p95, rss)
    row(
        "statusline: \(name)", String(format: "median %.2f ms, p95 %.2f ms", stats.median, stats.p95),
        String(format: "peak RSS %.1f MiB", Double(rss) / 1024))
}
if let ours = results["usage-logger statusline"], let floor = results["/bin/true"],
    let nodeTimes = results["node -e (same line)"]
{
    row("  ratio to /bin/true", String(format: "%.1fx", ours.median / floor.median), "goal: within 3x")
    row("  node / usage-logger", String(format: "%.1fx faster", nodeTimes.median / ours.median), "goal: at least 10x")
}

// 1b. the statusline against 1 MiB of `\u` escapes on stdin (the input cap), against its normal input above.
let escapedParse = EscapedInput.parseMilliseconds(runs: 20)
let escapedRun = escapedStatuslineMilliseconds(runs: 20)
row("statusline: 1 MiB of \\u escapes, parse only", String(format: "median %.2f ms", escapedParse), "in-process")
row(
    "statusline: 1 MiB of \\u escapes (binary)", String(format: "median %.2f ms", escapedRun),
    String(format: "normal input %.2f ms", results["usage-logger statusline"]?.median ?? 0))

// 1c. the hook command: SessionEnd over 100 MB, StopFailure against the statusline.
try hookBench.run(row: row)

// 1d. the statusline with logging on for each PET_LOG_STORAGE_TYPE: renders that record nothing (and must not open
//     the database) and renders that record.
try statuslineStorageRows(runs: 200)

// 2. probe overhead: a probe of a fake claude that prints and exits, against running that fake alone.
let prober = Prober(configuration: configuration, environment: environment)
var probeTimes: [Double] = []
var alone: [Double] = []
for _ in 0..<100 {
    let start = DispatchTime.now().uptimeNanoseconds
    _ = prober.run(.usage)
    probeTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    alone.append(spawnTimed([fake], stdinPath: "/dev/null", environment: environment)?.ms ?? 0)
}
let probeMedian = percentiles(probeTimes).median
let aloneMedian = percentiles(alone).median
row("probe: fake claude alone", String(format: "median %.2f ms", aloneMedian))
row(
    "probe: the same through usage-logger", String(format: "median %.2f ms", probeMedian),
    String(format: "overhead %.2f ms", probeMedian - aloneMedian))

// 3. append throughput: records/s through the locked, rotating writer, against plain unlocked appends.
let line = String(repeating: "x", count: 300)
let records = 20_000
let plainPath = scratch + "/plain.jsonl"
let plain = open(plainPath, O_WRONLY | O_CREAT | O_APPEND, 0o600)
var start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<records { _ = (line + "\n").withCString { write(plain, $0, strlen($0)) } }
close(plain)
let plainRate = Double(records) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
let writer = LogWriter(directory: scratch, maxSize: 1 << 20, maxFiles: 100)
start = DispatchTime.now().uptimeNanoseconds
for _ in 0..<records { try writer.append(["{\"x\":\"\(line)\"}"], to: .usage) }
let writerRate = Double(records) / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
row("append: plain write(), no lock", String(format: "%.0f records/s", plainRate))
row(
    "append: LogWriter, one writer", String(format: "%.0f records/s", writerRate),
    String(format: "%.1fx slower than plain", plainRate / writerRate))
let input = scratch + "/input.jsonl"
try String(repeating: "{\"x\":\"\(line)\"}\n", count: 5_000).write(toFile: input, atomically: true, encoding: .utf8)
let appendEnvironment = environment.merging([
    "PET_LOG_DIR": scratch + "/multi", "PET_LOG_MAX_SIZE": "1MB", "PET_LOG_MAX_FILES": "100",
]) { $1 }
start = DispatchTime.now().uptimeNanoseconds
DispatchQueue.concurrentPerform(iterations: 4) { _ in
    _ = spawnTimed([binary, "append", "usage"], stdinPath: input, environment: appendEnvironment)
}
let multiRate = 20_000 / (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
row("append: 4 processes at once (usage-logger)", String(format: "%.0f records/s", multiRate), "rotation at 1 MB")

// 3a. 16 writer processes of large batches (8,000 records, about 3.6 MB, each) at once, rotation on, a third of
//     them killed with SIGKILL at random moments: every line must parse and no acknowledged record be lost.
let writerSoak = WriterSoak(
    binary: binary, directory: scratch + "/writers", writers: 16,
    batchesPerWriter: ProcessInfo.processInfo.environment["BENCH_WRITER_BATCHES"].flatMap(Int.init) ?? 12,
    recordsPerBatch: 8_000, killShare: 0.3
).run()
row(
    "writers: 16 processes, kill -9 at random",
    "\(writerSoak.acknowledgedBatches) of \(writerSoak.batches) batches acknowledged",
    "\(writerSoak.killedBatches) killed, \(String(format: "%.1f", writerSoak.seconds)) s")
row(
    "  acknowledged records lost", "\(writerSoak.lostRecords) of \(writerSoak.acknowledgedRecords)",
    "goal: 0; duplicates \(writerSoak.duplicateRecords)")
row(
    "  lines that do not parse", "\(writerSoak.invalidLines) in \(writerSoak.files) files",
    "goal: 0; \(writerSoak.tornTailsRepaired) torn tails cut back by the next writer")
row(
    "  records of killed batches found anyway", "\(writerSoak.recordsOfKilledBatches)",
    "written before the kill (a batch is not atomic across a kill)")

// 3b. the terminal emulator against a million inputs of extreme control sequences (it must survive each one),
//     against the same number of plain-text inputs.
let stormInputs = ProcessInfo.processInfo.environment["BENCH_STORM_INPUTS"].flatMap(Int.init) ?? 1_000_000
let stormRate = ControlSequenceStorm.run(inputs: stormInputs)
row(
    "emulator: \(stormInputs) extreme control-sequence inputs", String(format: "%.0f inputs/s", stormRate),
    "no crash")

// 4. companion: memory and descriptors over many probes against the fast fake, in this one process (same pid),
//    with no recycling: growth is measured from probe 500 (warm) to the last.
let soak = CompanionSoak(
    configuration: configuration, environment: environment, logDirectory: scratch + "/companion", warmUp: 500)
let points = soak.run(probes: cycles, checkpoints: [1_000, 5_000])
if let warm = points.first {
    row("companion: after \(warm.probes) probes (warm)", "RSS \(warm.rssKB) KiB", "\(warm.descriptors) descriptors")
    for point in points.dropFirst() {
        let growth = point.rssKB - warm.rssKB
        row(
            "companion: after \(point.probes) probes",
            "RSS \(point.rssKB) KiB (\(growth >= 0 ? "+" : "")\(growth))",
            "\(point.descriptors) descriptors, \(point.zombies) zombies")
    }
    if let last = points.last {
        row(
            "  growth from probe \(warm.probes) to \(last.probes)",
            String(format: "%.2f MiB", Double(last.rssKB - warm.rssKB) / 1024), "goal: under 1 MiB")
    }
}

// 5. The real companion binary at the shortest intervals settings allow (100 ms): its RSS from /proc as probes
//    pass, one process throughout.
let binaryLogs = scratch + "/binary"
let companionEnvironment = environment.merging([
    "PET_USAGE_LOGGING_ENABLED": "1", "PET_LOG_DIR": binaryLogs, "PET_CLAUDE_COMMAND": fake,
    "PET_PROBE_DIR": scratch + "/probe", "PET_USAGE_LOG_INTERVAL": "100", "PET_STATUS_LOG_INTERVAL": "100",
]) { $1 }
let companionProcess = Process()
companionProcess.executableURL = URL(fileURLWithPath: binary)
companionProcess.arguments = ["run"]
companionProcess.environment = companionEnvironment
companionProcess.standardError = FileHandle.nullDevice
try companionProcess.run()
func probesSoFar() -> Int {
    ["usage.jsonl", "status.jsonl"].reduce(0) { total, name in
        total
            + ((try? String(contentsOfFile: binaryLogs + "/" + name, encoding: .utf8))?.split(separator: "\n").count
                ?? 0)
    }
}
func companionRSS() -> Int {
    let status =
        (try? String(contentsOfFile: "/proc/\(companionProcess.processIdentifier)/status", encoding: .utf8)) ?? ""
    return status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }
        .flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
}
var samples: [(Int, Int)] = []
for target in [100, 400, 800] {
    while probesSoFar() < target, companionProcess.isRunning { usleep(20_000) }
    samples.append((probesSoFar(), companionRSS()))
}
companionProcess.terminate()
companionProcess.waitUntilExit()
for (probes, rss) in samples {
    row("companion binary: \(probes) probes (pid \(companionProcess.processIdentifier))", "RSS \(rss) KiB", "")
}

// 6. The report over a year and four years of per-minute logs, against jq, python and cat in the same run.
try reportRows(years: [1, 4])

// 6b. `metrics` over a year of logs against `report --format json` in the same run (goal: within 2x).
_ = try metricsBench.run(years: 1, row: row)
// 7. SQLite storage: writers at once on one database, then the import of a year and the report from the database.
databaseSoakRows(writers: 4, appends: 10, records: 50)
try importRows(year: nil)

// 6c. The CPU an OpenTelemetry push adds to a companion turn (goal: at most 5 ms).
try otlpBench.run(turns: 200, row: row)
