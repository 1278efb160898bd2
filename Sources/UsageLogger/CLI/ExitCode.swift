/// Exit codes scripts can rely on (sysexits).
public struct ExitCode: RawRepresentable, Equatable, Sendable, CustomStringConvertible {
    public let rawValue: Int32
    public init(rawValue: Int32) { self.rawValue = rawValue }

    public static let success = ExitCode(rawValue: 0)
    public static let failure = ExitCode(rawValue: 1)
    /// The command line was wrong (unknown command or flag, missing argument).
    public static let usage = ExitCode(rawValue: 64)
    /// The input held nothing recognisable.
    public static let dataError = ExitCode(rawValue: 65)
    /// The input file could not be read.
    public static let noInput = ExitCode(rawValue: 66)
    /// `claude` could not run, failed or timed out.
    public static let unavailable = ExitCode(rawValue: 69)
    public static let software = ExitCode(rawValue: 70)
    public static let cannotCreate = ExitCode(rawValue: 73)
    public static let ioError = ExitCode(rawValue: 74)
    /// Stopped by SIGHUP, SIGINT (Ctrl-C) or SIGTERM, as a shell reports it (128 + the signal).
    public static let hangUp = ExitCode(rawValue: 129)
    public static let interrupted = ExitCode(rawValue: 130)
    public static let terminated = ExitCode(rawValue: 143)
    /// A `PET_*` setting has a value we cannot use.
    public static let configuration = ExitCode(rawValue: 78)

    public var description: String { String(rawValue) }
}
