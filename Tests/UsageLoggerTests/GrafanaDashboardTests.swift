import Foundation
import Testing

@testable import UsageLogger

/// `examples/grafana/usage-logger-dashboard.json` stays a dashboard Grafana imports, over metrics `metrics` prints.
/// (Benchmarks/prometheus-check.sh runs each of its queries against a real Prometheus.)
@Suite("Grafana dashboard")
struct GrafanaDashboardTests {
    static func dashboard() throws -> JSONValue {
        let path = Fixtures.packageRoot.appendingPathComponent("examples/grafana/usage-logger-dashboard.json").path
        return try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    }

    @Test("it has the fields Grafana needs: title, uid, schemaVersion, the datasource variable, panels with targets")
    func schema() throws {
        let dashboard = try Self.dashboard()
        #expect(dashboard["title"]?.stringValue?.isEmpty == false)
        #expect(dashboard["uid"]?.stringValue == "usage-logger")
        #expect((dashboard["schemaVersion"]?.intValue ?? 0) >= 30)
        let variables = dashboard["templating"]?["list"]?.arrayValue ?? []
        #expect(
            variables.contains { $0["type"]?.stringValue == "datasource" && $0["query"]?.stringValue == "prometheus" })
        let panels = dashboard["panels"]?.arrayValue ?? []
        #expect(panels.count >= 6)
        #expect(Set(panels.compactMap { $0["id"]?.intValue }).count == panels.count)
        for panel in panels {
            #expect(panel["type"]?.stringValue != nil)
            #expect(panel["gridPos"]?["w"]?.intValue != nil && panel["gridPos"]?["h"]?.intValue != nil)
            #expect(panel["datasource"]?["uid"]?.stringValue == "${datasource}")
            let targets = panel["targets"]?.arrayValue ?? []
            #expect(!targets.isEmpty)
            #expect(targets.allSatisfy { $0["expr"]?.stringValue != nil && $0["refId"]?.stringValue != nil })
        }
    }

    @Test("every metric its queries name is one `metrics` prints; it shows windows, limit hits, warnings, versions")
    func metricNames() throws {
        let text = try withTemporaryDirectory { dir throws in
            let logs = PrometheusExpositionTests.logs(in: dir)
            return PrometheusExposition.render(try PrometheusExpositionTests.snapshot([LogSource(path: logs)]))
        }
        let printed = Set(
            text.split(separator: "\n").filter { $0.hasPrefix("# TYPE ") }.map { String($0.split(separator: " ")[2]) })
        let expressions = (try Self.dashboard()["panels"]?.arrayValue ?? []).flatMap { panel in
            (panel["targets"]?.arrayValue ?? []).compactMap { $0["expr"]?.stringValue }
        }
        var named = Set<String>()
        for expression in expressions {
            var rest = Substring(expression)
            while let start = rest.range(of: PrometheusExposition.prefix) {
                let name = rest[start.lowerBound...].prefix { $0.isLetter || $0 == "_" }
                named.insert(String(name))
                rest = rest[name.endIndex...]
            }
        }
        #expect(named.isSubset(of: printed), "not printed: \(named.subtracting(printed))")
        for needed in [
            "window_used_ratio", "limit_hits_total", "diagnostic_active", "claude_code_info",
        ] {
            #expect(named.contains(PrometheusExposition.prefix + needed))
        }
    }
}
