import Testing

@testable import UsageLogger

@Suite("Diagnostic classifier")
struct DiagnosticClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let message: String
        let kind: Diagnostic.Kind
        let severity: Diagnostic.Severity
        let details: [String: String]
        var testDescription: String { message }
    }

    static let wordings: [Case] = [
        Case(
            message: "Config mismatch: running npm-global but config says unknown", kind: .configMismatch,
            severity: .warning, details: ["running": "npm-global", "configured": "unknown"]),
        Case(
            message: "Installation config mismatch: running npm-global but config says npm-global",
            kind: .configMismatch, severity: .warning, details: ["running": "npm-global", "configured": "npm-global"]),
        Case(
            message: "Running native installation but config install method is 'global'", kind: .configMismatch,
            severity: .warning, details: ["running": "native", "configured": "global"]),
        Case(
            message: "Running from local installation but config install method is 'not set'", kind: .configMismatch,
            severity: .warning, details: ["running": "local", "configured": "not set"]),
        Case(
            message: "Insufficient permissions for auto-updates with global npm", kind: .updatePermissions,
            severity: .warning, details: ["auto_update": "false"]),
        Case(
            message: "No write permissions for auto-updates (requires sudo)", kind: .updatePermissions,
            severity: .warning, details: ["auto_update": "false", "requires_sudo": "true"]),
        Case(
            message: "No write permissions for auto-updates", kind: .updatePermissions, severity: .warning,
            details: ["auto_update": "false"]),
        Case(
            message: "Multiple installations detected (3 found)", kind: .multipleInstallations, severity: .warning,
            details: ["count": "3"]),
        Case(
            message: "Found invalid entries in: ~/.claude/settings.json.", kind: .invalidSettings, severity: .error,
            details: ["files": "~/.claude/settings.json."]),
        Case(
            message: "Native installation exists but ~/.local/bin is not in your PATH", kind: .path, severity: .warning,
            details: ["directory": "~/.local/bin"]),
        Case(
            message:
                "claude command at /home/u/.local/bin/claude missing or broken (/home/u/.local/bin does not exist)",
            kind: .path, severity: .warning, details: ["path": "/home/u/.local/bin/claude"]),
        Case(
            message: "Leftover npm global installation at /usr/lib/node_modules/@anthropic-ai/claude-code",
            kind: .leftoverInstallation, severity: .info,
            details: ["kind": "npm-global", "path": "/usr/lib/node_modules/@anthropic-ai/claude-code"]),
        Case(
            message: "Leftover npm local installation at ~/.claude/local", kind: .leftoverInstallation, severity: .info,
            details: ["kind": "npm-local", "path": "~/.claude/local"]),
        Case(
            message: "Orphaned npm global package at /usr/lib/node_modules/x", kind: .leftoverInstallation,
            severity: .info, details: ["kind": "npm-global", "path": "/usr/lib/node_modules/x"]),
        Case(
            message: "Local installation exists but not being used", kind: .leftoverInstallation, severity: .info,
            details: ["kind": "local"]),
        Case(
            message: "installMethod is native, but claude command not found at /home/u/.local/bin/claude",
            kind: .brokenInstallation, severity: .error, details: ["path": "/home/u/.local/bin/claude"]),
        Case(
            message: "Claude symlink points to missing or invalid binary: /opt/claude/2.1", kind: .brokenInstallation,
            severity: .error, details: ["path": "/opt/claude/2.1"]),
        Case(message: "Local installation not accessible", kind: .brokenInstallation, severity: .error, details: [:]),
        Case(
            message: "Large ./CLAUDE.md will impact performance (52000 chars > 40000)", kind: .largeMemoryFile,
            severity: .info, details: ["path": "./CLAUDE.md", "chars": "52000", "max": "40000"]),
        Case(
            message: "Glob patterns in sandbox permission rules are not fully supported on Linux", kind: .other,
            severity: .info, details: [:]),
        Case(
            message: "Transcript retention cleanup is paused until the settings errors above are fixed", kind: .other,
            severity: .warning, details: [:]),
    ]

    @Test("every known wording is classified with its fields", arguments: wordings)
    func classify(_ wording: Case) {
        let diagnostic = DiagnosticClassifier.classify(wording.message)
        #expect(diagnostic.kind == wording.kind)
        #expect(diagnostic.severity == wording.severity)
        #expect(diagnostic.details == wording.details)
        #expect(diagnostic.message == wording.message)
    }

    @Test("a mismatch whose spaces were lost still yields both sides")
    func lostSpaces() {
        let diagnostic = DiagnosticClassifier.classify("Configmismatch:runningnpm-globalbutconfigsaysunknown")
        #expect(diagnostic.kind == .configMismatch)
        #expect(diagnostic.details == ["running": "npmglobal", "configured": "unknown"])
    }

    @Test("two wordings of one mismatch give one pair but two warnings")
    func duplicateMismatch() {
        var report = StatusReport()
        report.diagnostics = [
            "Installation config mismatch: running native but config says global",
            "Running native installation but config install method is 'global'",
        ].map(DiagnosticClassifier.classify)
        #expect(report.diagnostics.count == 2)
        #expect(report.configMismatches.count == 1)
    }
}
