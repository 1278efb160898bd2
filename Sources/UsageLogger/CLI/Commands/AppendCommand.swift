import Foundation

/// `usage-logger append usage|status|diagnostics [FILE]`: JSON lines from another source, through the same
/// safe, rotated writer. Each line must be a JSON object whose `timestamp`, if any, is an ISO-8601 date-time; one is
/// added first when missing. A bad line is reported with its number and nothing of it is written; the good ones are.
enum AppendCommand {
    static let log = CommandSpec.Argument(
        name: "log", values: LogName.readings.map(\.rawValue), help: "the log to append to")
    static let file = CommandSpec.Argument(
        name: "file", isOptional: true, isFile: true, help: "the JSON lines; standard input when left out or -")

    static let spec = CommandSpec(
        name: "append", abstract: "Append JSON lines from another source through the same safe writer",
        arguments: [log, file],
        discussion: """
            Appends JSON lines (from FILE, or standard input) to usage.jsonl, status.jsonl or diagnostics.jsonl
            through the same locked, rotated, 0600 writer as `once`, so other sources (your own scraper, another
            tool's export) land in the same files. Each line must be one JSON object; its `timestamp` must be an
            ISO-8601 date-time with Z or an offset (2026-11-23T13:02:05.123Z, 2026-11-23T14:02:05+01:00), and is
            added first when it has none. A bad line is reported with its number and nothing of it is written; the
            others are. Works whether or not PET_USAGE_LOGGING_ENABLED is on: you asked for it.
            """,
        epilogue: """
            Example:
              echo '{"usage_data":{"source":"my-scraper","state":"ok"}}' | usage-logger append usage
            """,
        exitCodes: [
            .init(.success, meaning: "all lines written"), .init(.dataError, meaning: "some line was rejected"),
            .init(.noInput, meaning: "FILE cannot be read"),
            .init(.cannotCreate, .ioError, meaning: "the log cannot be created or written"),
        ])

    static func run(_ arguments: ParsedArguments, context: CommandContext) -> ExitCode {
        // The parser has made sure a known log is given; `-` is standard input.
        guard let log = arguments.value(of: Self.log, as: LogName.self) else { return .software }
        let input: [UInt8]
        if let file = arguments[Self.file], file != "-" {
            do {
                input = try InputFile.read(file)
            } catch {
                context.console.errorLine(error.description)
                return .noInput
            }
        } else {
            input = context.console.readInput()
        }
        let (records, rejected) = records(from: input, context: context)
        guard let directory = LoggingSwitch.prepareDirectory(context) else { return .cannotCreate }
        let sink = RecordSink(directory: directory.path, configuration: context.configuration)
        do {
            let report = try sink.append(records, to: log)
            if let repair = report.repairedTail { context.console.say(repair, in: log) }
            if let failure = report.databaseFailure { context.console.say(.databaseFailed(failure)) }
            if context.configuration.debug {  // as `once` says them
                if report.tightenedPermissions { context.console.say(.tightenedPermissions(path: sink.path(of: log))) }
                if report.rotated { context.console.say(.rotated(log)) }
            }
        } catch {
            context.console.errorLine(error.description)
            return ExitCode(error)
        }
        let plural = records.count == 1 ? "" : "s"
        context.console.errorLine("appended \(records.count) record\(plural) to \(sink.path(of: log))")
        return rejected > 0 ? .dataError : .success
    }

    /// The records to write, and how many lines were rejected (each said on stderr with its number).
    private static func records(from input: [UInt8], context: CommandContext) -> ([JSONValue], Int) {
        var records: [JSONValue] = []
        var rejected = 0
        let now = Timestamp.string(from: Date())
        for (index, line) in input.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let bytes = Array(line.last == 0x0D ? line.dropLast() : line)
            guard bytes.contains(where: { ![0x20, 0x09].contains($0) }) else { continue }
            do {
                records.append(try record(from: bytes, now: now))
            } catch {
                rejected += 1
                context.console.errorLine("line \(index + 1): \(error); not written")
            }
        }
        return (records, rejected)
    }

    /// Why a line is not written.
    private struct RejectedLine: Error, CustomStringConvertible {
        let description: String
    }

    /// One line as a record: a JSON object whose `timestamp` (added when missing) is an ISO-8601 date-time, since
    /// the readers and the README's recipes sort and group by it.
    private static func record(from bytes: [UInt8], now: String) throws(RejectedLine) -> JSONValue {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw RejectedLine(description: error.description)
        }
        guard case .object(var members) = value else { throw RejectedLine(description: "not a JSON object") }
        let timestamps = members.filter { $0.0 == "timestamp" }.map(\.1)
        if timestamps.isEmpty { members.insert(("timestamp", .string(now)), at: 0) }
        for timestamp in timestamps {
            if case .string(let text) = timestamp, Timestamp.date(iso8601: text) != nil { continue }
            let shown = timestamp.serialized()
            throw RejectedLine(
                description: "timestamp \(shown.count > 60 ? shown.prefix(57) + "..." : shown) is not an ISO-8601 "
                    + "date-time; write it as 2026-11-23T13:02:05.123Z (Z or an offset such as +01:00, fractional "
                    + "seconds optional), or leave it out to have the time of appending")
        }
        return .object(members)
    }
}
