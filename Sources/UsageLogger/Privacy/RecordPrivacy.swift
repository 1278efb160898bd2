/// The privacy options every record passes before it is stored or printed: with `PET_ANONYMIZE_EMAIL` no
/// clear-text address anywhere in it, with `PET_EXCLUDE_CWD` every `cwd` member null. Applied by `RecordSink`
/// (and by the commands that print a record), never by each record builder on its own.
public struct RecordPrivacy: Sendable, Equatable {
    public var anonymizeEmail: Bool
    public var excludeCwd: Bool

    public init(anonymizeEmail: Bool = false, excludeCwd: Bool = false) {
        self.anonymizeEmail = anonymizeEmail
        self.excludeCwd = excludeCwd
    }

    public init(configuration: Configuration) {
        self.init(anonymizeEmail: configuration.anonymizeEmail, excludeCwd: configuration.excludeCwd)
    }

    /// The record as it may leave the process.
    public func apply(_ record: JSONValue) -> JSONValue {
        var record = record
        if excludeCwd { record = record.nullingMembers(named: "cwd") }
        if anonymizeEmail { record = record.mappingStrings(EmailScrubber.scrub) }
        return record
    }
}

extension JSONValue {
    /// The same value with every object member called `name`, at any depth, set to null.
    func nullingMembers(named name: String) -> JSONValue {
        switch self {
        case .array(let values): .array(values.map { $0.nullingMembers(named: name) })
        case .object(let members):
            .object(members.map { ($0.0, $0.0 == name ? .null : $0.1.nullingMembers(named: name)) })
        default: self
        }
    }
}
