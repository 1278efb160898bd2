/// The OpenTelemetry side of `doctor`: with `PET_OTLP_ENDPOINT`, whether the collector takes a request with no data
/// points (sent with the headers, so a wrong address or token shows here before any payload waits for it), and
/// what waits in the spool or was dropped.
struct DoctorTelemetryCheck {
    typealias Check = DoctorCommand.Check
    let configuration: Configuration
    let logDirectory: String

    func checks() -> [Check] {
        guard let settings = configuration.otlp else { return [] }
        let title = "OpenTelemetry collector"
        let resource = OTLPResource(settings: settings, account: nil, anonymizeEmail: true)
        let empty: JSONValue = .object([
            ("resourceMetrics", .array([.object([("resource", resource.json), ("scopeMetrics", .array([]))])]))
        ])
        let response = OTLPTransport(headers: settings.headers).post(
            Array(empty.serialized().utf8), to: settings.url(of: "metrics"), timeoutMs: settings.timeoutMs)
        let detail = response.problem.map { " (\($0))" } ?? ""
        var checks: [Check] = []
        switch response.status {
        case let status? where response.isSuccess:
            checks.append(
                Check(
                    level: .ok, title: title, detail: "\(settings.shownEndpoint) took a test request (HTTP \(status))"))
        case 401?, 403?:
            checks.append(
                Check(
                    level: .failure, title: title,
                    detail: "\(settings.shownEndpoint) refused the credentials: HTTP \(response.status ?? 0)\(detail)",
                    fix: "check the token in PET_OTLP_HEADERS (e.g. Authorization=Bearer%20TOKEN)"))
        case let status?:
            checks.append(
                Check(
                    level: .failure, title: title, detail: "\(settings.shownEndpoint) answered HTTP \(status)\(detail)",
                    fix: "check PET_OTLP_ENDPOINT: the collector's OTLP/HTTP base address (port 4318 by default), "
                        + "without /v1/metrics"))
        case nil:
            checks.append(
                Check(
                    level: .warning, title: title, detail: "\(settings.shownEndpoint): no answer\(detail)",
                    fix: "check PET_OTLP_ENDPOINT and that the collector runs; meanwhile the payloads wait on disk"))
        }
        let pending = OTLPSpool(logDirectory: logDirectory).entries()
        let state = OTLPState.load(logDirectory: logDirectory)
        if !pending.isEmpty || state.dropped > 0 {
            let bytes = ByteCount.text(pending.reduce(0) { $0 + $1.size })
            let dropped = state.dropped > 0 ? "; \(state.dropped) dropped so far (spool full or refused)" : ""
            checks.append(
                Check(
                    level: pending.isEmpty ? .ok : .warning, title: "OpenTelemetry spool",
                    detail: "\(pending.count) payload\(pending.count == 1 ? "" : "s") waiting (\(bytes))\(dropped)",
                    fix: "they go, oldest first, with the next push once the collector answers"))
        }
        return checks
    }
}
