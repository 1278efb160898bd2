/// The metrics as an OTLP `ExportMetricsServiceRequest` in OTLP/HTTP's JSON encoding: the very families
/// `usage-logger metrics` exposes, each as one metric named the OpenTelemetry way (dots, the unit in `unit`),
/// chosen so that a collector's Prometheus exporter turns them back into the names `usage-logger metrics` prints
/// (`usage_logger.window.used` with unit `1` becomes `usage_logger_window_used_ratio`). Gauges stay gauges;
/// counters become cumulative monotonic sums counting from the oldest record the logs hold.
enum OTLPMetrics {
    /// The OTLP name and unit of each Prometheus family.
    static let names: [String: (name: String, unit: String)] = [
        "window_used_ratio": ("usage_logger.window.used", "1"),
        "window_resets_timestamp_seconds": ("usage_logger.window.resets_timestamp", "s"),
        "last_reading_timestamp_seconds": ("usage_logger.last_reading_timestamp", "s"),
        "reading_age_seconds": ("usage_logger.reading_age", "s"),
        "probe_last_success_timestamp_seconds": ("usage_logger.probe.last_success_timestamp", "s"),
        "probe_failures_total": ("usage_logger.probe.failures", "{failure}"),
        "active_diagnostics": ("usage_logger.active_diagnostics", "{diagnostic}"),
        "diagnostic_active": ("usage_logger.diagnostic.active", "{diagnostic}"),
        "claude_code_info": ("usage_logger.claude_code.info", ""),
        "limit_hits_total": ("usage_logger.limit_hits", "{hit}"),
        "session_tokens_total": ("usage_logger.session.tokens", "{token}"),
        "oldest_record_timestamp_seconds": ("usage_logger.oldest_record_timestamp", "s"),
    ]

    /// The request for `snapshot`, or nil when it holds no sample at all (nothing recorded yet).
    static func request(_ snapshot: MetricsSnapshot, resource: OTLPResource) -> JSONValue? {
        let time = OTLPResource.nanoseconds(snapshot.now)
        let start = OTLPResource.nanoseconds(
            snapshot.sources.values.compactMap(\.oldestRecord).min() ?? snapshot.now)
        var metrics: [JSONValue] = []
        for family in PrometheusExposition.families(snapshot) {
            let isCounter = family.type == "counter"
            let points: [JSONValue] = family.samples.compactMap { sample in
                guard sample.value.isFinite else { return nil }
                var members: [(String, JSONValue)] = [
                    ("attributes", .array(sample.labels.map { OTLPResource.keyValue($0.0, $0.1) }))
                ]
                if isCounter { members.append(("startTimeUnixNano", start)) }
                members += [("timeUnixNano", time), ("asDouble", .double(sample.value))]
                return .object(members)
            }
            guard !points.isEmpty else { continue }
            let named = names[family.name] ?? ("usage_logger." + family.name, "")
            let data: (String, JSONValue) =
                isCounter
                ? (
                    "sum",
                    .object([
                        ("dataPoints", .array(points)), ("aggregationTemporality", .int(2)),
                        ("isMonotonic", .bool(true)),
                    ])
                )
                : ("gauge", .object([("dataPoints", .array(points))]))
            metrics.append(
                .object([
                    ("name", .string(named.name)), ("description", .string(family.help)),
                    ("unit", .string(named.unit)), data,
                ]))
        }
        guard !metrics.isEmpty else { return nil }
        return .object([
            (
                "resourceMetrics",
                .array([
                    .object([
                        ("resource", resource.json),
                        (
                            "scopeMetrics",
                            .array([.object([("scope", OTLPResource.scope), ("metrics", .array(metrics))])])
                        ),
                    ])
                ])
            )
        ])
    }
}
