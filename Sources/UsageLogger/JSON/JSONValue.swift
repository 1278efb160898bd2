/// A JSON value whose objects keep their keys in the order they were built, so every record is written with
/// the same, readable key order (`timestamp` first), which `jq` users and diffs appreciate.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)): return a == b
        case (.object(let a), .object(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: return false
        }
    }

    /// The value under `key` when this is an object.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.0 == key }?.1
    }

    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    public var arrayValue: [JSONValue]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// A number as a `Double`, whether written whole or not.
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    public var intValue: Int? {
        if case .int(let value) = self { return value }
        return nil
    }
}

extension JSONValue {
    /// An optional string as a JSON string or `null`.
    static func from(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    static func from(_ value: Int?) -> JSONValue { value.map(JSONValue.int) ?? .null }
    static func from(_ value: Bool?) -> JSONValue { value.map(JSONValue.bool) ?? .null }
    static func from(_ value: Double?) -> JSONValue {
        guard let value else { return .null }
        if value.rounded() == value, abs(value) < 1e15 { return .int(Int(value)) }
        return .double(value)
    }
}
