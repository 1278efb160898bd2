import Foundation

/// `usage-logger hook`: a `SessionEnd` over a generated 100 MB transcript (goal ≤ 1 s and ≤ 32 MiB peak RSS, and
/// the row's tokens exact), and a `StopFailure` against the statusline's time measured in the same run (goal
/// within 2×), runs of the two interleaved so that a busy machine slows both alike.
struct HookBench {
    let binary: String
    let sample: String
    let scratch: String

    /// The generated transcript: every response written as three content blocks (output growing to its final
    /// count), a user line between responses, padding text so that lines are the size real ones are, every tenth
    /// response a sidechain. Returns the exact totals a correct count gives.
    static func writeTranscript(to path: String, megabytes: Int) throws -> (input: Int, output: Int, total: Int) {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let padding = String(repeating: "lorem ipsum dolor sit amet ", count: 30)
        var input = 0
        var output = 0
        var total = 0
        var requests = 0
        var written = 0
        var chunk = ""
        while written < megabytes * 1_000_000 {
            let number = requests
            let tokens = (input: number % 97, output: 100 + number % 13, read: 20_000 + number, write: number % 7)
            let second = 10 + number % 50
            let time = "2026-11-30T0\(number % 10):\(second):\(second).123Z"
            for block in 0..<3 {
                let out = block == 2 ? tokens.output : 1
                chunk +=
                    #"{"parentUuid":"p","isSidechain":\#(number % 10 == 0),"message":{"id":"msg_\#(number)","type":"message","role":"assistant","model":"claude-sonnet-5-5","content":[{"type":"text","text":"\#(padding)"}],"usage":{"input_tokens":\#(tokens.input),"cache_creation_input_tokens":\#(tokens.write),"cache_read_input_tokens":\#(tokens.read),"output_tokens":\#(out)}},"requestId":"req_\#(number)","type":"assistant","uuid":"u","timestamp":"\#(time)","sessionId":"bench","version":"2.1.332","cwd":"/home/user/project"}"#
                    + "\n"
            }
            chunk +=
                #"{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"\#(padding)"},"uuid":"v","timestamp":"\#(time)","cwd":"/home/user/project","sessionId":"bench","version":"2.1.332"}"#
                + "\n"
            input += tokens.input
            output += tokens.output
            total += tokens.input + tokens.output + tokens.read + tokens.write
            requests += 1
            if chunk.utf8.count > 1 << 20 {
                written += chunk.utf8.count
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        return (input, output, total)
    }

    func run(row: (String, String, String) -> Void) throws {
        let home = scratch + "/hooks"
        let project = home + "/.claude/projects/-home-user-project"
        let logs = home + "/logs"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        let transcript = project + "/bench.jsonl"
        let expected = try Self.writeTranscript(to: transcript, megabytes: 100)
        let size = (try? FileManager.default.attributesOfItem(atPath: transcript)[.size] as? Int) ?? 0
        let environment = [
            "PATH": "/usr/bin:/bin", "HOME": home, "PET_LOG_DIR": logs, "PET_USAGE_LOGGING_ENABLED": "1",
            "PET_PROBE_DIR": home + "/probe",
        ]
        let end = home + "/session-end.json"
        try Data(
            #"{"session_id":"bench","transcript_path":"\#(transcript)","cwd":"/home/user/project","hook_event_name":"SessionEnd","reason":"other"}"#
                .utf8
        ).write(to: URL(fileURLWithPath: end))

        // SessionEnd: each run from a fresh index, so each reads and counts the whole transcript.
        var times: [Double] = []
        var rss = 0
        for run in 0..<10 {
            try? FileManager.default.removeItem(atPath: logs + "/sessions-index.tsv")
            // Peak RSS through /usr/bin/env on every other run (a vfork'd child inherits the spawner's mark).
            let argv = run % 2 == 0 ? [binary, "hook"] : ["/usr/bin/env", binary, "hook"]
            guard let result = spawnTimed(argv, stdinPath: end, environment: environment) else { break }
            if run % 2 == 0 { times.append(result.ms) } else { rss = max(rss, result.rssKB) }
        }
        let rows = ((try? String(contentsOfFile: logs + "/sessions.jsonl", encoding: .utf8)) ?? "")
            .split(separator: "\n")
        let last = rows.last.flatMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let tokens = last?["tokens"] as? [String: Any]
        let exact =
            tokens?["input"] as? Int == expected.input && tokens?["output"] as? Int == expected.output
            && tokens?["total"] as? Int == expected.total
        let sessionEnd = percentiles(times)
        row(
            "hook SessionEnd, \(size / 1_000_000) MB transcript",
            String(format: "median %.0f ms, p95 %.0f ms", sessionEnd.median, sessionEnd.p95),
            String(
                format: "peak RSS %.1f MiB, %.0f MB/s, tokens %@", Double(rss) / 1024,
                Double(size) / 1e3 / sessionEnd.median, exact ? "exact" : "WRONG"))
        row(
            "  goals", "",
            String(
                format: "≤ 1 s %@, ≤ 32 MiB %@, exact %@", sessionEnd.median <= 1_000 ? "✔" : "✘",
                Double(rss) / 1024 <= 32 ? "✔" : "✘", exact ? "✔" : "✘"))

        // StopFailure against the statusline, interleaved.
        let failure = home + "/stop-failure.json"
        try Data(
            #"{"session_id":"bench","transcript_path":"\#(transcript)","cwd":"/home/user/project","hook_event_name":"StopFailure","error":"rate_limit","last_assistant_message":"API Error: Request rejected (429) · This request would exceed your account's rate limit."}"#
                .utf8
        ).write(to: URL(fileURLWithPath: failure))
        var hook: [Double] = []
        var statusline: [Double] = []
        for _ in 0..<200 {
            if let result = spawnTimed([binary, "hook"], stdinPath: failure, environment: environment) {
                hook.append(result.ms)
            }
            if let result = spawnTimed([binary, "statusline"], stdinPath: sample, environment: environment) {
                statusline.append(result.ms)
            }
        }
        let hookStats = percentiles(hook)
        let statuslineStats = percentiles(statusline)
        let ratio = hookStats.median / max(statuslineStats.median, 0.001)
        row(
            "hook StopFailure, 200 runs",
            String(format: "median %.2f ms, p95 %.2f ms", hookStats.median, hookStats.p95),
            String(format: "statusline same run: median %.2f ms", statuslineStats.median))
        row("  ratio to statusline", String(format: "%.2fx", ratio), "goal: within 2x \(ratio <= 2 ? "✔" : "✘")")
    }
}
