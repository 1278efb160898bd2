#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The OTLP resource every payload carries: who is reporting. `OTEL_RESOURCE_ATTRIBUTES` first (they may set
/// `service.name` and anything else), then `service.name=usage-logger` unless set, `service.version`,
/// `host.name`, and the account of the latest `/status` record as Claude Code's own OpenTelemetry names it
/// (`user.email`), so a dashboard joins our limit figures to its token and cost metrics; with
/// `PET_ANONYMIZE_EMAIL`, `user.hash` (the `sha256:<hex>` the records hold) instead, and no address at all.
struct OTLPResource: Sendable, Equatable {
    var attributes: [(key: String, value: String)]

    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.attributes.map(\.key) == rhs.attributes.map(\.key)
            && lhs.attributes.map(\.value) == rhs.attributes.map(\.value)
    }

    init(settings: OTLPSettings, account: String?, anonymizeEmail: Bool, host: String = Self.hostName()) {
        var attributes = settings.resourceAttributes
        func add(_ key: String, _ value: String) {
            if !attributes.contains(where: { $0.key == key }) { attributes.append((key, value)) }
        }
        add("service.name", "usage-logger")
        add("service.version", CLI.version)
        if !host.isEmpty { add("host.name", host) }
        if let account {
            if account.hasPrefix("sha256:") {
                add("user.hash", account)
            } else if account.contains("@") {
                if anonymizeEmail {
                    add("user.hash", RecordContext.anonymized(account))
                } else {
                    add("user.email", account)
                }
            }
        }
        self.attributes = attributes
    }

    var json: JSONValue {
        .object([("attributes", .array(attributes.map { OTLPResource.keyValue($0.key, $0.value) }))])
    }

    /// An OTLP `KeyValue` with a string value.
    static func keyValue(_ key: String, _ value: String) -> JSONValue {
        .object([("key", .string(key)), ("value", .object([("stringValue", .string(value))]))])
    }

    /// An OTLP `KeyValue` with a double value.
    static func keyValue(_ key: String, _ value: Double) -> JSONValue {
        .object([("key", .string(key)), ("value", .object([("doubleValue", .double(value))]))])
    }

    /// The instrumentation scope of every payload.
    static let scope: JSONValue = .object([("name", .string("usage-logger")), ("version", .string(CLI.version))])

    /// The machine's name as `gethostname` gives it (Foundation's `hostName` may ask DNS, which can hang).
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Nanoseconds since 1970 as OTLP's JSON wants a fixed64: a decimal string.
    static func nanoseconds(_ seconds: Double) -> JSONValue {
        .string(String(UInt64(max(0, seconds) * 1_000_000) * 1_000))
    }
}
