import Foundation
import Testing

@testable import UsageLogger

/// CLI/ExitCode+Outcomes.swift: outcomes as data in, exit codes and words out.
@Suite("Outcome mapping")
struct OutcomeMappingTests {
    @Test(
        "screen verdicts map to 0, 65 and 69",
        arguments: [
            (ScreenVerdict.complete, ExitCode.success), (.nothingRecognised, .dataError), (.probeFailed, .unavailable),
        ])
    func verdicts(verdict: ScreenVerdict, code: ExitCode) {
        #expect(ExitCode(verdict) == code)
    }

    @Test("write errors map to 73 when the file cannot be created and 74 when writing fails")
    func writeErrors() {
        #expect(ExitCode(LogWriteError.cannotOpen(path: "p", reason: "r")) == .cannotCreate)
        #expect(ExitCode(LogWriteError.notARegularFile(path: "p", what: "a directory")) == .cannotCreate)
        #expect(ExitCode(LogWriteError.lowSpace(path: "p", available: 1, minimum: 2)) == .ioError)
        #expect(ExitCode(LogWriteError.writeFailed(path: "p", reason: "r")) == .ioError)
    }

    @Test("a probe that wrote an error record is 69; skipped and cancelled probes are 0")
    func recorderOutcomes() {
        #expect(ExitCode(Recorder.Outcome.written(problem: nil, verdict: .complete, notes: [])) == .success)
        #expect(
            ExitCode(Recorder.Outcome.written(problem: "x", verdict: .nothingRecognised, notes: [])) == .unavailable)
        #expect(ExitCode(Recorder.Outcome.skipped(holder: 1)) == .success)
        #expect(ExitCode(Recorder.Outcome.cancelled) == .success)
        #expect(ExitCode(Recorder.Outcome.writeFailed(.writeFailed(path: "p", reason: "r"))) == .ioError)
    }

    @Test("the companion exits 69 only when every probe is switched off, and says why it ends")
    func endings() {
        let capture = CapturingConsole()
        #expect(capture.console.say(.stopped) == .success)
        #expect(capture.console.say(.probeLimitReached) == .success)
        #expect(capture.console.say(.idle(milliseconds: 1_800_000)) == .success)
        #expect(capture.console.say(.everyProbeSwitchedOff) == .unavailable)
        #expect(
            capture.standardError
                == "usage-logger: no statusline for 30 min; the companion exits\n"
                + "usage-logger: every probe is switched off after repeated failures; the companion exits\n")
    }

    @Test("at a terminal `run` says each probe: kind, result, duration and the next turn; elsewhere nothing")
    func turnLines() {
        let event = Companion.Event.turnEnded(.usage, succeeded: true, durationMs: 2_140, next: .status, inMs: 58_000)
        let watched = CapturingConsole()
        var console = watched.console
        console.errorIsTerminal = true
        console.say(event)
        #expect(watched.standardError.hasSuffix(" usage recorded in 2.1 s; next status in 58 s\n"))
        let service = CapturingConsole()
        service.console.say(event)
        #expect(service.standardError.isEmpty)
    }

    @Test("events and notes are said on stderr, one line each")
    func events() throws {
        let capture = CapturingConsole()
        let console = capture.console
        console.say(
            Companion.Event.probed(.usage, .written(problem: "claude exited", verdict: .probeFailed, notes: [])))
        console.say(Companion.Event.probed(.status, .skipped(holder: 7)))
        console.say(Companion.Event.reloaded)
        let error = try #require(throws: ConfigurationError.self) {
            try Configuration(environment: ["HOME": "/nonexistent", "PET_LOG_MAX_FILES": "none"])
        }
        console.say(Companion.Event.reloadFailed(error))
        console.say(Recorder.Note.rotated(.usage))
        console.say(ConfigurationWarning.unknownSetting(name: "PET_X", file: "/c.env", suggestion: "PET_Y"))
        #expect(
            capture.standardError.split(separator: "\n") == [
                "usage-logger: usage: claude exited",
                "usage-logger: configuration reloaded",
                "usage-logger: PET_LOG_MAX_FILES='none' is not valid: use a whole number, at least 1; kept the previous configuration",
                "usage-logger: note: rotated usage.jsonl",
                "usage-logger: warning: PET_X (in /c.env) is not a usage-logger setting; did you mean PET_Y?",
            ])
    }
}
