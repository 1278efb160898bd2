/// Why the logs could not be read; the command says it and chooses the exit code.
public enum ReportReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The directory does not exist.
    case missingDirectory(String)
    /// A directory or file exists but cannot be read.
    case unreadable(path: String, reason: String)
    /// The database could not be opened or read.
    case database(DatabaseError)

    public var description: String {
        switch self {
        case .missingDirectory(let path):
            "no log directory at \(path): check the path given to --logs, or, for the configured one, whether logging "
                + "is enabled (`usage-logger doctor` tells)"
        case .unreadable(let path, let reason):
            "cannot read \(path): \(reason)"
        case .database(let error):
            error.description
        }
    }
}
