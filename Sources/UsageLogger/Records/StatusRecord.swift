/// The `status.jsonl` record: `{timestamp, session_id, email, version, model, cwd, status_data, diagnostics}`,
/// the shape of the product's original design, so its jq recipes keep working.
public enum StatusRecord {
    /// Builds the record. `error` names what went wrong (nothing parsed, the probe failed); `raw` is kept then.
    public static func make(
        _ report: StatusReport, context: RecordContext, rawLines: [String], error: String? = nil,
        probe: JSONValue? = nil
    ) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("timestamp", .string(Timestamp.string(from: context.timestamp))),
            ("session_id", .from(context.sessionID)),
            ("email", .from(context.stored(email: report.email))),
            ("version", .from(report.version)),
            ("model", .from(report.model)),
            ("cwd", .from(context.cwd)),
            ("status_data", statusData(report)),
            ("diagnostics", diagnostics(report)),
        ]
        if let probe { members.append(("probe", probe)) }
        if let error { members.append(("error", .string(error))) }
        if error != nil || context.includeRaw { members.append(("raw", .string(RecordContext.rawText(rawLines)))) }
        return .object(members)
    }

    static func statusData(_ report: StatusReport) -> JSONValue {
        .object([
            ("session_id", .from(report.sessionID)),
            ("session_name", .from(report.sessionName)),
            ("session_kind", .from(report.sessionKind)),
            ("login_method", .from(report.loginMethod)),
            ("login", .from(report.login)),
            ("organization", .from(report.organization)),
            ("auth_token", .from(report.authToken)),
            ("api_key", .from(report.apiKey)),
            ("api_provider", .from(report.apiProvider)),
            ("working_directory", .from(report.workingDirectory)),
            ("model_id", .from(report.modelID)),
            (
                "mcp_servers",
                .array(report.mcpServers.map { .object([("name", .string($0.name)), ("state", .string($0.state))]) })
            ),
            ("mcp_summary", .from(report.mcpSummary)),
            ("memory", .from(report.memory)),
            ("setting_sources", .from(report.settingSources)),
            ("ide", .from(report.ide)),
            ("extra", .object(report.extra.map { ($0.label, .string($0.value)) })),
            ("notices", .array(report.notices.map(JSONValue.string))),
        ])
    }

    static func diagnostics(_ report: StatusReport) -> JSONValue {
        let mismatches = report.configMismatches
        let permissions = report.permissions
        // Null rather than [] when there is none: the original design's recipe
        // `select(.diagnostics.config_mismatches)` must pick only records that have one.
        let messages: JSONValue = mismatches.isEmpty ? .null : .array(mismatches.map { .string($0.message) })
        let details: JSONValue =
            mismatches.isEmpty
            ? .null
            : .array(
                mismatches.map {
                    .object([
                        ("running", .string($0.running)), ("configured", .string($0.configured)),
                        ("message", .string($0.message)),
                    ])
                })
        return .object([
            ("warnings", .array(report.diagnostics.map { .string($0.message) })),
            ("config_mismatches", messages),
            ("mismatch_details", details),
            (
                "permissions",
                .object([
                    ("auto_update", .from(permissions.autoUpdate)), ("requires_sudo", .from(permissions.requiresSudo)),
                ])
            ),
            ("items", .array(report.diagnostics.map(item))),
        ])
    }

    static func item(_ diagnostic: Diagnostic) -> JSONValue {
        .object([
            ("diagnostic_type", .string(diagnostic.kind.rawValue)),
            ("severity", .string(diagnostic.severity.rawValue)),
            ("message", .string(diagnostic.message)),
            ("details", .object(diagnostic.details.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })),
        ])
    }
}
