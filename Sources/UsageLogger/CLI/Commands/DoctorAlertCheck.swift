/// The alerts side of `doctor`: off, or the command (whether its program can be found, as the companion will look
/// for it) and the thresholds.
enum DoctorAlertCheck {
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
