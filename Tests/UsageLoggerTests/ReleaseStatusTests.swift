import Foundation
import Testing

@testable import UsageLogger

/// `/status` as each real release from 2.1.1 to 2.1.332 drew it, captured by `Benchmarks/compat.sh`'s recipe (a
/// 200×50 pseudo-terminal, offline, not signed in, HOME `/tmp/compat-home`, Esc once the dialog had settled), with
/// the exact values the screen showed.
@Suite("Status screens of real releases")
struct ReleaseStatusTests {
    struct Release: Sendable, CustomTestStringConvertible {
        let version: String
        let sessionID: String
        let model: String
        var warnings: [String]
        var notices: [String] = []
        var testDescription: String { version }
        var fixture: String { "releases/\(version)-status.raw" }
    }

    static let home = "/tmp/compat-home"
    static let path = "Native installation exists but ~/.local/bin is not in your PATH"
    /// The PATH warning with its fix, which 2.1.19 to 2.1.314 print after one empty row and 2.1.330 right below.
    static let pathRun = path + #". Run: echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc && source ~/.bashrc"#
    static let noDirectory = "installMethod is native, but directory \(home)/.local/bin does not exist"
    static let noCommand = "installMethod is native, but claude command not found at \(home)/.local/bin/claude"
    static let brokenWhy =
        "claude command at \(home)/.local/bin/claude missing or broken (\(home)/.local/bin does not exist)"
    static let broken = "claude command at \(home)/.local/bin/claude missing or broken"
    static func method(_ configured: String) -> String {
        "Running native installation but config install method is '\(configured)'"
    }

    static let releases: [Release] = [
        Release(
            version: "2.1.1", sessionID: "480d4732-49d2-4258-9c23-b3e7f45567ae",
            model: "Default (claude-sonnet-4-5-20250929)",
            warnings: [path, method("unknown"), "Installation config mismatch: running native but config says unknown"]),
        Release(
            version: "2.1.19", sessionID: "3b94d6ec-1010-468a-9829-575a6254a333",
            model: "Default (claude-sonnet-4-5-20250929)",
            warnings: [noDirectory, noCommand, pathRun, path, method("unknown")]),
        Release(
            version: "2.1.71", sessionID: "27406fed-0cf7-4833-9814-6efabefc1e56", model: "Default (claude-sonnet-4-6)",
            warnings: [noDirectory, noCommand, pathRun, path, method("unknown")]),
        Release(
            version: "2.1.97", sessionID: "bf1f344d-1313-48ed-bd72-b37a94a3de6e", model: "Default (claude-sonnet-4-6)",
            warnings: [noDirectory, noCommand, pathRun, path, method("undefined")]),
        Release(
            version: "2.1.139", sessionID: "2d3ae274-a7e0-4935-8566-3635eda04c5c",
            model: "Default (claude-opus-4-7[1m])",
            warnings: [noDirectory, noCommand, pathRun, path, method("not set")]),
        Release(
            version: "2.1.176", sessionID: "8373880b-46cb-4ec7-aa08-b2fa352b2741",
            model: "Default (claude-opus-4-8[1m])", warnings: [brokenWhy, broken, pathRun, path, method("not set")],
            notices: [
                "2 setup issues: plugins, install · /doctor", brokenWhy + " · run claude install to repair",
                broken + " · run claude install to repair",
            ]),
        Release(
            version: "2.1.235", sessionID: "ec941417-ed1d-4d36-9aa5-dc0e24be6ebd", model: "Default (claude-opus-5[1m])",
            warnings: [pathRun, path, method("not set"), brokenWhy, broken]),
        Release(
            version: "2.1.283", sessionID: "bcf8570f-cd55-4ed5-b318-5bd6c5fecb4d", model: "Default (claude-opus-5-5)",
            warnings: [pathRun, path, method("not set"), brokenWhy, broken]),
        Release(
            version: "2.1.314", sessionID: "35761fd3-f6dd-44d0-baf2-8a776a602ebe", model: "Default (claude-opus-5-5)",
            warnings: [pathRun, path, method("not set"), brokenWhy, broken]),
        Release(
            version: "2.1.330", sessionID: "a4fff7a5-9adb-4b46-b875-cd8bda955765", model: "Default (claude-opus-5-5)",
            warnings: [pathRun, method("not set"), brokenWhy]),
        Release(
            version: "2.1.332", sessionID: "d4dbc433-dd60-4778-a1bc-a8bf43b94cc5", model: "Default (claude-opus-5-5)",
            warnings: [pathRun, method("not set"), brokenWhy]),
    ]

