import Foundation
import UsageLogger

/// Writes years of realistic logs for the report benchmark: a usage record a minute (mostly `/usage` probes with
/// three windows whose percentages rise with the working day and fall back at their resets, some statusline
/// records, about 2 % errors with their screen text), a status record an hour and a few diagnostics, rotated the way
/// `LogWriter` rotates at the default `PET_LOG_MAX_SIZE` (10 MB), every rotated file kept.
struct YearOfLogs {
    let directory: String
    let years: Int
    var maxSize = 10 << 20
    /// 2025-12-01T00:00:00Z.
    var start: Double = 1_764_547_200

    /// What was written.
    struct Written {
        var usageLines = 0
        var statusLines = 0
        var diagnosticLines = 0
        var bytes = 0
        var files = 0
    }

    func write() throws -> Written {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written = Written()
        var usage = RotatingFile(directory: directory, name: "usage.jsonl", maxSize: maxSize)
        var status = RotatingFile(directory: directory, name: "status.jsonl", maxSize: maxSize)
        var diagnostics = RotatingFile(directory: directory, name: "diagnostics.jsonl", maxSize: maxSize)
        var random = SplitMix(seed: 12)
        var windows = WindowModel(start: start)
        let minutes = years * 525_600
        var session = uuid(&random)
        for minute in 0..<minutes {
            let time = start + Double(minute) * 60 + Double(random.next() % 3000) / 1000
            if minute % 240 == 0 { session = uuid(&random) }
            let active = windows.advance(to: time, random: &random)
            let roll = random.next() % 1000
            let line: String
            if roll < 20 {
                line = errorLine(time: time, session: session, kind: Int(roll % 4))
            } else if roll < 170 {
                line = statuslineLine(time: time, session: session, windows: windows, active: active)
            } else {
                line = commandLine(time: time, session: session, windows: windows, random: &random)
            }
            try usage.append(line)
            written.usageLines += 1
            if minute % 60 == 30 {
                try status.append(statusLine(time: time + 7, session: session, minute: minute))
                written.statusLines += 1
            }
            if minute % 20_160 == 600 {  // a warning every two weeks, resolved three days later
                try diagnostics.append(diagnosticLine(time: time + 9, session: session, event: "appeared"))
                try diagnostics.append(
                    diagnosticLine(time: time + 3 * 86_400 + 9, session: session, event: "resolved"))
                written.diagnosticLines += 2
            }
        }
        for var file in [usage, status, diagnostics] {
            let done = try file.finish()
            written.bytes += done.bytes
            written.files += done.files
        }
        return written
    }

    private func uuid(_ random: inout SplitMix) -> String {
        let hex = String(format: "%016llx%016llx", random.next(), random.next())
        let characters = Array(hex)
        return String(characters[0..<8]) + "-" + String(characters[8..<12]) + "-4" + String(characters[13..<16])
            + "-a" + String(characters[17..<20]) + "-" + String(characters[20..<32])
    }

    private func commandLine(time: Double, session: String, windows: WindowModel, random: inout SplitMix) -> String {
        let shown = windows.all.enumerated().map { index, window in
            "{\"name\":\"\(window.name)\",\"used_percent\":\(Int(window.used)),\"resets\":\"\(window.resetsText)\","
                + "\"resets_at\":\"\(Self.stamp(window.resetsAt))\"}"
        }
        let count = random.next() % 3 == 0 ? 2 : 3
        let duration = 2400 + Int(random.next() % 1500)
        return "{\"timestamp\":\"\(Self.stamp(time))\",\"session_id\":\"\(session)\",\"cwd\":\"/home/dev/project\","
            + "\"usage_data\":{\"source\":\"command\",\"state\":\"ok\",\"windows\":["
            + shown.prefix(count).joined(separator: ",")
            + "],\"extra_usage\":null,\"cost\":null,\"total_tokens\":null,\"error\":null,\"duration_ms\":\(duration)},"
            + "\"probe\":{\"command\":[\"/home/dev/.local/bin/claude\",\"/usage\"],\"exit_status\":143,\"signal\":null,"
            + "\"timed_out\":false,\"closed_by_usage_logger\":true,\"output_bytes\":\(5200 + duration % 900),"
            + "\"truncated\":false,\"duration_ms\":\(duration)}}"
    }

    private func statuslineLine(time: Double, session: String, windows: WindowModel, active: Bool) -> String {
        let shown = windows.all.prefix(2).map { window in
            "{\"name\":\"\(window.name)\",\"used_percent\":\(window.used),\"resets\":null,"
                + "\"resets_at\":\"\(Self.stamp(window.resetsAt))\"}"
        }
        return "{\"timestamp\":\"\(Self.stamp(time))\",\"session_id\":\"\(session)\",\"cwd\":\"/home/dev/project\","
            + "\"usage_data\":{\"source\":\"statusline\",\"state\":\"ok\",\"windows\":["
            + shown.joined(separator: ",")
            + "],\"extra_usage\":null,\"cost\":null,\"total_tokens\":null,\"error\":null,\"duration_ms\":null}}"
    }

