import Foundation

/// Classifies a `/status` diagnostic line by the wordings Claude Code has used across versions (reference §2.2),
/// tolerating captures that lost their spaces. Unknown wordings are `other`, kept as printed.
enum DiagnosticClassifier {
    static func classify(_ message: String) -> Diagnostic {
        let text = message.collapsingSpaces
        let squashed = text.squashed
        if let mismatch = configMismatch(in: text) {
            return Diagnostic(
                message: text, kind: .configMismatch, severity: .warning,
                details: ["running": mismatch.running, "configured": mismatch.configured])
        }
        if squashed.contains("permissionsforautoupdates") {
            var details = ["auto_update": "false"]
            if squashed.contains("requiressudo") { details["requires_sudo"] = "true" }
            return Diagnostic(message: text, kind: .updatePermissions, severity: .warning, details: details)
        }
        if squashed.contains("multipleinstallationsdetected") {
            let count = text.after("(").map { String($0.prefix { $0.isNumber }) } ?? ""
            return Diagnostic(
                message: text, kind: .multipleInstallations, severity: .warning,
                details: count.isEmpty ? [:] : ["count": count])
        }
        if squashed.contains("foundinvalidsettingsfiles") || squashed.contains("foundinvalidentriesin") {
            let files = (text.after("files:") ?? text.after("entries in:") ?? "").trimmed
            return Diagnostic(message: text, kind: .invalidSettings, severity: .error, details: detail("files", files))
        }
        if squashed.contains("notinyourpath")
            || (squashed.contains("claudecommandat") && squashed.contains("missingorbroken"))
        {
            return Diagnostic(message: text, kind: .path, severity: .warning, details: pathDetails(text))
        }
        if let leftover = leftover(in: text) {
            return Diagnostic(message: text, kind: .leftoverInstallation, severity: .info, details: leftover)
        }
        if isBrokenInstallation(squashed) {
            let path = (text.after(" at ") ?? text.after("binary:") ?? "").trimmed
            return Diagnostic(message: text, kind: .brokenInstallation, severity: .error, details: detail("path", path))
        }
        if squashed.hasPrefix("large"), squashed.contains("willimpactperformance") {
            return Diagnostic(message: text, kind: .largeMemoryFile, severity: .info, details: largeFile(text))
        }
        let severity: Diagnostic.Severity = squashed.contains("globpatternsinsandbox") ? .info : .warning
        return Diagnostic(message: text, kind: .other, severity: severity)
    }

    /// `running` and `configured` from every known mismatch wording, quotes removed.
    static func configMismatch(in text: String) -> (running: String, configured: String)? {
        let squashed = text.squashed
        if squashed.contains("configmismatch"), let afterRunning = text.after("running") {
            guard let butRange = afterRunning.range(of: "but config says", options: .caseInsensitive) else {
                return looseMismatch(squashed)
            }
            let running = String(afterRunning[..<butRange.lowerBound]).trimmed
            let configured = String(afterRunning[butRange.upperBound...]).trimmed
            return (running, unquoted(configured))
        }
        if squashed.hasPrefix("running"), squashed.contains("installationbutconfiginstallmethodis") {
            let running =
                squashed.hasPrefix("runningfromlocal")
                ? "local" : squashed.hasPrefix("runningnative") ? "native" : "unknown"
            if let configured = text.after("install method is") {
                return (running, unquoted(configured.trimmed))
            }
            let tail = squashed.components(separatedBy: "installmethodis").last ?? ""
            return (running, tail)
        }
        return nil
    }

    private static func looseMismatch(_ squashed: String) -> (running: String, configured: String)? {
        guard let running = squashed.components(separatedBy: "running").last?.components(separatedBy: "butconfigsays"),
            running.count == 2
        else { return nil }
        return (running[0], running[1])
    }

    private static func unquoted(_ text: String) -> String {
        var value = text.trimmed
        if value.hasSuffix(".") { value.removeLast() }
        for quote in ["'", "\"", "`"] where value.hasPrefix(quote) && value.hasSuffix(quote) && value.count >= 2 {
            value = String(value.dropFirst().dropLast())
        }
        return value
    }

    private static func pathDetails(_ text: String) -> [String: String] {
        if let command = text.after("claude command at") {
            let path = command.components(separatedBy: " missing").first?.trimmed ?? ""
            return detail("path", path)
        }
        let directory = text.components(separatedBy: " is not in your PATH").first?.after("exists but") ?? ""
        return detail("directory", directory.trimmed)
    }

    private static func leftover(in text: String) -> [String: String]? {
        let squashed = text.squashed
        if squashed.contains("leftovernpmglobalinstallation") || squashed.contains("orphanednpmglobalpackage") {
            return ["kind": "npm-global"].merging(detail("path", (text.after(" at ") ?? "").trimmed)) { $1 }
        }
        if squashed.contains("leftovernpmlocalinstallation") {
            return ["kind": "npm-local"].merging(detail("path", (text.after(" at ") ?? "").trimmed)) { $1 }
        }
        if squashed.contains("localinstallationexistsbutnotbeingused") { return ["kind": "local"] }
        return nil
    }

    private static func isBrokenInstallation(_ squashed: String) -> Bool {
        [
            "claudecommandismissingorinvalid", "claudecommandnotfound", "doesnotexist", "claudesymlinkpointstomissing",
            "isnotavalidclaudebinary", "localinstallationnotaccessible",
        ]
        .contains { squashed.contains($0) }
    }

    private static func largeFile(_ text: String) -> [String: String] {
        var details: [String: String] = [:]
        if let path = text.after("Large ")?.components(separatedBy: " will impact").first {
            details["path"] = path.trimmed
        }
        if let numbers = text.after("(")?.components(separatedBy: ">"), numbers.count == 2 {
            details["chars"] = String(numbers[0].filter(\.isNumber))
            details["max"] = String(numbers[1].filter(\.isNumber))
        }
        return details
    }

    private static func detail(_ key: String, _ value: String) -> [String: String] {
        value.isEmpty ? [:] : [key: value]
    }
}