    @Test("every release's /status gives its exact version, session, model, cwd and warnings", arguments: releases)
    func release(_ expected: Release) {
        let report = StatusParser.parse(Fixtures.bytes(expected.fixture))
        #expect(report.version == expected.version)
        #expect(report.sessionID == expected.sessionID)
        #expect(report.model == expected.model)
        #expect(report.workingDirectory == Self.home + "/probe")
        #expect(report.authToken == "none")
        #expect(report.diagnostics.map(\.message) == expected.warnings)
        #expect(
            !report.diagnostics.contains { $0.kind == .other }, "\(report.diagnostics.filter { $0.kind == .other })")
    }

    @Test("a warning continued after one empty row by an indented line keeps its fix command (2.1.19)")
    func warningAfterEmptyRow() {
        let report = StatusParser.parse(
            lines: [
                "  System Diagnostics",
                "   ⚠ Native installation exists but ~/.local/bin is not in your PATH. Run:",
                "",
                #"     echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.bashrc && source ~/.bashrc"#,
                "   ⚠ Native installation exists but ~/.local/bin is not in your PATH",
                "",
                "",
                "     not a continuation: two empty rows",
            ])
        #expect(report.diagnostics.map(\.message) == [Self.pathRun, Self.path])
    }

    @Test("start-up notices above the dialog are kept as status_data.notices, not as installation warnings (2.1.176)")
    func notices() {
        let frames = VirtualScreen.frames(of: Fixtures.bytes("releases/2.1.176-status.raw"))
        let screen = ScreenRecord.make(
            kind: .status, frames: frames, capturedAt: Date(), context: RecordContext(sessionID: nil, cwd: nil))
        let json = try? JSONParser.parse(Array(screen.record.serialized().utf8))
        #expect(json?["status_data"]?["notices"]?.arrayValue?.count == 3)
        #expect(json?["diagnostics"]?["warnings"]?.arrayValue?.count == 5)
        #expect(
            json?["diagnostics"]?["warnings"]?.arrayValue?.contains { $0.stringValue?.contains("setup issues") == true }
                == false)
    }

    @Test("a ⚠ row after the panel's footer is no installation warning")
    func afterFooter() {
        let report = StatusParser.parse(
            lines: [
                "  Version: 2.1.19", "  System Diagnostics", "   ⚠ Leftover npm global installation at /x",
                "  Esc to cancel", " ⚠ 1 setup issue · /doctor",
            ])
        #expect(report.diagnostics.map(\.message) == ["Leftover npm global installation at /x"])
        #expect(report.notices == ["1 setup issue · /doctor"])
    }

    @Test(
        "raw (PET_LOGGING_DEBUG) of a whole capture is the frame that was parsed, not the last one",
        arguments: [(ProbeKind.status, "2.1.283-status", "System diagnostics"), (.usage, "2.1.332-usage", "Usage:")])
    func rawOfCapture(_ kind: ProbeKind, _ name: String, _ row: String) {
        let screen = ScreenRecord.make(
            kind: kind, frames: VirtualScreen.frames(of: Fixtures.bytes("releases/\(name).raw")), capturedAt: Date(),
            context: RecordContext(sessionID: nil, cwd: nil, includeRaw: true))
        let raw = screen.record["raw"]?.stringValue ?? ""
        #expect(raw.contains(row), "\(raw)")
    }
}