    private func errorLine(time: Double, session: String, kind: Int) -> String {
        let (state, type, message, code, top, raw): (String, String, String, String, String, String) =
            switch kind {
            case 0:
                (
                    "error", "rate_limit_error", "Rate limited. Please try again later.", "null",
                    "/usage reported an error: rate_limit_error",
                    "Settings  Status   Config   Usage\\n\\n Error: Rate limited. Please try again later.\\n\\n"
                        + " \u{2500}\u{2500}\u{2500}\u{2500}\\n Esc to cancel"
                )
            case 1:
                (
                    "error", "authentication_error", "OAuth token has expired. Please run /login.",
                    "\"token_expired\"", "/usage reported an error: authentication_error",
                    "Settings  Status   Config   Usage\\n\\n Error: {\\\"type\\\":\\\"authentication_error\\\","
                        + "\\\"message\\\":\\\"OAuth token has expired\\\"}\\n\\n Esc to cancel"
                )
            case 2:
                (
                    "loading", "usage_logger", "the usage screen was still loading after 30 s", "null",
                    "the usage screen was still loading after 30 s",
                    "Settings  Status   Config   Usage\\n\\n Loading usage data\u{2026}\\n\\n Esc to cancel"
                )
            default:
                (
                    "error", "usage_logger", "timed out after 45 s", "null", "timed out after 45 s",
                    "\u{256D}\u{2500}\u{2500}\u{2500} Claude Code \u{2500}\u{2500}\u{2500}\u{256E}\\n"
                        + "\u{2502} Welcome back! \u{2502}\\n\u{2570}\u{2500}\u{2500}\u{2500}\u{256F}"
                )
            }
        return "{\"timestamp\":\"\(Self.stamp(time))\",\"session_id\":\"\(session)\",\"cwd\":\"/home/dev/project\","
            + "\"usage_data\":{\"source\":\"command\",\"state\":\"\(state)\",\"windows\":[],\"extra_usage\":null,"
            + "\"cost\":null,\"total_tokens\":null,\"error\":{\"type\":\"\(type)\",\"message\":\"\(message)\","
            + "\"code\":\(code)},\"duration_ms\":31000},\"probe\":{\"command\":[\"/home/dev/.local/bin/claude\","
            + "\"/usage\"],\"exit_status\":143,\"signal\":null,\"timed_out\":\(kind == 3),"
            + "\"closed_by_usage_logger\":true,\"output_bytes\":4100,\"truncated\":false,\"duration_ms\":31000},"
            + "\"error\":\"\(top)\",\"raw\":\"\(raw)\"}"
    }

    private func statusLine(time: Double, session: String, minute: Int) -> String {
        let version = "2.1.\(300 + minute / 43_200)"  // a new release a month
        return "{\"timestamp\":\"\(Self.stamp(time))\",\"session_id\":\"\(session)\",\"email\":\"dev@example.com\","
            + "\"version\":\"\(version)\",\"model\":\"Default (claude-opus-5-5)\",\"cwd\":\"/home/dev/project\","
            + "\"status_data\":{\"session_id\":\"db522cca-3302-493e-9d13-397dde954e50\",\"session_name\":null,"
            + "\"session_kind\":\"interactive\",\"login_method\":\"Claude Max account\",\"login\":null,"
            + "\"organization\":\"dev@example.com's Organization\",\"auth_token\":\"none\",\"api_key\":null,"
            + "\"api_provider\":null,\"working_directory\":\"/home/dev/project\",\"model_id\":\"claude-opus-5-5\","
            + "\"mcp_servers\":[],\"mcp_summary\":null,\"memory\":null,\"setting_sources\":null,\"ide\":null,"
            + "\"extra\":{}},\"diagnostics\":{\"warnings\":[],\"config_mismatches\":null,\"mismatch_details\":null,"
            + "\"permissions\":{\"auto_update\":null,\"requires_sudo\":null},\"items\":[]},\"probe\":{\"command\":"
            + "[\"/home/dev/.local/bin/claude\",\"/status\"],\"exit_status\":143,\"signal\":null,\"timed_out\":false,"
            + "\"closed_by_usage_logger\":true,\"output_bytes\":6781,\"truncated\":false,\"duration_ms\":2941}}"
    }

    private func diagnosticLine(time: Double, session: String, event: String) -> String {
        "{\"timestamp\":\"\(Self.stamp(time))\",\"session_id\":\"\(session)\",\"diagnostic_type\":\"path\","
            + "\"severity\":\"warning\",\"message\":\"Native installation exists but ~/.local/bin is not in your "
            + "PATH. Run: echo 'export PATH=\\\"$HOME/.local/bin:$PATH\\\"' >> ~/.bashrc && source ~/.bashrc\","
            + "\"details\":{\"event\":\"\(event)\",\"directory\":\"~/.local/bin\"}}"
    }

    static func stamp(_ seconds: Double) -> String { Timestamp.string(from: Date(timeIntervalSince1970: seconds)) }
}
