/// The alerts side of `doctor`: off, or the command (whether its program can be found, as the companion will look
/// for it, and for `sh -c '…'` whether the tools the README's ready commands use are there) and the thresholds.
enum DoctorAlertCheck {
    /// The tools the README's ready commands run inside `sh -c`: a script that cannot find one fails quietly (`jq`
    /// missing makes an empty notification), so they are looked for.
    static let tools = ["jq", "curl", "notify-send", "osascript"]

    static func missingTools(in command: [String], path: String?) -> [String] {
        guard command.count >= 3, ["sh", "bash", "dash", "zsh"].contains(command[0].split(separator: "/").last ?? ""),
            command[1] == "-c"
        else { return [] }
        let words = Set(command[2].split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init))
        return tools.filter { words.contains($0) }.filter { tool in
            guard case .failure = ExecutableResolver.locate(tool, path: path, variable: "") else { return false }
            return true
        }
    }

    static func check(_ context: CommandContext) -> DoctorCommand.Check {
        let configuration = context.configuration
        guard let command = configuration.alertCommand, let program = command.first else {
            return DoctorCommand.Check(level: .ok, title: "alerts", detail: "off (PET_ALERT_COMMAND)")
        }
        let thresholds = configuration.alertThresholds.map { ReportTimeFormat.number($0) + " %" }.joined(
            separator: ", ")
        switch ExecutableResolver.locate(
            program, path: context.environment["PATH"], variable: Setting.alertCommand.name)
        {
        case .success(let path):
            let missing = missingTools(in: command, path: context.environment["PATH"])
            if !missing.isEmpty {
                return DoctorCommand.Check(
                    level: .warning, title: "alerts",
                    detail: "the command uses \(missing.joined(separator: ", ")), not found on PATH",
                    fix: "install \(missing.count == 1 ? "it" : "them"); `usage-logger alert test` tries the command")
            }
            return DoctorCommand.Check(
                level: .ok, title: "alerts",
                detail: "\(path) at \(thresholds), forecasts, limit hits and new warnings",
                fix: nil)
        case .failure(let notRunnable):
            return DoctorCommand.Check(
                level: .failure, title: "alerts", detail: notRunnable.problem,
                fix: "set PET_ALERT_COMMAND to a program on PATH or its full path; `usage-logger alert test` tries it")
        }
    }
}
