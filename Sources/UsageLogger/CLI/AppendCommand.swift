import Foundation

/// `usage-logger append usage|status|diagnostics [FILE]`: JSON lines from another source, through the same
/// safe, rotated writer. Each line must be a JSON object; a `timestamp` is added first when missing. A bad line is
/// reported with its number and nothing of it is written; the good ones are.
enum AppendCommand {
    static func run(_ arguments: [String], context: CommandContext) -> ExitCode {
        let positional = arguments.filter { !$0.hasPrefix("-") || $0 == "-" }
        if let flag = arguments.first(where: { $0.hasPrefix("-") && $0 != "-" }) {
            context.console.errorLine("unknown option '\(flag)' for append. Run 'usage-logger help append'.")
            return .usage
        }
        guard let name = positional.first, let log = LogName(rawValue: name), positional.count <= 2 else {
            context.console.errorLine(
                "append needs a log (usage, status or diagnostics) and at most one file. Run 'usage-logger help append'."
            )
            return .usage
        }
        let input: [UInt8]
        if positional.count == 2, positional[1] != "-" {
            guard let data = FileManager.default.contents(atPath: positional[1]) else {
                context.console.errorLine("cannot read \(positional[1]): no such readable file")
                return .noInput
            }
            input = [UInt8](data)
        } else {
            input = context.console.readInput()
        }
        let (records, rejected) = records(from: input, context: context)
        guard let directory = LoggingSwitch.prepareDirectory(context) else { return .cannotCreate }
        let sink = RecordSink(directory: directory.path, configuration: context.configuration)
        do {
            try sink.append(records, to: log)
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
                guard case .object(var members) = try JSONParser.parse(bytes) else {
                    throw JSONParser.ParseError(offset: 0, reason: "not a JSON object")
                }
                if !members.contains(where: { $0.0 == "timestamp" }) {
                    members.insert(("timestamp", .string(now)), at: 0)
                }
                records.append(.object(members))
            } catch {
                rejected += 1
                context.console.errorLine("line \(index + 1): \(error); not written")
            }
        }
        return (records, rejected)
    }
}
