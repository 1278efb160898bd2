import Foundation

/// `usage-logger statusline`: Claude Code's statusLine command. Reads the JSON on stdin (bounded), prints one
/// line, and always exits 0: a failing or empty statusline blanks Claude Code's. With logging on it also records
/// the session, writes a usage record from `rate_limits` once per usage interval (`UsageSourcePolicy`), and
/// starts the companion if none runs. It never runs `claude` itself.
enum StatuslineCommand {
    static let chainOption = CommandSpec.Option(
        name: "--chain", valueName: "COMMAND",
        help: "also run COMMAND (another statusLine, through /bin/sh) and show its first line after ours")

    static let spec = CommandSpec(
        name: "statusline", abstract: "Claude Code's statusLine command: one line from its JSON on stdin",
        options: [chainOption],
        discussion: """
            Claude Code's statusLine command. `usage-logger setup statusline` adds it to ~/.claude/settings.json;
            by hand:
              { "statusLine": { "type": "command", "command": "usage-logger statusline" } }

            Reads Claude Code's JSON on stdin (at most 1 MiB, at most 0.3 s) and prints one line: model, context
            used, 5-hour and 7-day usage with time to reset, session cost. Parts and order come from
            PET_STATUSLINE_FORMAT (placeholders {model} {context} {five_hour} {seven_day} {five_hour_pace}
            {seven_day_pace} {cost} {version} {session} {cwd}, parts separated by ' | '; unknown values are left
            out). Yellow at 80%, red at 95%, no colour with NO_COLOR. {five_hour_pace} and {seven_day_pace} compare
            the percent used with the share of the window's time elapsed: "12 ahead" (yellow from 10), "16 behind",
            "on pace"; left out when the reset time is unknown.

            With logging on it also records the session, appends a usage record from rate_limits once per
            PET_USAGE_LOG_INTERVAL (a render up to 5 s early counts), and starts the companion
            (`run --idle-exit 30m`) if none is running. The companion stops 30 minutes after the last render, and
            Claude Code renders only on activity: to keep an open, idle session recorded, set "refreshInterval": 60
            in the statusLine setting (Claude Code 2.1.97+).

            --chain COMMAND (written by `setup statusline --chain`) keeps another statusLine: COMMAND gets the same
            JSON on stdin through /bin/sh -c, and its first line, cleaned of control sequences (colours kept), is
            shown after ours, separated by ' | '. It has 200 ms; one still running then is killed with its process
            group. A COMMAND that fails, hangs or prints nothing leaves our line as it is.
            """,
        exitCodes: [.init(.success, meaning: "always, whatever the input")])

    /// The longest the statusline waits for a lock (its own, or a log's) before it skips recording the render.
    static let lockWaitMs = 5

    /// `configuration` is nil when the settings are invalid: the line is still printed, nothing recorded.
    /// Shown at the end of the line while a `PET_*` setting is invalid: nothing is recorded until it is fixed.
    static let settingsProblemMarker = "⚠ usage-logger: run 'usage-logger doctor'"

