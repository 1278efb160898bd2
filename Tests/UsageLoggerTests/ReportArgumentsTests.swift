import Foundation
import Testing

@testable import UsageLogger

@Suite("Report arguments")
struct ReportArgumentsTests {
    static let spec = CommandSpec(name: "export", abstract: "Export", options: ReportArguments.options)
    /// 2026-03-10T12:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_773_144_000)

    func parse(_ words: [String], zone: String = "UTC") throws(CommandLineError) -> ReportArguments {
        let parsed = try ArgumentParser(spec: Self.spec).parse(words)
        return try ReportArguments.parse(
            parsed, command: "export", defaultDirectory: "/home/me/.claude/pets/logs", currentDirectory: "/work",
            home: "/home/me", now: Self.now, localTimeZone: TimeZone(identifier: zone) ?? .gmt)
    }

    static func seconds(_ iso: String) -> Double? { Timestamp.date(iso8601: iso)?.timeIntervalSince1970 }

    @Test("without options: the configured directory, unlabelled, no range, the local zone")
    func defaults() throws {
        let arguments = try parse([], zone: "Europe/Paris")
        #expect(arguments.sources == [LogSource(path: "/home/me/.claude/pets/logs")])
        #expect(arguments.since == nil && arguments.until == nil && arguments.window == nil)
        #expect(arguments.timeZone.identifier == "Europe/Paris")
    }

    @Test(
        "--since and --until take dates, date-times in --tz, ISO-8601 and times ago",
        arguments: [
            ("2026-03-01", "2026-03-01T00:00:00Z", "UTC"),
            ("2026-03-01", "2026-02-28T23:00:00Z", "Europe/Paris"),
            ("2026-03-01T14:00", "2026-03-01T13:00:00Z", "Europe/Paris"),
            ("2026-03-01 14:00", "2026-03-01T19:00:00Z", "America/New_York"),
            ("2026-03-01T14:00:30", "2026-03-01T14:00:30Z", "UTC"),
            ("2026-07-01", "2026-06-30T22:00:00Z", "Europe/Paris"),  // summer time
            ("2026-03-01T14:00:00Z", "2026-03-01T14:00:00Z", "Asia/Tokyo"),
            ("2026-03-01T14:00:00.250+02:00", "2026-03-01T12:00:00.250Z", "UTC"),
            ("7d", "2026-03-03T12:00:00Z", "UTC"),
            ("24h", "2026-03-09T12:00:00Z", "UTC"),
            ("30m", "2026-03-10T11:30:00Z", "UTC"),
            ("2w", "2026-02-24T12:00:00Z", "UTC"),
        ])
    func times(text: String, expected: String, zone: String) throws {
        let arguments = try parse(["--since", text, "--tz", zone])
        #expect(arguments.since == Self.seconds(expected))
        let until = try parse(["--until", text, "--tz", zone])
        #expect(until.until == Self.seconds(expected))
    }

    @Test(
        "a bad value names the option, the value and what is allowed",
        arguments: [
            (["--since", "yesterday"], "--since 'yesterday' is not a time; use a date (2026-03-01)"),
            (["--until", "2026-02-30"], "--until '2026-02-30' is not a time"),
            (["--since", "2026-3-1"], "--since '2026-3-1' is not a time"),
            (["--since", "2026-03-01T25:00"], "--since '2026-03-01T25:00' is not a time"),
            (["--since", "7y"], "--since '7y' is not a time"),
            (["--tz", "Mars/Olympus"], "--tz 'Mars/Olympus' is not a time zone; use an IANA name"),
            (["--since", "2026-03-02", "--until", "2026-03-01"], "--since '2026-03-02' is not before --until"),
            (["--logs", "laptop="], "--logs 'laptop=' names no directory"),
            (["--window", " "], "--window needs a part of a window's name"),
        ])
    func mistakes(words: [String], message: String) {
        do {
            _ = try parse(words)
            Issue.record("accepted \(words)")
        } catch {
            #expect(error.description.hasPrefix(message), "\(error.description)")
            #expect(error.description.hasSuffix("Run 'usage-logger help export'."))
        }
    }

    @Test("--logs: NAME=DIR labels, several unnamed are told apart by their paths' ends, one alone has no label")
    func sources() throws {
        #expect(try parse(["--logs", "old"]).sources == [LogSource(path: "/work/old")])
        #expect(try parse(["--logs", "laptop=~/l/"]).sources == [LogSource(label: "laptop", path: "/home/me/l")])
        #expect(
            try parse(["--logs", "/a/x/logs", "--logs", "/b/y/logs", "--logs", "w=/c/z", "--logs", "/d/=q"]).sources
                == [
                    LogSource(label: "x/logs", path: "/a/x/logs"), LogSource(label: "y/logs", path: "/b/y/logs"),
                    LogSource(label: "w", path: "/c/z"), LogSource(label: "d/=q", path: "/d/=q"),
                ])
        #expect(
            try parse(["--logs", "/m/laptop", "--logs", "desktop"]).sources == [
                LogSource(label: "laptop", path: "/m/laptop"), LogSource(label: "desktop", path: "/work/desktop"),
            ])
    }

    @Test("--window matches a part of the name, any case")
    func window() throws {
        let arguments = try parse(["--window", "WEEK (all"])
        #expect(arguments.includes(window: "Current week (all models)"))
        #expect(!arguments.includes(window: "Current session"))
        #expect(try parse([]).includes(window: "anything"))
    }
}
