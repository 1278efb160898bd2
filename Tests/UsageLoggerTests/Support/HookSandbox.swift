import Foundation

@testable import UsageLogger

/// A HOME with Claude Code's `projects/` and a log directory, for hook tests: transcripts are written under
/// `claude/projects/-home-user-probe/`, and the samples' `/home/user/.claude` paths point there.
struct HookSandbox {
    let root: String
    var claude: String { root + "/claude" }
    var project: String { claude + "/projects/-home-user-probe" }
    var logs: String { root + "/logs" }

    init(root: String) {
        self.root = root
        try? FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
    }

    var environment: [String: String] {
        [
            "HOME": root, "CLAUDE_CONFIG_DIR": claude, "PET_LOG_DIR": logs, "PET_USAGE_LOGGING_ENABLED": "1",
            "PET_CLAUDE_COMMAND": "/nonexistent/claude",
        ]
    }

    var configuration: Configuration {
        get throws { try Configuration(environment: environment) }
    }

    var handler: HookHandler {
        get throws {
            try FileManager.default.createDirectory(atPath: logs, withIntermediateDirectories: true)
            return HookHandler(configuration: try configuration, directory: logs)
        }
    }

    /// A sample payload (`hook-EVENT-2.1.330.json`) with its paths moved into the sandbox.
    func payload(_ event: String) -> String {
        Fixtures.text("hooks/hook-\(event)-2.1.330.json").replacingOccurrences(of: "/home/user/.claude", with: claude)
    }

    /// A payload for `event` about `session`, whose transcript is `project/<session>.jsonl`.
    func input(_ event: String, session: String, extra: [String: String] = [:]) -> HookInput {
        var members: [(String, JSONValue)] = [
            ("hook_event_name", .string(event)), ("session_id", .string(session)),
            ("transcript_path", .string(transcript(session))), ("cwd", .string("/home/user/probe")),
        ]
        for (key, value) in extra.sorted(by: { $0.key < $1.key }) { members.append((key, .string(value))) }
        return HookInput(.object(members))
    }

    func transcript(_ session: String) -> String { project + "/" + session + ".jsonl" }

    func write(_ lines: [String], session: String) {
        _ = FileManager.default.createFile(
            atPath: transcript(session), contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    func records(_ log: LogName) -> [JSONValue] {
        guard let text = try? String(contentsOfFile: logs + "/" + log.fileName, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONParser.parse(Array($0.utf8)) }
    }
}

/// Transcript lines in Claude Code's shape (2.1.330), small and exact.
enum TranscriptLines {
    static func assistant(
        message: String?, request: String?, model: String = "claude-sonnet-5-5", input: Int = 12, output: Int = 7,
        cacheRead: Int = 0, cacheCreation: Int = 0, time: String = "2026-11-30T02:54:54.228Z",
        sidechain: Bool = false, session: String = "s", text: String = "Hello"
    ) -> String {
        let id = message.map { #""id":"\#($0)","# } ?? ""
        let requestID = request.map { #""requestId":"\#($0)","# } ?? ""
        return
            #"{"parentUuid":"p","isSidechain":\#(sidechain),"message":{\#(id)"type":"message","role":"assistant","model":"\#(model)","content":[{"type":"text","text":"\#(text)"}],"stop_reason":null,"usage":{"input_tokens":\#(input),"cache_creation_input_tokens":\#(cacheCreation),"cache_read_input_tokens":\#(cacheRead),"output_tokens":\#(output),"service_tier":"standard"}},\#(requestID)"type":"assistant","uuid":"u","timestamp":"\#(time)","sessionId":"\#(session)","version":"2.1.330","cwd":"/home/user/probe"}"#
    }

    static func user(time: String = "2026-11-30T02:54:50.000Z", session: String = "s", text: String = "say hi")
        -> String
    {
        #"{"parentUuid":null,"isSidechain":false,"type":"user","message":{"role":"user","content":"\#(text)"},"uuid":"v","timestamp":"\#(time)","cwd":"/home/user/probe","sessionId":"\#(session)","version":"2.1.330"}"#
    }

    /// The line Claude Code 2.1.332 writes for a request refused for a plan limit (shortened).
    static func refused(time: String = "2026-11-30T07:51:19.663Z", session: String = "s") -> String {
        #"{"parentUuid":"e","isSidechain":false,"type":"assistant","uuid":"d","timestamp":"\#(time)","message":{"id":"0099ea1f","container":null,"model":"<synthetic>","role":"assistant","stop_reason":"stop_sequence","type":"message","usage":{"input_tokens":0,"output_tokens":0,"cache_creation_input_tokens":0,"cache_read_input_tokens":0},"content":[{"type":"text","text":"You've hit your 5-hour limit \u00b7 resets 8:51am (UTC)"}]},"requestId":"req_fake","apiError":"usage_limit_reached","error":"rate_limit","isApiErrorMessage":true,"apiErrorStatus":429,"cwd":"/home/user/probe","sessionId":"\#(session)","version":"2.1.332"}"#
    }

    static let failed =
        #"{"type":"assistant","isApiErrorMessage":true,"error":"rate_limit","timestamp":"2026-11-30T02:55:00.000Z","message":{"id":"x","model":"<synthetic>","content":[{"type":"text","text":"API Error"}]}}"#
}
