import Foundation

/// Where and how the OpenTelemetry push goes: `PET_OTLP_ENDPOINT`, `PET_OTLP_HEADERS`, `PET_OTLP_TIMEOUT`, and
/// the standard `OTEL_RESOURCE_ATTRIBUTES` and `OTEL_SERVICE_NAME`. The headers hold secrets (tokens): no
/// description, error or record of this value ever shows them.
public struct OTLPSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The collector's base address without a trailing slash, e.g. `http://collector:4318`.
    public var endpoint: String
    /// Request headers, values percent-decoded: passed to the HTTP client only.
    var headers: [(name: String, value: String)]
    public var timeoutMs: Int
    /// `OTEL_RESOURCE_ATTRIBUTES`, in order, with `OTEL_SERVICE_NAME` as `service.name` when set.
    public var resourceAttributes: [(key: String, value: String)]

    /// The URL of one signal (`metrics`, `logs`), as OTLP/HTTP exporters build it from a base endpoint.
    public func url(of signal: String) -> String { endpoint + "/v1/" + signal }

    /// The endpoint as it can be shown: without a user name or password in it.
    public var shownEndpoint: String {
        guard let scheme = endpoint.range(of: "://"), let at = endpoint[scheme.upperBound...].firstIndex(of: "@"),
            !endpoint[scheme.upperBound..<at].contains("/")
        else { return endpoint }
        return String(endpoint[..<scheme.upperBound]) + "…@" + endpoint[endpoint.index(after: at)...]
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.endpoint == rhs.endpoint && lhs.timeoutMs == rhs.timeoutMs
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
            && lhs.resourceAttributes.map { [$0.key, $0.value] } == rhs.resourceAttributes.map { [$0.key, $0.value] }
    }

    public var description: String {
        "OTLP to \(shownEndpoint) (\(headers.count) header\(headers.count == 1 ? "" : "s"), hidden)"
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["description": description]) }

    /// The settings from the parsed values and the environment; nil when `PET_OTLP_ENDPOINT` is unset.
    static func parse(_ values: SettingValues, environment: [String: String]) throws(ConfigurationError) -> Self? {
        guard let raw = values.raw(.otlpEndpoint) else { return nil }
        let endpoint = try Self.endpoint(raw)
        let headers = try Self.headers(values.raw(.otlpHeaders) ?? "")
        let timeout = try values.milliseconds(.otlpTimeout, minimum: 100)
        guard timeout <= 30_000 else {
            throw ConfigurationError(
                variable: Setting.otlpTimeout.name, value: values.raw(.otlpTimeout) ?? "",
                allowed: "use a duration from 100 ms to 30 s, such as 2s or 500ms")
        }
        var attributes = Self.resourceAttributes(environment["OTEL_RESOURCE_ATTRIBUTES"] ?? "")
        if let service = environment["OTEL_SERVICE_NAME"]?.trimmingCharacters(in: .whitespaces), !service.isEmpty {
            attributes.removeAll { $0.key == "service.name" }
            attributes.append(("service.name", service))
        }
        return OTLPSettings(endpoint: endpoint, headers: headers, timeoutMs: timeout, resourceAttributes: attributes)
    }

    /// `http://host:port` or `https://…`, optionally with a path prefix; a trailing slash or `/v1/metrics` that
    /// people copy from other exporters' settings is dropped.
    static func endpoint(_ text: String) throws(ConfigurationError) -> String {
        var value = text
        for suffix in ["/v1/metrics", "/v1/logs"] where value.hasSuffix(suffix) { value.removeLast(suffix.count) }
        while value.hasSuffix("/") { value.removeLast() }
        let lower = value.lowercased()
        let scheme = lower.hasPrefix("http://") ? "http://" : lower.hasPrefix("https://") ? "https://" : nil
        guard let scheme, value.count > scheme.count,
            !value.contains(where: { $0.isWhitespace || $0 == "?" || $0 == "#" })
        else {
            throw ConfigurationError(
                variable: Setting.otlpEndpoint.name, value: text,
                allowed:
                    "use the collector's OTLP/HTTP address, such as http://localhost:4318 or https://otlp.example.com")
        }
        return value
    }

    /// `key=value,key2=value2` as `OTEL_EXPORTER_OTLP_HEADERS` has it: values percent-decoded. An error never
    /// repeats the value (it holds a token): it says which entry is wrong.
    static func headers(_ text: String) throws(ConfigurationError) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        let tokenCharacters = Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
        for (index, entry) in text.split(separator: ",", omittingEmptySubsequences: true).enumerated() {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            let value = parts.count == 2 ? parts[1].trimmingCharacters(in: .whitespaces).removingPercentEncoding : nil
            guard parts.count == 2, !name.isEmpty, name.allSatisfy(tokenCharacters.contains), let value,
                !value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" })
            else {
                throw ConfigurationError(
                    variable: Setting.otlpHeaders.name, value: "(hidden)",
                    allowed: "entry \(index + 1) is not name=value with a header name and a percent-encoded value; "
                        + "use e.g. Authorization=Bearer%20TOKEN,X-Scope-OrgID=team")
            }
            headers.append((name, value))
        }
        return headers
    }

    /// `OTEL_RESOURCE_ATTRIBUTES`: `key=value` pairs separated by commas, values percent-decoded; malformed pairs
    /// are passed over, as the OpenTelemetry SDKs do.
    static func resourceAttributes(_ text: String) -> [(key: String, value: String)] {
        var attributes: [(key: String, value: String)] = []
        for entry in text.split(separator: ",") {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { continue }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, let value = parts[1].trimmingCharacters(in: .whitespaces).removingPercentEncoding
            else { continue }
            attributes.removeAll { $0.key == key }
            attributes.append((key, value))
        }
        return attributes
    }
}
