/// A setting with a value we cannot use: names the variable, the value and what is allowed.
public struct ConfigurationError: Error, CustomStringConvertible, Equatable {
    public let variable: String
    public let value: String
    public let allowed: String

    public var description: String {
        "\(variable)='\(value)' is not valid: \(allowed)"
    }
}