    static func run(
        configuration: Configuration?, settingsProblem: Bool = false, environment: [String: String], console: Console,
        input: () -> [UInt8],
        currentDirectory: String, executablePath: String? = nil, chain: String? = nil
    ) -> ExitCode {
        let now = Date()
        let bytes = input()
        var data = StatuslineData(try? JSONParser.parse(bytes))
        var limitsAge: TimeInterval?
        var directory: LogDirectory?
        // A session started in the probe directory is one of our probes, not the user's (belt and braces).
        let inProbeDirectory =
            data.cwd.map { cwd in configuration.map { cwd.hasPrefix($0.probeDirectory) } ?? false } ?? false
        if let configuration, configuration.loggingEnabled, !inProbeDirectory {
            let chosen = LogDirectory.choose(configuration: configuration, currentDirectory: currentDirectory)
            directory = try? chosen.prepare(configuration: configuration)
        }
        let saved = directory.flatMap { SessionContext.load(from: $0.path) }
        if data.rateLimits == nil, let saved, let limits = saved.rateLimits, let at = saved.rateLimitsAt {
            data.applyRateLimits(limits)  // keep the last known reading, and say how old it is
            limitsAge = now.timeIntervalSince(at)
        }
        let format = configuration?.statuslineFormat ?? Setting.statuslineFormat.defaultValue
        let color = (environment["NO_COLOR"] ?? "").isEmpty
        var line = StatuslineRenderer(format: format, color: color, now: now).render(data, limitsAge: limitsAge)
        // A bad setting records nothing (never with half a configuration), and says so where it will be seen.
        if settingsProblem { line += " | " + Self.settingsProblemMarker }
        if let chain, !chain.isEmpty,
            let other = ChainedStatusline.firstLine(
                of: chain, input: bytes, environment: environment, workingDirectory: currentDirectory, color: color)
        {
            line += " | " + other
        }
        console.line(line)
        if let configuration, let directory {
            record(
                data, fresh: limitsAge == nil, configuration: configuration, environment: environment,
                directory: directory.path, now: now, executablePath: executablePath)
        }
        return .success
    }

    private static func record(
        _ data: StatuslineData, fresh: Bool, configuration: Configuration,
        environment: [String: String], directory: String, now: Date, executablePath: String?
    ) {
        // Another render (or a stuck process) holding the lock: skip recording this render rather than wait.
        guard
            let lock = try? FileLock.acquire(
                LogPaths(directory: directory).statuslineLock, waitingAtMostMilliseconds: lockWaitMs)
        else { return }
        defer { lock.unlock() }
        var context = SessionContext.load(from: directory) ?? SessionContext(updatedAt: now)
        // Only a render from a Claude Code session (it always sends its id) says Claude Code is in use: a render
        // without one (`statusline < /dev/null` by hand, `{}`) must not make the last session look current, or
        // the companion would tag its records with it for another hour, nor start a companion.
        let fromSession = data.sessionID != nil
        if fromSession {
            let sameSession = context.sessionID == data.sessionID
            context.updatedAt = now
            context.sessionID = data.sessionID
            context.cwd = data.cwd ?? (sameSession ? context.cwd : nil)
            context.model = data.model ?? context.model
            context.version = data.version ?? context.version
            // Claude Code's own cost of the session, for the row the SessionEnd hook writes.
            if let id = data.sessionID, let cost = data.costUSD { context.remember(cost: cost, of: id) }
        } else if !fresh || data.rateLimits == nil {
            return  // nothing to record
        }
        if fresh, let limits = data.rateLimits {
            context.rateLimits = limits
            context.rateLimitsAt = now
            let due = UsageSourcePolicy(configuration).statuslineRecordIsDue(
                lastRecord: context.lastUsageRecord, now: now)
            if due, appendUsageRecord(data, configuration: configuration, directory: directory, now: now) {
                context.lastUsageRecord = now
            }
        }
        try? context.save(in: directory, privacy: RecordPrivacy(configuration: configuration))
        guard fromSession else { return }
        CompanionLauncher.startIfNeeded(
            executable: executablePath, directory: directory, configuration: configuration, environment: environment)
    }

    /// A usage record with `source: "statusline"` from `rate_limits`, built like a probe's.
    private static func appendUsageRecord(
        _ data: StatuslineData, configuration: Configuration, directory: String, now: Date
    ) -> Bool {
        let context = RecordContext(timestamp: now, sessionID: data.sessionID, cwd: data.cwd)
        let record = UsageRecord.make(
            data.usageReport, context: context, rawLines: [], source: "statusline", totalTokens: data.totalTokens)
        let sink = RecordSink(directory: directory, configuration: configuration)
        return (try? sink.append([record], to: .usage, lockWaitMs: lockWaitMs)) != nil
    }
}
