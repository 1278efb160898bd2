/// The privacy options everything written to disk passes, records and state files alike: never a credential
/// (always on, see `CredentialScrubber`), with `PET_ANONYMIZE_EMAIL` no clear-text address anywhere in it, with
/// `PET_EXCLUDE_CWD` every `cwd` and `working_directory` member null and no working or home directory in any text
/// (`<cwd>` and `~` instead).
/// Applied by `RecordSink`, `StateStore` and `SessionContext` (and by the commands that print a record), never by
/// each record builder on its own.
public struct RecordPrivacy: Sendable, Equatable {
    public var anonymizeEmail: Bool
    public var excludeCwd: Bool
    /// The home directory, written `~` under `excludeCwd`.
    public var home: String?

    /// The members that hold a working directory: nulled under `excludeCwd`, and their values taken out of
    /// every text of the same value.
    static let directoryMembers: Set<String> = ["cwd", "working_directory"]

    public init(anonymizeEmail: Bool = false, excludeCwd: Bool = false, home: String? = nil) {
        self.anonymizeEmail = anonymizeEmail
        self.excludeCwd = excludeCwd
        self.home = home
    }

    public init(configuration: Configuration) {
        self.init(
            anonymizeEmail: configuration.anonymizeEmail, excludeCwd: configuration.excludeCwd,
            home: configuration.home)
    }

    /// The record (or state) as it may leave the process. Applying it twice changes nothing more.
    public func apply(_ record: JSONValue) -> JSONValue {
        var record = record.redactingCredentials()
        if excludeCwd {
            let paths = PathScrubber(home: home, workingDirectories: record.strings(inMembers: Self.directoryMembers))
            record = record.nullingMembers(named: Self.directoryMembers)
            if !paths.isEmpty { record = record.mappingStrings(paths.scrub) }
        }
        if anonymizeEmail { record = record.mappingStrings(EmailScrubber.scrub) }
        // Credentials first (a redacted key no longer hides a path glued to it) and again last (a hash written
        // after `://user:` is no password), so that applying this twice changes nothing more: `state.json` is
        // compared in this form with the next `/status`.
        return record.redactingCredentials()
    }

    /// Diagnostics as they are stored: in `diagnostics.jsonl` and in `state.json`, where they are compared with
    /// the next `/status` in this same form.
    public func apply(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        let paths = PathScrubber(home: excludeCwd ? home : nil, workingDirectories: [])
        func text(_ value: String) -> String {  // the steps of `apply(_:)`, in its order
            let value = paths.scrub(CredentialScrubber.scrub(value))
            return CredentialScrubber.scrub(anonymizeEmail ? EmailScrubber.scrub(value) : value)
        }
        return diagnostics.map {
            Diagnostic(
                message: text($0.message), kind: $0.kind, severity: $0.severity, details: $0.details.mapValues(text))
        }
    }
}

extension JSONValue {
    /// The same value with every credential redacted: in any text, and as the whole value of a member whose name
    /// says it holds a secret (`api_key`, `client_secret`).
    func redactingCredentials(member name: String? = nil) -> JSONValue {
        switch self {
        case .string(let text):
            .string(name.map { CredentialScrubber.scrub(member: $0, value: text) } ?? CredentialScrubber.scrub(text))
        case .array(let values): .array(values.map { $0.redactingCredentials(member: name) })
        case .object(let members): .object(members.map { ($0.0, $0.1.redactingCredentials(member: $0.0)) })
        default: self
        }
    }

    /// The same value with every object member whose name is in `names`, at any depth, set to null.
    func nullingMembers(named names: Set<String>) -> JSONValue {
        switch self {
        case .array(let values): .array(values.map { $0.nullingMembers(named: names) })
        case .object(let members):
            .object(members.map { ($0.0, names.contains($0.0) ? .null : $0.1.nullingMembers(named: names)) })
        default: self
        }
    }

    /// The string values of every member whose name is in `names`, at any depth.
    func strings(inMembers names: Set<String>) -> [String] {
        switch self {
        case .array(let values): values.flatMap { $0.strings(inMembers: names) }
        case .object(let members):
            members.flatMap { name, value in
                names.contains(name) ? (value.stringValue.map { [$0] } ?? []) : value.strings(inMembers: names)
            }
        default: []
        }
    }
}
