import Foundation

/// `usage-logger doctor`: checks what usage-logger needs and says how to fix what fails. Exit 0 when healthy,
/// 1 otherwise. Prints no credential: `claude auth status` gives email and plan only, masked if asked.
enum DoctorCommand {
    struct Check {
        enum Level: String { case ok = "✔", warning = "!", failure = "✘" }
        let level: Level
        let title: String
        let detail: String
        var fix: String?
    }

    static let spec = CommandSpec(
        name: "doctor", abstract: "Check claude, the login, the logs and free space; say how to fix problems",
        discussion: """
            Checks and prints, each with a fix when it fails: the claude command and its version, whether you are
            signed in (email and plan; masked with PET_ANONYMIZE_EMAIL), the log directory and its permissions, the
            age of the last record in each log, rotation, free space, whether a companion process is running, and
            whether its /usage probes run signed out while the statusline shows plan limits (a sign-in through
            CLAUDE_CODE_OAUTH_TOKEN, which Claude Code does not pass to its statusline), and whether Claude Code's
            settings run usage-logger's statusline and hooks from a program that exists and is this usage-logger
            (`usage-logger setup all` sets them), what the settings cost per hour (probes of claude, API requests,
            CPU seconds), with SQLite storage whether the database opens, is sound and current, with alerts
            whether PET_ALERT_COMMAND's program can be found, and with PET_OTLP_ENDPOINT whether the collector takes
            a test request with the headers, and what waits in the spool. Never prints credentials.
            """,
        exitCodes: [
            .init(.success, meaning: "healthy"), .init(.failure, meaning: "a check failed"),
            .init(.configuration, meaning: "bad setting"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        var checks = claudeChecks(context)
        checks.append(probeDirectoryCheck(context.configuration))
        checks += DoctorLogChecks(context: context).checks()
        checks += DoctorSetupChecks(context: context).checks()
        checks.append(DoctorFootprintCheck.check(context))
        checks.append(DoctorAlertCheck.check(context))
        for check in checks {
            context.console.line("\(check.level.rawValue) \(check.title): \(check.detail)")
            if let fix = check.fix, check.level != .ok { context.console.line("    fix: \(fix)") }
        }
        let failures = checks.filter { $0.level == .failure }.count
        let warnings = checks.filter { $0.level == .warning }.count
        if failures > 0 {
            context.console.line("\(failures) problem\(failures == 1 ? "" : "s") found")
        } else if !context.configuration.loggingEnabled {
            // Nothing fails, but nothing is recorded either: a fresh install is not "healthy".
            context.console.line(
                "not set up yet: logging is off, so nothing is recorded; next: usage-logger setup all --enable-logging")
        } else {
            context.console.line(
                warnings == 0 ? "healthy" : "healthy, with \(warnings) warning\(warnings == 1 ? "" : "s") (!) above")
        }
        return failures == 0 ? .success : .failure
    }

    /// Whether probes can run in `PET_PROBE_DIR`: ours, or new (then made, as the first probe would).
    private static func probeDirectoryCheck(_ configuration: Configuration) -> Check {
        do {
            let directory = try ProbeDirectory(path: configuration.probeDirectory).prepare()
            return Check(level: .ok, title: "probe directory", detail: directory)
        } catch let error as ProbeDirectory.NotOurs {
            return Check(
                level: .failure, title: "probe directory", detail: "\(error.path): \(error.reason)",
                fix: "point PET_PROBE_DIR at a new directory, or unset it for the default")
        } catch {
            return Check(
                level: .failure, title: "probe directory", detail: "\(configuration.probeDirectory): \(error)",
                fix: "fix its permissions or point PET_PROBE_DIR elsewhere")
        }
    }

    private static func claudeChecks(_ context: CommandContext) -> [Check] {
        // A claude that cannot be found gets its own fix, said once (the message of a failed run carries none).
        if case .failure(let error) = ExecutableResolver.locate(
            context.configuration.claudeCommand, path: context.environment["PATH"],
            variable: Setting.claudeCommand.name)
        {
            return [Check(level: .failure, title: "claude", detail: error.problem, fix: error.fix)]
        }
        let quick = QuickCommand(configuration: context.configuration, environment: context.environment)
        let version = quick.run(["--version"])
        guard let versionResult = version.result, versionResult.exitStatus == 0 else {
            return [
                Check(
                    level: .failure, title: "claude", detail: version.problem ?? "`claude --version` failed",
                    fix: "install Claude Code, or set PET_CLAUDE_COMMAND to the full path of claude")
            ]
        }
        var checks = [
            Check(
                level: .ok, title: "claude",
                detail: versionResult.text.split(separator: "\n").last.map(String.init)?.trimmed ?? ""
            )
        ]
        let auth = quick.run(["auth", "status"])
        let json = auth.result.flatMap { result -> JSONValue? in
            guard let start = result.text.firstIndex(of: "{") else { return nil }
            return try? JSONParser.parse(String(result.text[start...]).trimmed)
        }
        if let json, json["loggedIn"] == .bool(true) {
            let email = json["email"]?.stringValue.map { context.recordContext(at: Date()).stored(email: $0) ?? $0 }
            let plan = json["subscriptionType"]?.stringValue ?? json["authMethod"]?.stringValue ?? "unknown plan"
            let detail = [email, plan].compactMap { $0 }.joined(separator: ", ")
            if json["authMethod"]?.stringValue == "oauth_token", context.configuration.usageSource != .statusline {
                // Claude Code does not pass the variable to its statusline, nor so to the companion it starts.
                checks.append(
                    Check(
                        level: .warning, title: "signed in",
                        detail: "\(detail) through CLAUDE_CODE_OAUTH_TOKEN, which Claude Code does not pass to its "
                            + "statusline: a companion the statusline starts probes signed out",
                        fix: SignedOutProbe.fix))
            } else {
                checks.append(Check(level: .ok, title: "signed in", detail: detail))
            }
        } else if json != nil {
            checks.append(
                Check(
                    level: .warning, title: "signed in", detail: "no: /usage will show no plan limits",
                    fix: "run `claude auth login`"))
        } else {
            checks.append(
                Check(level: .warning, title: "signed in", detail: "cannot tell (`claude auth status` gave no answer)"))
        }
        return checks
    }
}
