import Foundation
import Testing

@testable import UsageLogger

/// `PET_OTLP_ENDPOINT`, `PET_OTLP_HEADERS`, `PET_OTLP_TIMEOUT` and the standard `OTEL_*` variables: parsed up
/// front, bad values refused naming the variable, the headers' values never shown.
@Suite("OpenTelemetry settings")
struct OTLPSettingsTests {
    static let secret = "s3cr3t-t0ken"

    @Test("the endpoint is a base address; a trailing slash or /v1/metrics is dropped; other schemes exit 78")
    func endpoint() throws {
        for (given, expected) in [
            ("http://collector:4318", "http://collector:4318"),
            ("https://otlp.example.com/", "https://otlp.example.com"),
            ("http://c:4318/v1/metrics", "http://c:4318"),
            ("https://gw.example.com/otlp", "https://gw.example.com/otlp"),
        ] {
            let configuration = try Configuration(environment: ["HOME": "/h", "PET_OTLP_ENDPOINT": given])
            #expect(configuration.otlp?.endpoint == expected)
            #expect(configuration.otlp?.url(of: "logs") == expected + "/v1/logs")
        }
        #expect(try Configuration(environment: ["HOME": "/h"]).otlp == nil)
        for bad in ["collector:4318", "ftp://c", "http://", "http://c:4318/?x=1"] {
            #expect(throws: ConfigurationError.self) {
                try Configuration(environment: ["HOME": "/h", "PET_OTLP_ENDPOINT": bad])
            }
        }
        let (code, output) = runCLI(["config"], environment: ["PET_OTLP_ENDPOINT": "udp://x"])
        #expect(code == .configuration)
        #expect(output.standardError.contains("PET_OTLP_ENDPOINT"))
    }

    @Test("headers are key=value pairs with percent-decoded values; a bad one is refused without showing values")
    func headers() throws {
        let configuration = try Configuration(environment: [
            "HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318",
            "PET_OTLP_HEADERS": "Authorization=Bearer%20\(Self.secret), X-Scope-OrgID=team%2Cone",
        ])
        let settings = try #require(configuration.otlp)
        let headers = settings.headers
        #expect(headers.map(\.name) == ["Authorization", "X-Scope-OrgID"])
        #expect(headers.map(\.value) == ["Bearer \(Self.secret)", "team,one"])
        // Printing the settings never shows a value.
        let shown = "\(settings) \(String(reflecting: settings)) \(configuration.otlp as Any) \(configuration)"
        #expect(!shown.contains(Self.secret))
        for bad in ["Authorization", "=x", "Bad Name=\(Self.secret)", "A=%zz\(Self.secret)"] {
            do {
                _ = try Configuration(environment: [
                    "HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318", "PET_OTLP_HEADERS": bad,
                ])
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.description.contains("PET_OTLP_HEADERS"))
                #expect(!error.description.contains(Self.secret), "\(error)")
            }
        }
    }

    @Test("config shows PET_OTLP_HEADERS as set and hidden, in text and JSON")
    func configMasks() {
        let environment = [
            "PET_OTLP_ENDPOINT": "http://c:4318", "PET_OTLP_HEADERS": "Authorization=Bearer%20\(Self.secret)",
        ]
        for arguments in [["config"], ["config", "--json"]] {
            let (code, output) = runCLI(arguments, environment: environment)
            #expect(code == .success)
            #expect(output.standardOutput.contains("(set, hidden)"))
            #expect(!output.standardOutput.contains(Self.secret))
        }
    }

    @Test("PET_OTLP_TIMEOUT is 100 ms to 30 s, 2 s by default")
    func timeout() throws {
        let base = ["HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318"]
        #expect(try Configuration(environment: base).otlp?.timeoutMs == 2_000)
        #expect(
            try Configuration(environment: base.merging(["PET_OTLP_TIMEOUT": "500ms"]) { $1 }).otlp?.timeoutMs == 500)
        for bad in ["50ms", "31s", "soon"] {
            #expect(throws: ConfigurationError.self) {
                try Configuration(environment: base.merging(["PET_OTLP_TIMEOUT": bad]) { $1 })
            }
        }
    }

    @Test("OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME go into the resource; usage-logger fills in the rest")
    func resource() throws {
        let configuration = try Configuration(environment: [
            "HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318",
            "OTEL_RESOURCE_ATTRIBUTES": "team=core%20platform,deployment.environment=dev,broken",
        ])
        let settings = try #require(configuration.otlp)
        let resource = OTLPResource(settings: settings, account: "a@example.com", anonymizeEmail: false, host: "box")
        #expect(
            resource.attributes.map(\.key) == [
                "team", "deployment.environment", "service.name", "service.version", "host.name", "user.email",
            ])
        #expect(resource.attributes.first?.value == "core platform")
        #expect(resource.attributes.first { $0.key == "service.name" }?.value == "usage-logger")
        #expect(resource.attributes.last?.value == "a@example.com")

        let named = try Configuration(environment: [
            "HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318", "OTEL_SERVICE_NAME": "limits",
            "OTEL_RESOURCE_ATTRIBUTES": "service.name=ignored",
        ])
        let renamed = OTLPResource(settings: try #require(named.otlp), account: nil, anonymizeEmail: false, host: "")
        #expect(renamed.attributes.filter { $0.key == "service.name" }.map(\.value) == ["limits"])
    }

    @Test("with PET_ANONYMIZE_EMAIL the account goes as user.hash, never as an address")
    func anonymized() throws {
        let settings = try #require(
            try Configuration(environment: ["HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318"]).otlp)
        let hashed = OTLPResource(settings: settings, account: "A@Example.com", anonymizeEmail: true, host: "box")
        #expect(hashed.attributes.first { $0.key == "user.hash" }?.value == RecordContext.anonymized("A@Example.com"))
        #expect(!hashed.attributes.contains { $0.key == "user.email" || $0.value.contains("@") })
        let stored = OTLPResource(settings: settings, account: "sha256:abc", anonymizeEmail: false, host: "box")
        #expect(stored.attributes.first { $0.key == "user.hash" }?.value == "sha256:abc")
        let login = OTLPResource(settings: settings, account: "Claude Max account", anonymizeEmail: false, host: "b")
        #expect(!login.attributes.contains { $0.key.hasPrefix("user.") })
    }

    @Test("every Prometheus family has an OTLP name and unit, counters become cumulative monotonic sums")
    func metricNames() throws {
        try withTemporaryDirectory { dir throws in
            let source = [LogSource(path: PrometheusExpositionTests.logs(in: dir))]
            let snapshot = try PrometheusExpositionTests.snapshot(source)
            let families = PrometheusExposition.families(snapshot)
            #expect(families.count == OTLPMetrics.names.count)
            for family in families { #expect(OTLPMetrics.names[family.name] != nil, "\(family.name)") }
            let settings = try #require(
                try Configuration(environment: ["HOME": "/h", "PET_OTLP_ENDPOINT": "http://c:4318"]).otlp)
            let resource = OTLPResource(settings: settings, account: nil, anonymizeEmail: false, host: "box")
            let request = try #require(OTLPMetrics.request(snapshot, resource: resource))
            let metrics =
                request["resourceMetrics"]?.arrayValue?.first?["scopeMetrics"]?.arrayValue?.first?["metrics"]?
                .arrayValue ?? []
            let hits = try #require(metrics.first { $0["name"]?.stringValue == "usage_logger.limit_hits" })
            #expect(hits["sum"]?["isMonotonic"] == .bool(true))
            #expect(hits["sum"]?["aggregationTemporality"] == .int(2))
            #expect(hits["unit"]?.stringValue == "{hit}")
            let used = try #require(metrics.first { $0["name"]?.stringValue == "usage_logger.window.used" })
            #expect(used["unit"]?.stringValue == "1")
            #expect(used["gauge"]?["dataPoints"]?.arrayValue?.count == 2)
        }
    }
}
