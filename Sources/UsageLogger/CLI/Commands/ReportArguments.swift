import Foundation

/// What `report` and `export` read, from their shared options: the log directories (`--logs`, repeatable, `name=DIR`
/// for a label), the time range (`--since`, `--until`: dates and times in `--tz`, full ISO-8601, or a time ago such
/// as `7d`) and the window filter (`--window`, a case-insensitive part of the name). A bad value is a
/// `CommandLineError` (exit 64) that names the option, the value and what is allowed.
struct ReportArguments: Sendable, Equatable {
    var sources: [LogSource]
    /// Seconds since 1970; `since` inclusive, `until` exclusive.
    var since: Double?
    var until: Double?
    var timeZone: TimeZone
    /// Only windows whose name contains this, ignoring case.
    var window: String?

    static let logs = CommandSpec.Option(
        name: "--logs", valueName: "DIR",
        help:
            "a log directory or database file to read, or NAME=DIR to label it; repeat to merge several (default: the configured one)",
        isRepeatable: true)
    static let since = CommandSpec.Option(
        name: "--since", valueName: "WHEN",
        help: "from this time on: 2026-03-01, 2026-03-01T14:00, an ISO-8601 date-time, or 7d, 24h, 30m, 2w ago")
    static let until = CommandSpec.Option(
        name: "--until", valueName: "WHEN", help: "before this time (the same forms as --since)")
    static let timeZone = CommandSpec.Option(
        name: "--tz", valueName: "ZONE",
        help: "the time zone of dates, an IANA name such as Europe/Paris (default: local)")
    static let window = CommandSpec.Option(
        name: "--window", valueName: "NAME", help: "only windows whose name contains NAME (any case), e.g. session")

    /// The options both commands declare, in help order.
    static let options = [logs, since, until, timeZone, window]

    /// Reads the shared options as a command run in `context` sees them: by default the configured log directory,
    /// or with `PET_LOG_STORAGE_TYPE=sqlite|hybrid` the database; paths from its current directory and home.
    static func parse(
        _ arguments: ParsedArguments, command: String, context: CommandContext
    ) throws(CommandLineError) -> ReportArguments {
        // Only when no --logs is given: bringing the configured database up to date is no business of a report of
        // other logs.
        let source =
            arguments.values(of: logs).isEmpty
            ? defaultSource(context: context)
            : LogSource(
                path: LogDirectory.choose(
                    configuration: context.configuration, currentDirectory: context.currentDirectory
                ).path)
        return try parse(
            arguments, command: command, defaultDirectory: source.path,
            defaultDatabase: source.isDatabase ? source.path : nil, currentDirectory: context.currentDirectory,
            home: context.configuration.home)
    }

    /// What is read when no `--logs` is given: the configured log directory, or with `PET_LOG_STORAGE_TYPE=sqlite|
    /// hybrid` the database, brought up to date with the logs first (`DatabaseCatchUp`: the whole logs after a
    /// switch, with progress on a terminal). A `hybrid` database that cannot be brought up to date is said, and the
    /// logs, which hold every record, are read instead.
    static func defaultSource(context: CommandContext) -> LogSource {
        let configuration = context.configuration
        let directory = LogDirectory.choose(configuration: configuration, currentDirectory: context.currentDirectory)
        guard configuration.storageType != .jsonl else { return LogSource(path: directory.path) }
        let database = LogSource(path: configuration.databasePath ?? directory.paths.defaultDatabase, isDatabase: true)
        var progress = ProgressLine(console: context.console)
        defer { progress.clear() }
        do {
            try DatabaseCatchUp(directory: directory.path, configuration: configuration).run { progress.show($0) }
        } catch {
            // `sqlite`: the database is all there is, and reading it says what is wrong.
            guard configuration.storageType == .hybrid, FileSystem.kind(of: directory.path) == .directory else {
                return database
            }
            progress.clear()
            context.console.errorLine("warning: \(error); reading the JSONL logs instead")
            return LogSource(path: directory.path)
        }
        return database
    }

    /// Reads the shared options of `command`'s parsed line. `defaultDirectory` is the configured log directory, and
    /// `defaultDatabase` the database read instead when storage is not `jsonl`; relative paths are taken from `currentDirectory`, `~/` from `home`; relative times count back from `now`.
    static func parse(
        _ arguments: ParsedArguments, command: String, defaultDirectory: String, defaultDatabase: String? = nil,
        currentDirectory: String, home: String, now: Date = Date(), localTimeZone: TimeZone = .current
    ) throws(CommandLineError) -> ReportArguments {
        var zone = localTimeZone
        if let name = arguments.value(of: Self.timeZone) {
            guard let named = TimeZone(identifier: name) else {
                throw CommandLineError(
                    "--tz '\(name)' is not a time zone; use an IANA name such as Europe/Paris, America/New_York or UTC",
                    command: command)
            }
            zone = named
        }
        let moments = WhenText(now: now, timeZone: zone)
        var since: Double?
        var until: Double?
        for (option, target) in [(Self.since, 0), (Self.until, 1)] {
            guard let text = arguments.value(of: option) else { continue }
            guard let seconds = moments.seconds(text) else {
                throw CommandLineError(
                    "\(option.name) '\(text)' is not a time; use a date (2026-03-01), a date and time in --tz "
                        + "(2026-03-01T14:00 or '2026-03-01 14:00'), an ISO-8601 date-time (2026-03-01T14:00:00Z), "
                        + "or a time ago such as 7d, 24h, 30m or 2w",
                    command: command)
            }
            if target == 0 { since = seconds } else { until = seconds }
        }
        if let since, let until, since >= until {
            throw CommandLineError(
                "--since '\(arguments.value(of: Self.since) ?? "")' is not before --until "
                    + "'\(arguments.value(of: Self.until) ?? "")'; give an earlier --since or a later --until",
                command: command)
        }
        let window = arguments.value(of: Self.window)
        if let window, window.trimmingCharacters(in: .whitespaces).isEmpty {
            throw CommandLineError("--window needs a part of a window's name, e.g. session or week", command: command)
        }
        let defaultSource = defaultDatabase.map { LogSource(path: $0, isDatabase: true) }
        let sources = try Self.sources(
            arguments.values(of: Self.logs), command: command,
            defaultSource: defaultSource ?? LogSource(path: defaultDirectory), currentDirectory: currentDirectory,
            home: home)
        return ReportArguments(sources: sources, since: since, until: until, timeZone: zone, window: window)
    }

    /// Whether a window of this name is shown (`--window`: a part of the name, any case).
    func includes(window name: String) -> Bool {
        guard let window else { return true }
        return ReportSettings.window(name, matches: window)
    }

    /// The reader for these directories and this range.
    func reader(logs: Set<LogName> = Set(LogName.readings)) -> ReportLogReader {
        ReportLogReader(sources: sources, logs: logs, since: since, until: until)
    }

    /// `--logs` values as labelled sources: `NAME=DIR` keeps its name; several unnamed ones are labelled by the end of
    /// their path (as many components as make the labels differ); one alone has no label. A path to a file (or
    /// to nothing yet, named `.db`, `.sqlite` or `.sqlite3`) is a database.
    static func sources(
        _ values: [String], command: String, defaultSource: LogSource, currentDirectory: String, home: String
    ) throws(CommandLineError) -> [LogSource] {
        guard !values.isEmpty else { return [defaultSource] }
        var named: [(label: String?, path: String)] = []
        for value in values {
            var label: String?
            var path = value
            if let equals = value.firstIndex(of: "="), !value[..<equals].contains("/"), equals != value.startIndex {
                label = String(value[..<equals])
                path = String(value[value.index(after: equals)...])
            }
            guard !path.isEmpty else {
                throw CommandLineError(
                    "--logs '\(value)' names no directory; use DIR or NAME=DIR, e.g. --logs laptop=~/laptop-logs",
                    command: command)
            }
            let absolutePath = absolute(path, currentDirectory: currentDirectory, home: home)
            if absolutePath.hasSuffix(".jsonl") || absolutePath.contains(".jsonl.") {
                throw CommandLineError(
                    "--logs '\(value)' is a log file; give its directory (every log and rotated file there is read) "
                        + "or a database file (.db)",
                    command: command)
            }
            guard !named.contains(where: { $0.path == absolutePath }) else {
                throw CommandLineError(
                    "--logs '\(value)' is given twice: its records would be counted twice; give each directory once",
                    command: command)
            }
            named.append((label, absolutePath))
        }
        guard named.count > 1 else {
            return [LogSource(label: named[0].label ?? "", path: named[0].path, isDatabase: isDatabase(named[0].path))]
        }
        let unnamed = named.filter { $0.label == nil }.map(\.path)
        let labels = distinctTails(unnamed)
        var next = 0
        return named.map { entry in
            if let label = entry.label {
                return LogSource(label: label, path: entry.path, isDatabase: isDatabase(entry.path))
            }
            defer { next += 1 }
            return LogSource(label: labels[next], path: entry.path, isDatabase: isDatabase(entry.path))
        }
    }

    private static func isDatabase(_ path: String) -> Bool {
        switch FileSystem.kind(of: path) {
        case .regular: true
        case .missing: [".db", ".sqlite", ".sqlite3"].contains { path.hasSuffix($0) }
        default: false
        }
    }

    /// The shortest endings of `paths` (last component, then the last two, …) that tell them apart.
    private static func distinctTails(_ paths: [String]) -> [String] {
        let components = paths.map { $0.split(separator: "/").map(String.init) }
        let longest = components.map(\.count).max() ?? 1
        var tails: [String] = []
        for count in 1...max(longest, 1) {
            tails = components.map { $0.suffix(count).joined(separator: "/") }
            if Set(tails).count == tails.count { break }
        }
        return tails
    }

    /// `path` from `currentDirectory`, `~/` from `home`, without a trailing slash.
    static func absolute(_ path: String, currentDirectory: String, home: String) -> String {
        var path = path
        if path == "~" || path.hasPrefix("~/") { path = home + path.dropFirst() }
        if !path.hasPrefix("/") { path = currentDirectory + "/" + path }
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
